"""Render a digest as an email: HTML (CSS inlined, tables for layout, no remote assets, no
scripts) and a plain-text twin with the same links. Pure apart from reading templates.

The one Jinja environment (`tracker.present.templating`) renders it; the bill and alert
blocks below are functions the templates call (`bill_html(line)`), handed in with the page's
context, because they fill this rendering's slots. `to_message` wraps the result for
`tracker.mail`.

Speed: a bill's line is the same in every member's digest, so each line is rendered and
CSS-inlined once (`_bill_fragment`, cached) and the page puts a placeholder comment where
it goes; so is each alert (`_alert_block`: a table of its own, cached by the alert object).
Only the member's own page around them is inlined per member, then the placeholders are
swapped for the cached blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import css_inline
import jinja2
from markupsafe import Markup

from tracker.digest.fit import LIMIT, OVERFLOW_BYTES, content_size, fit
from tracker.digest.model import Alert, BillLine, Digest
from tracker.mail import OutgoingMessage, list_unsubscribe_headers
from tracker.models import Member
from tracker.present.labels import long_day
from tracker.present.templating import environment
from tracker.rules.unsubscribe import unsubscribe_token

WHO_REPRESENTS_ME = "https://www.gis.lcc.mn.gov/iMaps/districts/"
SUBJECT_LENGTH = 150
CATEGORY = "weekly-digest"
SLOT = re.compile(r"<!--bill-slot:(\d+)-->")
FIT_ATTEMPTS = 4  # renders after the first, each correcting the budget by what was over


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    html: str
    text: str
    unsubscribe_url: str


class _ByIdentity:
    """What was worked out for an alert, by the alert's identity: members share their week's
    Alert objects and hashing one is slow. An entry keeps its alert alive, so its id cannot
    be reused while the entry is here; past `limit` alerts, all are forgotten."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[int, tuple[Alert, dict[Any, Any]]] = {}

    def of(self, alert: Alert) -> dict[Any, Any]:
        if len(self._entries) > self.limit:
            self.clear()
        entry = self._entries.get(id(alert))
        if entry is None or entry[0] is not alert:
            entry = self._entries[id(alert)] = (alert, {})
        return entry[1]

    def clear(self) -> None:
        self._entries.clear()


# Each alert's blocks, rendered (and inlined) once per kind.
_ALERT_BLOCKS = _ByIdentity(limit=50_000)


def _alert_block(env: jinja2.Environment, alert: Alert, kind: str) -> str:
    blocks = _ALERT_BLOCKS.of(alert)
    if kind not in blocks:
        if kind == "html":
            row = env.get_template("digest/_alert.html").module.alert_row  # type: ignore[attr-defined]
            blocks[kind] = css_inline.inline_fragment(
                str(row(alert)), _css(env), load_remote_stylesheets=False
            )
        else:
            text = env.get_template("digest/_alert.txt").module.alert_text  # type: ignore[attr-defined]
            blocks[kind] = str(text(alert))
    return blocks[kind]


@jinja2.pass_context
def alert_html(context: jinja2.runtime.Context, alert: Alert) -> Markup:
    """A placeholder for the alert's cached, inlined block (like `bill_html`)."""
    slots: list[str] = context["slots"]
    slots.append(_alert_block(context.environment, alert, "html"))
    return Markup(f"<!--bill-slot:{len(slots) - 1}-->")


@jinja2.pass_context
def alert_text(context: jinja2.runtime.Context, alert: Alert) -> str:
    return _alert_block(context.environment, alert, "text")


@jinja2.pass_context
def bill_text(context: jinja2.runtime.Context, line: BillLine, with_week: bool = False) -> str:
    return _bill_text_fragment(context.environment, line, with_week)


@lru_cache(maxsize=20_000)
def _bill_text_fragment(env: jinja2.Environment, line: BillLine, with_week: bool) -> str:
    macro = env.get_template("digest/_bill.txt").module.bill_text  # type: ignore[attr-defined]
    return str(macro(line, with_week)).strip("\n") + "\n"


@jinja2.pass_context
def bill_html(context: jinja2.runtime.Context, line: BillLine, with_week: bool = False) -> Markup:
    """A placeholder for the bill's cached, inlined line (see the module's docstring)."""
    slots: list[str] = context["slots"]
    slots.append(_bill_html_fragment(context.environment, line, with_week))
    return Markup(f"<!--bill-slot:{len(slots) - 1}-->")


