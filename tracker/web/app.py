"""The app factory: `create_app(settings)` builds the FastAPI app; nothing is built at import.

Server-rendered pages (Jinja2, `templates/web/`), htmx for small in-place updates, signed
session cookies, a CSRF token on every form, and a strict Content-Security-Policy (no inline
script or style, nothing from another host).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import HTTPException
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from tracker.config import Settings, WebSettings
from tracker.db import make_engine
from tracker.web.auth import NotSignedIn
from tracker.web.pages import (
    account,
    bills,
    hearings,
    matrix,
    members,
    report,
    review,
    versions,
    webhooks,
)
from tracker.web.templating import forget_review_count, make_templates, render

STATIC_DIR = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(
    settings: Settings,
    web: WebSettings | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> FastAPI:
    """The web app on `settings.database_url`; refuses to start without a real secret key.

    `web` overrides the sign-in settings `settings` carries (tests pass their own); `clock`
    says what time it is (default: `settings.now`, which honours TRACKER_AS_OF)."""
    web = web or settings
    secret = web.check_secret()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="Minnesota education bill tracker",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.engine = make_engine(settings.database_url)
    app.state.settings = settings
    app.state.web = web
    app.state.clock = clock or settings.now
    app.state.templates = make_templates()
    app.state.catalog_cache = None
    app.state.event_verifier = webhooks.event_verifier(settings.sendgrid_webhook_public_key)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="tracker_session",
        max_age=web.session_max_age,
        same_site="lax",
        https_only=web.session_https_only,
    )
    app.middleware("http")(_security_headers)
    app.add_exception_handler(NotSignedIn, _to_login)
    app.add_exception_handler(HTTPException, _error_page)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    pages = (account, bills, versions, review, matrix, hearings, report, members, webhooks)
    for module in pages:
        app.include_router(module.router)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    if request.method not in ("GET", "HEAD"):
        forget_review_count(request)  # a change: the navigation counts the queue afresh
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def _to_login(request: Request, exc: Exception) -> Response:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = "/login?" + urlencode({"next": path})
    if request.headers.get("HX-Request"):
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


async def _error_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titles = {403: "Not allowed", 404: "Not found", 429: "Too many attempts"}
    context = {"title": titles.get(exc.status_code, "Error"), "message": exc.detail}
    response = render(request, "web/error.html", context, status_code=exc.status_code)
    if exc.headers:
        response.headers.update(exc.headers)
    return response
