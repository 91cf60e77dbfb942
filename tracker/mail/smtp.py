"""Delivery through an SMTP server: one connection per batch, one transaction per message."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence

from tracker.mail.backends import (
    Backoff,
    Clock,
    DeliveryResult,
    SendOutcome,
    results_for,
    utc_now,
)
from tracker.mail.message import OutgoingMessage, Sender


class SmtpConnectionError(Exception):
    """The server could not be reached or would not let us in; nothing was sent."""


def describe_reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}"


class SmtpBackend:
    """A refused recipient is rejected (5xx) or failed (4xx) alone; the rest still go out."""

    name = "smtp"

    def __init__(
        self,
        sender: Sender,
        *,
        host: str,
        port: int,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        use_ssl: bool = False,
        timeout: float = 30.0,
        backoff: Backoff | None = None,
        clock: Clock = utc_now,
    ):
        if starttls and use_ssl:
            raise ValueError("choose STARTTLS or SSL for SMTP, not both")
        self.sender = sender
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.starttls = starttls
        self.use_ssl = use_ssl
        self.timeout = timeout
        self.backoff = backoff or Backoff()
        self.clock = clock

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        if not messages:
            return []
        try:
            connection = self._connect_with_retries()
        except SmtpConnectionError as error:
            return results_for(messages, SendOutcome.FAILED, str(error), None)
        results: list[DeliveryResult] = []
        with connection:
            for position, message in enumerate(messages):
                try:
                    results.append(self._send_one(connection, message))
                except (smtplib.SMTPServerDisconnected, OSError) as error:
                    detail = f"SMTP server {self.server} dropped the connection: {error}"
                    results.extend(
                        results_for(messages[position:], SendOutcome.FAILED, detail, None)
                    )
                    break
        return results

    def _connect_with_retries(self) -> smtplib.SMTP:
        retry = 0
        while True:
            try:
                return self._connect()
            except (smtplib.SMTPConnectError, OSError) as error:
                retry += 1
                wait = self.backoff.delay(retry)
                if wait is None:
                    raise SmtpConnectionError(
                        f"could not connect to SMTP server {self.server} "
                        f"after {retry} attempt(s): {error}"
                    ) from error
                self.backoff.sleep(wait)

    def _connect(self) -> smtplib.SMTP:
        connection: smtplib.SMTP
        if self.use_ssl:
            connection = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            connection.ehlo()
            if self.starttls:
                connection.starttls(context=ssl.create_default_context())
                connection.ehlo()
            if self.username:
                connection.login(self.username, self.password or "")
        except smtplib.SMTPNotSupportedError as error:
            connection.close()
            raise SmtpConnectionError(
                f"SMTP server {self.server} does not support what the settings ask for "
                f"(STARTTLS or AUTH): {error}"
            ) from error
        except smtplib.SMTPAuthenticationError as error:
            connection.close()
            raise SmtpConnectionError(
                f"SMTP server {self.server} refused the login of {self.username!r}: "
                f"{describe_reply(error.smtp_code, error.smtp_error)}; "
                "check TRACKER_SMTP_USERNAME and TRACKER_SMTP_PASSWORD"
            ) from error
        except BaseException:
            connection.close()
            raise
        return connection

    def _send_one(self, connection: smtplib.SMTP, message: OutgoingMessage) -> DeliveryResult:
        email = message.to_email_message(self.sender, now=self.clock())
        key = message.delivery_key
        try:
            connection.send_message(
                email, from_addr=self.sender.address, to_addrs=[message.to_address]
            )
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = error.recipients[message.to_address]
            outcome = SendOutcome.REJECTED if 500 <= code < 600 else SendOutcome.FAILED
            detail = (
                f"SMTP server {self.server} refused {message.to_address}: "
                f"{describe_reply(code, reply)}"
            )
            return DeliveryResult(key, outcome, detail)
        except smtplib.SMTPSenderRefused as error:
            detail = (
                f"SMTP server {self.server} refused the sender {self.sender.address}: "
                f"{describe_reply(error.smtp_code, error.smtp_error)}; check TRACKER_MAIL_FROM"
            )
            return DeliveryResult(key, SendOutcome.FAILED, detail)
        except smtplib.SMTPDataError as error:
            detail = (
                f"SMTP server {self.server} refused the message for {message.to_address}: "
                f"{describe_reply(error.smtp_code, error.smtp_error)}"
            )
            return DeliveryResult(key, SendOutcome.FAILED, detail)
        except smtplib.SMTPNotSupportedError:
            detail = (
                f"{message.to_address} needs SMTPUTF8, which SMTP server {self.server} "
                "does not offer"
            )
            return DeliveryResult(key, SendOutcome.REJECTED, detail)
        return DeliveryResult(
            key, SendOutcome.SENT, f"accepted by {self.server}", message.message_id(self.sender)
        )