@lru_cache(maxsize=20_000)
def _bill_html_fragment(env: jinja2.Environment, line: BillLine, with_week: bool) -> str:
    macro = env.get_template("digest/_bill.html").module.bill_row  # type: ignore[attr-defined]
    return str(
        css_inline.inline_fragment(
            str(macro(line, with_week)), _css(env), load_remote_stylesheets=False
        )
    )


@lru_cache(maxsize=4)
def _css(env: jinja2.Environment) -> str:
    assert env.loader is not None
    return env.loader.get_source(env, "digest/digest.css")[0]


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


def unsubscribe_url(public_url: str, member_id: int, salt: str, secret: str) -> str:
    token = unsubscribe_token(member_id, salt, secret)
    return f"{public_url.rstrip('/')}/unsubscribe?token={token}"


def subject_of(digest: Digest) -> str:
    sender = digest.association or "Legislative update"
    subject = f"{sender}, week of {long_day(digest.week_monday)}: {digest.headline}"
    return subject if len(subject) <= SUBJECT_LENGTH else subject[: SUBJECT_LENGTH - 1] + "…"


@lru_cache(maxsize=40_000)
def _line_bytes(line: BillLine, with_week: bool) -> int:
    return len(_bill_html_fragment(environment(), line, with_week).encode("utf-8"))


def render_digest(
    digest: Digest,
    *,
    public_url: str,
    secret: str,
    link: str | None = None,
) -> RenderedDigest:
    """The email of a digest, its HTML under `fit.LIMIT` bytes (Gmail clips longer ones):
    past it, the parts after the action alerts are cut to a budget (`tracker.digest.fit`)
    and say what they left out. `link` stands in for the member's unsubscribe link."""
    if digest.member_id is None:
        raise ValueError("a digest is rendered for a stored member (it needs their id)")
    link = link or unsubscribe_url(public_url, digest.member_id, digest.member_salt, secret)
    rendered = _render(digest, public_url, link)
    size = len(rendered.html.encode("utf-8"))
    if size <= LIMIT:
        return rendered
    budget = LIMIT - (size - content_size(digest, _line_bytes, _alert_bytes))
    for _ in range(FIT_ATTEMPTS):
        rendered = _render(fit(digest, budget, _line_bytes, _alert_bytes), public_url, link)
        over = len(rendered.html.encode("utf-8")) - LIMIT
        if over <= 0:
            break
        budget -= max(4 * over, 10 * OVERFLOW_BYTES)  # the estimates were short: cut deeper
    return rendered


def _alert_bytes(alert: Alert) -> int:
    return len(_alert_block(environment(), alert, "html").encode("utf-8"))


def _render(digest: Digest, public_url: str, link: str) -> RenderedDigest:
    subject = subject_of(digest)
    env = environment()
    slots: list[str] = []
    context: dict[str, Any] = {
        "digest": digest,
        "subject": subject,
        "web_url": public_url.rstrip("/"),
        "unsubscribe_url": link,
        "who_represents_me": WHO_REPRESENTS_ME,
        "slots": slots,
        "bill_html": bill_html,
        "bill_text": bill_text,
        "alert_html": alert_html,
        "alert_text": alert_text,
    }
    page = _inliner().inline(env.get_template("digest/weekly.html").render(context))
    html = SLOT.sub(lambda match: slots[int(match.group(1))], page)
    text = env.get_template("digest/weekly.txt").render(context)
    return RenderedDigest(subject, html, text, link)


def to_message(rendered: RenderedDigest, member: Member, week: date) -> OutgoingMessage:
    """The email for `tracker.mail`, one-click unsubscribe headers and delivery key included."""
    return OutgoingMessage(
        to_address=member.email,
        to_name=member.name,
        subject=rendered.subject,
        html=rendered.html,
        text=rendered.text,
        delivery_key=f"digest-{week.isoformat()}-{member.id}",
        headers=list_unsubscribe_headers(rendered.unsubscribe_url),
        categories=(CATEGORY,),
        custom_args={"digest_week": week.isoformat(), "member_id": str(member.id)},
    )
