"""Render a digest as an email: HTML (CSS inlined, tables for layout, no remote assets, no
scripts) and a plain-text twin with the same links. Pure apart from reading templates.

One Jinja environment: autoescape on for .html, StrictUndefined, every filter registered
here. `to_message` wraps the result for `tracker.mail`.

Speed: a bill's line is the same in every member's digest, so each line is rendered and
CSS-inlined once (`_bill_fragment`, cached) and the page puts a placeholder comment where
it goes; so is each alert (`_alert_block`: a table of its own, cached by the alert object,
and marked twins that come out equal are one object). Only the member's own page around
them is inlined per member, then the placeholders are swapped for the cached blocks.

Shared rendering (`render_shared`, for SendGrid's dynamic templates): the same email cut into
pieces (`PIECE_HTML` / `PIECE_TEXT` between a bill's line, a heading, an alert and the
member's own ask in it...), with what is the member's own (name, organization, headline,
unsubscribe link, their legislators' names, districts, emails and links) as markers, so that
members' emails differ in which pieces they hold and in marker values. `personalize` puts the
values back: `personalize(*render_shared(d, ...))` is `render_digest(d, ...)`, byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

import css_inline
import jinja2
from markupsafe import Markup

from tracker.config import repo_root
from tracker.digest.inputs import LegislatorFact
from tracker.digest.model import Alert, BillLine, Digest
from tracker.mail import OutgoingMessage, list_unsubscribe_headers
from tracker.mail.dynamic_template import MARK, Marked, mark
from tracker.models import Member
from tracker.rules.unsubscribe import unsubscribe_token
from tracker.vocab import Stage

WHO_REPRESENTS_ME = "https://www.gis.lcc.mn.gov/iMaps/districts/"
SUBJECT_LENGTH = 150
CATEGORY = "weekly-digest"
SLOT = re.compile(r"<!--bill-slot:(\d+)-->")
# Where a shared rendering is cut into pieces; a plain rendering has neither.
PIECE_HTML = "<!--piece-->"
PIECE_TEXT = "\x1e"  # ASCII record separator, never in the tracker's text


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    html: str
    text: str
    unsubscribe_url: str


def long_day(day: date) -> str:
    return f"{day:%B} {day.day}, {day:%Y}"


def short_day(day: date) -> str:
    return f"{day:%b} {day.day}"


def stage_label(stage: Stage | str) -> str:
    return Stage(stage).label


@lru_cache(maxsize=2)
def digest_environment(strict: bool = True) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(repo_root() / "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined if strict else jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        long_day=long_day,
        short_day=short_day,
        stage_label=stage_label,
        bill_html=bill_html,
        bill_text=bill_text,
        alert_html=alert_html,
        alert_text=alert_text,
    )
    return env


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


# Each alert's blocks, rendered (and inlined) once per kind and cut.
_ALERT_BLOCKS = _ByIdentity(limit=50_000)


def _alert_block(env: jinja2.Environment, alert: Alert, cut: Any, kind: str) -> str:
    blocks, key = _ALERT_BLOCKS.of(alert), (kind, str(cut))
    if key not in blocks:
        if kind == "html":
            row = env.get_template("digest/_alert.html").module.alert_row  # type: ignore[attr-defined]
            blocks[key] = css_inline.inline_fragment(
                str(row(alert, cut)), _css(env), load_remote_stylesheets=False
            )
        else:
            text = env.get_template("digest/_alert.txt").module.alert_text  # type: ignore[attr-defined]
            blocks[key] = str(text(alert, cut))
    return blocks[key]


@jinja2.pass_context
def alert_html(context: jinja2.runtime.Context, alert: Alert) -> Markup:
    """A placeholder for the alert's cached, inlined block (like `bill_html`)."""
    slots: list[str] = context["slots"]
    slots.append(_alert_block(context.environment, alert, context["cut"], "html"))
    return Markup(f"<!--bill-slot:{len(slots) - 1}-->")


@jinja2.pass_context
def alert_text(context: jinja2.runtime.Context, alert: Alert) -> str:
    return _alert_block(context.environment, alert, context["cut"], "text")


