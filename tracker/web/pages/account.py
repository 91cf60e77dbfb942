"""Signing in and out, unsubscribing from the weekly update, and account administration."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from tracker.store import members, users
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
def unsubscribe_form(request: Request, db: Db, token: str = "") -> Response:
    """The page a digest's unsubscribe link opens: a button, so that a mail scanner following
    the link unsubscribes nobody. No sign-in: the signed token is the credential."""
    member = members.member_for_token(db, token=token, secret=request.app.state.web.check_secret())
    context = {"member": member, "token": token, "done": False}
    return render(request, "web/unsubscribe.html", context, status_code=200 if member else 400)


@router.post("/unsubscribe")
def unsubscribe(request: Request, db: Db, now: Now, token: str = "") -> Response:
    """The button, and mail clients' one-click unsubscribe (RFC 8058: List-Unsubscribe-Post)."""
    secret = request.app.state.web.check_secret()
    member = members.unsubscribe_by_token(db, token=token, secret=secret, now=now)
    context = {"member": member, "token": token, "done": member is not None}
    return render(request, "web/unsubscribe.html", context, status_code=200 if member else 400)


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
