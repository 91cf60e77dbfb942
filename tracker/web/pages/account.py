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


def _users_page(
    request: Request, db: Db, *, error: str = "", notice: str = "", status_code: int = 200
) -> Response:
    context = {
        "nav": "admin",
        "users": users.list_users(db),
        "roles": list(Role),
        "error": error,
        "notice": notice,
    }
    return render(request, "web/admin_users.html", context, status_code=status_code)


@router.get("/admin/users")
def users_page(request: Request, db: Db, user: Admin) -> Response:
    return _users_page(request, db)


@router.post("/admin/users/{user_id}")
def change_user(
    request: Request,
    user_id: int,
    db: Db,
    now: Now,
    user: AdminChange,
    role: Annotated[Role, Form()],
    active: Annotated[bool, Form()] = False,
) -> Response:
    """Change an account's role, or disable (or enable) it."""
    try:
        event = users.change_user(
            db, user_id=user_id, role=role, active=active, by=user.email, now=now
        )
    except KeyError:
        raise not_found("No such account.") from None
    except users.LastAdmin as error:
        return _users_page(request, db, error=str(error), status_code=400)
    notice = f"Saved {event.subject.removeprefix('user ')}." if event else "Nothing changed."
    return _users_page(request, db, notice=notice)


@router.post("/admin/users/{user_id}/password")
def reset_password(
    request: Request,
    user_id: int,
    db: Db,
    now: Now,
    user: AdminChange,
    password: Annotated[str, Form()],
) -> Response:
    """Set a new password for an account, to hand to its owner."""
    try:
        users.reset_password(db, user_id=user_id, password=password, by=user.email, now=now)
    except KeyError:
        raise not_found("No such account.") from None
    except ValueError as error:
        return _users_page(request, db, error=str(error), status_code=400)
    return _users_page(request, db, notice="The new password is set: hand it over in person.")


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
        return _users_page(request, db, error=str(error), status_code=400)
    return RedirectResponse("/admin/users", status_code=303)


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=what)