@jinja2.pass_context
def bill_text(context: jinja2.runtime.Context, line: BillLine, with_week: bool = False) -> str:
    cut: str = context["cut"]
    return cut + _bill_text_fragment(context.environment, line, with_week) + cut


@lru_cache(maxsize=20_000)
def _bill_text_fragment(env: jinja2.Environment, line: BillLine, with_week: bool) -> str:
    macro = env.get_template("digest/_bill.txt").module.bill_text  # type: ignore[attr-defined]
    return str(macro(line, with_week)).strip("\n") + "\n"


@jinja2.pass_context
def bill_html(context: jinja2.runtime.Context, line: BillLine, with_week: bool = False) -> Markup:
    """A placeholder for the bill's cached, inlined line (see the module's docstring)."""
    slots: list[str] = context["slots"]
    slots.append(_bill_html_fragment(context.environment, line, with_week))
    cut: str = context["cut"]
    return Markup(f"{cut}<!--bill-slot:{len(slots) - 1}-->{cut}")


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


def render_digest(
    digest: Digest,
    *,
    public_url: str,
    secret: str,
    strict: bool = True,
    link: str | None = None,
) -> RenderedDigest:
    """The email of a digest; `link` stands in for the member's unsubscribe link."""
    if digest.member_id is None:
        raise ValueError("a digest is rendered for a stored member (it needs their id)")
    link = link or unsubscribe_url(public_url, digest.member_id, digest.member_salt, secret)
    subject = subject_of(digest)
    return _render(digest, subject, link, cut=False, strict=strict)


def _render(
    digest: Digest, subject: str, link: str, *, cut: bool, strict: bool = True
) -> RenderedDigest:
    env = digest_environment(strict)
    slots: list[str] = []
    context: dict[str, Any] = {
        "digest": digest,
        "subject": subject,
        "unsubscribe_url": link,
        "who_represents_me": WHO_REPRESENTS_ME,
        "slots": slots,
        "cut": Markup(PIECE_HTML if cut else ""),
    }
    page = _inliner().inline(env.get_template("digest/weekly.html").render(context))
    html = SLOT.sub(lambda match: slots[int(match.group(1))], page)
    context["cut"] = PIECE_TEXT if cut else ""
    text = env.get_template("digest/weekly.txt").render(context)
    return RenderedDigest(subject, html, text, link)


# -- shared rendering (see the module's docstring) ---------------------------------------

# Characters a value may not hold to be a marker: control characters (the HTML parser of the
# CSS inliner rewrites some) and private-use ones (the markers' own).
_UNMARKABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff]")
# A value also used in an attribute (a link, an email address) must read the same there.
_NOT_IN_ATTRIBUTES = re.compile(r'["<>]')


