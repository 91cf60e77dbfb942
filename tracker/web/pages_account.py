"""Signing in and out, the unsubscribe placeholder, and account administration."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from tracker.store import users
from tracker.vocab import Role
from tracker.web.auth import Admin, AdminChange, Csrf, Db, Now, client_ip, safe_next, sign_in
from tracker.web.templating import render

router = APIRouter()


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/bills", status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "/bills") -> Response:
    return render(request, "web/login.html", {"next": safe_next(next), "email": "", "error": ""})


@router.post("/login")
def login(
    request: Request,
    db: Db,
    now: Now,
    _csrf: Csrf,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/bills",
) -> Response:
    limit = request.app.state.web.login_rate_limit
    result = users.verify_login(
        db, email=email, password=password, ip=client_ip(request), now=now, limit=limit
    )
    if result.outcome is users.LoginOutcome.RATE_LIMITED:
        minutes = int(users.LOGIN_WINDOW.total_seconds() // 60)
        message = (
            f"Too many failed sign-ins for this account or from this network. "
            f"Wait {minutes} minutes and try again, or ask an administrator."
        )
        context = {"next": safe_next(next), "email": email, "error": message}
        response = render(request, "web/login.html", context, status_code=429)
        response.headers["Retry-After"] = str(int(users.LOGIN_WINDOW.total_seconds()))
        return response
    if result.user is None:
        context = {"next": safe_next(next), "email": email, "error": "Wrong email or password."}
        return render(request, "web/login.html", context, status_code=401)
    sign_in(request, result.user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, _csrf: Csrf) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/unsubscribe")
def unsubscribe(request: Request) -> Response:
    """Placeholder: the weekly digest will link here with a signed token."""
    return render(request, "web/unsubscribe.html", {})


@router.get("/admin/users")
def users_page(request: Request, db: Db, user: Admin) -> Response:
    context = {"nav": "admin", "users": users.list_users(db), "roles": list(Role), "error": ""}
    return render(request, "web/admin_users.html", context)


@router.post("/admin/users")
def add_user(
    request: Request,
    db: Db,
    now: Now,
    user: AdminChange,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[Role, Form()],
    name: Annotated[str, Form()] = "",
) -> Response:
    try:
        users.create_user(
            db, email=email, password=password, role=role, name=name, by=user.email, now=now
        )
    except ValueError as error:
        context = {
            "nav": "admin",
            "users": users.list_users(db),
            "roles": list(Role),
            "error": str(error),
        }
        return render(request, "web/admin_users.html", context, status_code=400)
    return RedirectResponse("/admin/users", status_code=303)


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=what)
