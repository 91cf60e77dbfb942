"""Unsubscribe tokens: unguessable, per member, checked without storing them. Pure.

A token is "<member id>.<signature>", the signature an HMAC-SHA256 (keyed with the
deployment's secret) of the member id and the member's own salt. Nobody without the secret
can make one; giving a member a new salt voids every link sent to them before.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SIGNATURE_CHARS = 32  # 192 bits of the HMAC, base64url


def new_salt() -> str:
    return secrets.token_hex(16)


def _signature(member_id: int, salt: str, secret: str) -> str:
    if not secret:
        raise ValueError("an unsubscribe token needs a secret")
    message = f"unsubscribe:{member_id}:{salt}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:SIGNATURE_CHARS]


def unsubscribe_token(member_id: int, salt: str, secret: str) -> str:
    return f"{member_id}.{_signature(member_id, salt, secret)}"


def token_member_id(token: str) -> int | None:
    """The member a token claims to be for (not yet verified), or None if it is malformed."""
    member_part, dot, signature = token.strip().partition(".")
    if not dot or not member_part.isdigit() or len(signature) != SIGNATURE_CHARS:
        return None
    return int(member_part)


def token_matches(token: str, *, member_id: int, salt: str, secret: str) -> bool:
    expected = unsubscribe_token(member_id, salt, secret)
    return hmac.compare_digest(token.strip().encode(), expected.encode())