def as_html(value: str) -> str:
    """`value` as the page's HTML holds it: escaped as the CSS inliner's parser writes text
    back (html5ever: & < > and no-break space; quotes stay as they are)."""
    return (
        value.replace("&", "&amp;")
        .replace("\xa0", "&nbsp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


class _Marks:
    """The member's values, each behind a marker where it can be one."""

    def __init__(self) -> None:
        self.values: dict[str, Marked] = {}

    def put(self, name: str, value: str, *, attribute: bool = False) -> str:
        if not value or _UNMARKABLE.search(value):
            return value  # left in the piece as it is: the piece is then the member's own
        if attribute and _NOT_IN_ATTRIBUTES.search(value):
            return value
        self.values[name] = Marked(value, as_html(value))
        return mark(name)


def _marked_legislators(
    own: tuple[LegislatorFact, ...], marks: _Marks
) -> tuple[tuple[LegislatorFact, LegislatorFact], ...]:
    """Each of the member's legislators with their marked twin ("house_1_name"...)."""
    count: Counter[str] = Counter()
    pairs = []
    for legislator in own:
        count[legislator.chamber.value] += 1
        prefix = f"{legislator.chamber.value}_{count[legislator.chamber.value]}"
        marked = replace(
            legislator,
            key=prefix,  # never shown; so twins of two members' legislators can be equal
            name=marks.put(f"{prefix}_name", legislator.name),
            district=marks.put(f"{prefix}_district", legislator.district),
            email=marks.put(f"{prefix}_email", legislator.email, attribute=True),
            url=marks.put(f"{prefix}_url", legislator.url, attribute=True),
        )
        pairs.append((legislator, marked))
    return tuple(pairs)


# Each alert's marked twins, by the member's legislators; equal twins are one object
# (`_INTERNED`), so their blocks are rendered once.
_MARKED = _ByIdentity(limit=20_000)
_INTERNED: dict[Alert, Alert] = {}


def _marked_alert(alert: Alert, pairs: tuple[tuple[LegislatorFact, LegislatorFact], ...]) -> Alert:
    twins = _MARKED.of(alert)
    if pairs not in twins:
        if len(_INTERNED) > _MARKED.limit:
            _INTERNED.clear()
        twin = _mark_alert(alert, pairs)
        twins[pairs] = _INTERNED.setdefault(twin, twin)
    result: Alert = twins[pairs]
    return result


def _mark_alert(alert: Alert, pairs: tuple[tuple[LegislatorFact, LegislatorFact], ...]) -> Alert:
    """The alert with the member's legislators as markers in its ask and contacts."""
    action = alert.action
    if action is None or not pairs:
        return alert
    names = sorted(
        ((real.display, marked.display) for real, marked in pairs if real.name != marked.name),
        key=lambda pair: -len(pair[0]),  # "Rep. Ann Leeson" before "Rep. Ann Lee"
    )

    def swap(text: str) -> str:
        for real, marked in names:
            text = text.replace(real, marked)
        return text

    twins = dict(pairs)
    return replace(
        alert,
        action=replace(
            action,
            who=swap(action.who),
            what=swap(action.what),
            by_when=swap(action.by_when),
            why=swap(action.why),
            contacts=tuple(twins.get(person, person) for person in action.contacts),
        ),
    )


def render_shared(
    digest: Digest, *, public_url: str, secret: str
) -> tuple[RenderedDigest, dict[str, Marked]]:
    """The digest cut into pieces with the member's own parts as markers, and their values."""
    if digest.member_id is None:
        raise ValueError("a digest is rendered for a stored member (it needs their id)")
    marks = _Marks()
    pairs = _marked_legislators(digest.legislators, marks)
    marked = replace(
        digest,
        member_name=marks.put("member_name", digest.member_name),
        organization=marks.put("organization", digest.organization),
        headline=marks.put("headline", digest.headline),
        legislators=tuple(twin for _, twin in pairs),
        alerts=tuple(_marked_alert(alert, pairs) for alert in digest.alerts),
    )
    link = unsubscribe_url(public_url, digest.member_id, digest.member_salt, secret)
    subject = marks.put("subject", subject_of(digest))
    shared = _render(marked, subject, marks.put("unsubscribe_url", link, attribute=True), cut=True)
    return shared, marks.values


def pieces(shared: RenderedDigest) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The HTML and the text pieces of a shared rendering: as many of each, piece i of the
    HTML going with piece i of the text (the templates cut at the same places)."""
    html, text = shared.html.split(PIECE_HTML), shared.text.split(PIECE_TEXT)
    if len(html) != len(text):
        raise ValueError(f"the HTML has {len(html)} pieces and the text {len(text)}")
    return tuple(html), tuple(text)


def personalize(shared: RenderedDigest, values: Mapping[str, Marked]) -> RenderedDigest:
    """One member's email from a shared rendering, as a dynamic template renders it."""

    def fill(text: str, html: bool) -> str:
        return MARK.sub(
            lambda found: getattr(values[found.group(1)], "html" if html else "text"), text
        )

    return RenderedDigest(
        fill(shared.subject, False),
        fill(shared.html.replace(PIECE_HTML, ""), True),
        fill(shared.text.replace(PIECE_TEXT, ""), False),
        fill(shared.unsubscribe_url, False),
    )


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
