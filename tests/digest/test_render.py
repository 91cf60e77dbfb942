"""Rendering in strict mode: escaping, the text twin's links, the unsubscribe token."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape

import jinja2
import pytest

from tests.digest.samples import (
    REP,
    WEEK,
    H,
    act,
    bill,
    hearing,
    inputs,
    member,
    varied_members,
    varied_week,
)
from tracker.digest.build import build_digest
from tracker.digest.inputs import PositionFact, SeatFact
from tracker.digest.render import render_digest, to_message
from tracker.models import Member
from tracker.present.templating import environment
from tracker.rules.unsubscribe import token_matches, token_member_id
from tracker.vocab import ActionKind as K
from tracker.vocab import BillType

SECRET = "a-long-test-secret-0123456789"
HOSTILE = bill(
    1,
    BillType.HF,
    666,
    act(
        H, 1, WEEK.replace(day=4), K.INTRODUCTION, K.REFERRAL, committee="Education <b>Finance</b>"
    ),
    title='<script>alert("x")</script> & "schools"',
    author="O'Brien <img src=x>",
    tags=("literacy",),
    position=PositionFact("support", "high", "<b>bold</b> claim"),
)


def _rendered(public_url: str = "https://tracker.example.org/"):  # type: ignore[no-untyped-def]
    week = inputs(HOSTILE, hearings=(hearing((1,), seats=(SeatFact(REP),)),))
    digest = build_digest(week, member(("literacy",)), WEEK)
    return digest, render_digest(digest, public_url=public_url, secret=SECRET)


def test_html_escapes_hostile_titles_and_has_no_scripts_or_remote_assets() -> None:
    _, rendered = _rendered()
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert "<img" not in rendered.html and "<b>bold</b>" not in rendered.html
    assert "<style" not in rendered.html, "CSS is inlined"
    assert 'style="' in rendered.html
    assert not re.search(r'src="https?://', rendered.html)
    assert '<script>alert("x")</script>' in rendered.text, "the text twin is not HTML"


def test_text_twin_has_the_same_links_as_the_html() -> None:
    _, rendered = _rendered()
    html_links = set(re.findall(r'href="(https?://[^"]+)"', rendered.html))
    text_links = set(re.findall(r"https?://\S+", rendered.text))
    assert {link.replace("&amp;", "&") for link in html_links} == text_links
    assert rendered.unsubscribe_url in text_links


def test_unsubscribe_token_verifies_and_a_tampered_one_fails() -> None:
    _, rendered = _rendered()
    assert rendered.unsubscribe_url.startswith("https://tracker.example.org/unsubscribe?token=")
    token = rendered.unsubscribe_url.split("token=")[1]
    assert token_member_id(token) == 7
    assert token_matches(token, member_id=7, salt="salt-7", secret=SECRET)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert not token_matches(tampered, member_id=7, salt="salt-7", secret=SECRET)
    assert not token_matches(token, member_id=7, salt="new-salt", secret=SECRET)
    assert not token_matches(token, member_id=7, salt="salt-7", secret="another-secret-xxxxxxxx")
    assert not token_matches(
        token.replace("7.", "8.", 1), member_id=8, salt="salt-7", secret=SECRET
    )
    assert token_member_id("7.short") is None


def test_an_empty_week_renders_a_short_note() -> None:
    digest = build_digest(inputs(), member(("facilities",)), WEEK)
    rendered = render_digest(digest, public_url="https://t.example.org", secret=SECRET)
    assert "Nothing moved on your priorities" in rendered.text
    assert "Nothing moved on your priorities" in rendered.html


def test_message_for_the_mail_package() -> None:
    _, rendered = _rendered()
    message = to_message(rendered, member(("literacy",)), WEEK)
    assert message.delivery_key == "digest-2026-03-09-7"
    assert message.categories == ("weekly-digest",)
    assert dict(message.custom_args) == {"digest_week": "2026-03-09", "member_id": "7"}
    assert message.headers["List-Unsubscribe"] == f"<{rendered.unsubscribe_url}>"
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.subject.startswith("Legislative update, week of March 9, 2026: Action needed")


def test_an_http_public_url_gets_no_one_click_header() -> None:
    _, rendered = _rendered("http://127.0.0.1:8000")
    message = to_message(rendered, member(), WEEK)
    assert message.headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/unsubscribe?")
    assert "List-Unsubscribe-Post" not in message.headers, "RFC 8058 one-click needs https"


def test_the_one_environment_fails_on_an_undefined_name_and_autoescapes_html_only() -> None:
    env = environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ digest.nope }}").render(digest=object())
    assert callable(env.autoescape) and env.autoescape("digest/weekly.html")
    assert env.autoescape("web/bills.html")
    assert not env.autoescape("digest/weekly.txt")


def test_a_digest_without_a_stored_member_is_not_rendered() -> None:
    digest, _ = _rendered()
    with pytest.raises(ValueError, match="stored member"):
        render_digest(
            replace(digest, member_id=None), public_url="https://t.example.org", secret=SECRET
        )


@pytest.mark.parametrize("member", varied_members(14), ids=lambda m: m.name)
def test_each_members_email_is_whole_and_their_own(member: Member) -> None:
    digest = build_digest(varied_week(), member, WEEK)
    rendered = render_digest(digest, public_url="https://t.example.org", secret=SECRET)
    assert "<!--bill-slot:" not in rendered.html, "every bill and alert put in its place"
    assert f"Hello {member.name}" in rendered.text
    lines = [line for section in (*digest.moved, *digest.new_bills) for line in section.bills]
    lines += [alert.bill for alert in digest.alerts]
    assert lines, "the varied week gives every member something"
    for line in lines:
        assert line.citation in rendered.text and line.citation in rendered.html
    for person in digest.legislators:
        seat = f"{person.display} (district {person.district})"
        assert seat in rendered.text and escape(seat, quote=False) in rendered.html
