"""Who is asking, and may they: the session user, roles, and the CSRF token of every form.

The session is a signed cookie (Starlette's SessionMiddleware): it holds the user's id and
a per-session CSRF token. Every POST must send the token back, as the `csrf_token` form
field or the `X-CSRF-Token` header (htmx requests).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from tracker.db import session_scope
from tracker.models import User
from tracker.store.frameworks import current_catalog, framework_documents
from tracker.tagging.catalog import Catalog
from tracker.vocab import Role

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True)
class Viewer:
    """Who is signed in, as the templates see it: plain values that outlive the session."""

    id: int
    email: str
    name: str
    role: str


class NotSignedIn(Exception):
    """Raised for a page that needs a session; the app answers with a way to /login."""


class Forbidden(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(status_code=403, detail=detail)


def get_db(request: Request) -> Iterator[Session]:
    with session_scope(request.app.state.engine) as db:
        yield db


Db = Annotated[Session, Depends(get_db)]


def now(request: Request) -> datetime:
    clock = request.app.state.clock
    return clock()


Now = Annotated[datetime, Depends(now)]


def catalog(request: Request, db: Db) -> Catalog:
    """The catalog, cached until staff load another framework file."""
    documents = tuple(framework_documents(db))
    cached = request.app.state.catalog_cache
    if cached is None or cached[0] != documents:
        cached = (documents, current_catalog(db))
        request.app.state.catalog_cache = cached
    return cached[1]


CurrentCatalog = Annotated[Catalog, Depends(catalog)]


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return str(token)


async def check_csrf(request: Request) -> None:
    """Refuse a POST whose token is missing or not this session's."""
    expected = request.session.get(CSRF_FIELD)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not expected or not sent or not secrets.compare_digest(str(expected), sent):
        raise Forbidden("The form's security token is missing or expired. Reload the page.")


def current_user(request: Request, db: Db) -> User:
    user_id = request.session.get("user_id")
    user = db.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active:
        raise NotSignedIn()
    assert user.id is not None
    request.state.user = Viewer(user.id, user.email, user.name, user.role)
    return user


SignedIn = Annotated[User, Depends(current_user)]


Csrf = Annotated[None, Depends(check_csrf)]


def editor(user: SignedIn, _csrf: Csrf) -> User:
    """A signed-in user who may change things, on a POST carrying the session's token."""
    if not Role(user.role).can_edit:
        raise Forbidden("Your account can read the tracker but not change it.")
    return user


def admin(user: SignedIn) -> User:
    if Role(user.role) is not Role.ADMIN:
        raise Forbidden("Only an administrator can manage accounts.")
    return user


def admin_change(user: Annotated[User, Depends(admin)], _csrf: Csrf) -> User:
    return user


Editor = Annotated[User, Depends(editor)]
Admin = Annotated[User, Depends(admin)]
AdminChange = Annotated[User, Depends(admin_change)]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def sign_in(request: Request, user: User) -> None:
    """A fresh session for the user: a new CSRF token, nothing carried over."""
    request.session.clear()
    request.session["user_id"] = user.id
    request.session[CSRF_FIELD] = secrets.token_urlsafe(32)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (//evil.example or https://...)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/bills"
    return target
