"""One email to one member, checked once here so every backend can trust it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from types import MappingProxyType

from tracker.rules.addresses import validate_address

# SendGrid's limits on categories, applied to every backend so a message never depends on one.
MAX_CATEGORIES = 10
MAX_CATEGORY_LENGTH = 255

DELIVERY_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
HEADER_NAME = re.compile(r"[!-9;-~]+")  # printable ASCII except the colon (RFC 5322)
RESERVED_HEADERS = frozenset(
    {"from", "to", "cc", "bcc", "subject", "date", "message-id", "content-type", "mime-version"}
)

# Headers are not folded under RFC 5322's 998-character limit: the default 78 would fold a
# long List-Unsubscribe URL into encoded words, which mail clients do not read as a URL.
MAIL_POLICY = policy.default.clone(max_line_length=998)


class InvalidMessage(ValueError):
    """A message that is malformed before any backend sees it."""


@dataclass(frozen=True)
class Sender:
    """Who every message is from."""

    address: str
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "address", validate_address(self.address))

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]

    def as_header(self) -> Address:
        return Address(display_name=self.name, addr_spec=self.address)


def list_unsubscribe_headers(url: str, *, mailto: str | None = None) -> dict[str, str]:
    """List-Unsubscribe for a member's own link (RFC 2369), with one-click unsubscribe
    (RFC 8058) when the link is https, as that RFC requires: a plain-http link (a local
    demo) gets the link alone."""
    if not url.startswith(("https://", "http://")):
        raise InvalidMessage(f"an unsubscribe link must be an http(s) URL, got {url!r}")
    targets = [f"<{url}>"]
    if mailto:
        targets.append(f"<mailto:{validate_address(mailto)}?subject=unsubscribe>")
    headers = {"List-Unsubscribe": ", ".join(targets)}
    if url.startswith("https://"):
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def check_headers(headers: Mapping[str, str]) -> None:
    for name, value in headers.items():
        if not HEADER_NAME.fullmatch(name):
            raise InvalidMessage(f"header name {name!r} is not printable ASCII without a colon")
        if name.lower() in RESERVED_HEADERS:
            raise InvalidMessage(f"header {name!r} is set by the mail package, not by callers")
        if "\r" in value or "\n" in value:
            raise InvalidMessage(f"header {name!r} contains a line break")


def check_categories(categories: tuple[str, ...]) -> None:
    if len(categories) > MAX_CATEGORIES:
        raise InvalidMessage(f"at most {MAX_CATEGORIES} categories, got {len(categories)}")
    for category in categories:
        if not category or len(category) > MAX_CATEGORY_LENGTH:
            raise InvalidMessage(
                f"a category must have 1 to {MAX_CATEGORY_LENGTH} characters, got {category!r}"
            )


def check_custom_args(custom_args: Mapping[str, str]) -> None:
    for key, value in custom_args.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidMessage(f"custom args are strings, got {key!r}: {value!r}")


def check_delivery_key(delivery_key: str) -> None:
    if not DELIVERY_KEY.fullmatch(delivery_key):
        raise InvalidMessage(
            f"delivery key {delivery_key!r} must be 1 to 200 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (it names files and identifies a delivery)"
        )


@dataclass(frozen=True)
class OutgoingMessage:
    """A rendered email for one member, identified by the (member, week) `delivery_key`."""

    to_address: str
    to_name: str
    subject: str
    html: str
    text: str
    delivery_key: str
    headers: Mapping[str, str] = field(default_factory=dict)
    categories: tuple[str, ...] = ()
    custom_args: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "to_address", validate_address(self.to_address))
        check_delivery_key(self.delivery_key)
        if not self.subject.strip():
            raise InvalidMessage(f"message {self.delivery_key} has an empty subject")
        if "\r" in self.subject or "\n" in self.subject:
            raise InvalidMessage(f"message {self.delivery_key} has a line break in its subject")
        if not self.text.strip() or not self.html.strip():
            raise InvalidMessage(f"message {self.delivery_key} needs both a text and an html body")
        check_headers(self.headers)
        check_categories(tuple(self.categories))
        check_custom_args(self.custom_args)
        object.__setattr__(self, "headers", MappingProxyType(dict(self.headers)))
        object.__setattr__(self, "categories", tuple(self.categories))
        object.__setattr__(self, "custom_args", MappingProxyType(dict(self.custom_args)))

    def message_id(self, sender: Sender) -> str:
        """The same Message-ID every time this delivery is sent, so a resend can be recognized."""
        return f"<{self.delivery_key}@{sender.domain}>"

    def to_email_message(self, sender: Sender, *, now: datetime | None = None) -> EmailMessage:
        """The RFC 5322 message: multipart/alternative, text first then html, UTF-8."""
        sent_at = now or datetime.now(UTC)
        if sent_at.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        message = EmailMessage(policy=MAIL_POLICY)
        message["From"] = sender.as_header()
        message["To"] = Address(display_name=self.to_name, addr_spec=self.to_address)
        message["Subject"] = self.subject
        message["Date"] = format_datetime(sent_at)
        message["Message-ID"] = self.message_id(sender)
        for name, value in self.headers.items():
            message[name] = value
        message.set_content(self.text, charset="utf-8", cte="quoted-printable")
        message.add_alternative(self.html, subtype="html", charset="utf-8", cte="quoted-printable")
        return message
