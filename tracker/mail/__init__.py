"""Sending rendered emails: one backend, chosen by TRACKER_EMAIL_BACKEND, per run."""

from __future__ import annotations

from tracker.config import MailSettings
from tracker.mail.backends import (
    Backend,
    Backoff,
    ConsoleBackend,
    DeliveryResult,
    FileBackend,
    SendOutcome,
)
from tracker.mail.message import (
    InvalidMessage,
    OutgoingMessage,
    Sender,
    list_unsubscribe_headers,
)
from tracker.mail.sendgrid_api import SendGridBackend
from tracker.mail.smtp import SmtpBackend
from tracker.rules.addresses import InvalidAddress, validate_address

__all__ = [
    "Backend",
    "Backoff",
    "ConsoleBackend",
    "DeliveryResult",
    "FileBackend",
    "InvalidAddress",
    "InvalidMessage",
    "MailSettings",
    "OutgoingMessage",
    "SendGridBackend",
    "SendOutcome",
    "Sender",
    "SmtpBackend",
    "backend_from_settings",
    "list_unsubscribe_headers",
    "validate_address",
]


def backend_from_settings(settings: MailSettings) -> Backend:
    """The backend TRACKER_EMAIL_BACKEND names, configured from the other mail settings."""
    sender = Sender(settings.mail_from, settings.mail_from_name)
    backoff = Backoff(
        retries=settings.mail_retries,
        base=settings.mail_backoff_base,
        maximum=settings.mail_backoff_max,
    )
    if settings.email_backend == "sendgrid":
        key = settings.sendgrid_api_key.get_secret_value() if settings.sendgrid_api_key else ""
        return SendGridBackend(
            sender,
            api_key=key,
            api_url=settings.sendgrid_api_url,
            timeout=settings.mail_timeout,
            backoff=backoff,
            concurrency=settings.sendgrid_concurrency,
        )
    if settings.email_backend == "smtp":
        return SmtpBackend(
            sender,
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=(
                settings.smtp_password.get_secret_value() if settings.smtp_password else None
            ),
            starttls=settings.smtp_starttls,
            use_ssl=settings.smtp_ssl,
            timeout=settings.mail_timeout,
            backoff=backoff,
        )
    if settings.email_backend == "file":
        return FileBackend(sender, settings.outbox_dir)
    return ConsoleBackend(sender)
