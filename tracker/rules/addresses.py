"""Email addresses as people type them: checked and normalized. Pure (no DNS lookup)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


class InvalidAddress(ValueError):
    """An email address that no mail server would accept."""


def validate_address(address: str) -> str:
    """Return `address` normalized (domain lower-cased, Unicode NFC) or raise `InvalidAddress`.

    Syntax only: deliverability is the mail server's verdict, reported as a rejected delivery.
    """
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidAddress(f"{address!r} is not a usable email address: {error}") from None
