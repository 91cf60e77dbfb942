"""Sending the weekly update exactly once: a re-run after a crash or a provider failure sends
the rest and never a second copy; a rejected address is marked and reported."""

from __future__ import annotations

import email
import email.policy
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

import jobs.digest
from jobs.digest import send_digests
from tests.digest.samples import varied_members, varied_week
from tests.mail.fakes import API_KEY, FakeSendGrid
from tests.store.test_store import HF2136, SF1832, upsert
from tracker.config import Settings
from tracker.db import session_scope
from tracker.digest.build import build_digest
from tracker.digest.render import render_digest, to_message
from tracker.mail import (
    Backoff,
    DeliveryResult,
    FileBackend,
    OutgoingMessage,
    Sender,
    SendGridBackend,
    SendOutcome,
)
from tracker.models import Delivery, Member
from tracker.store.members import add_member, list_members

WEEK = date(2026, 3, 9)
NOW = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)
SECRET = "send-test-" + "x" * 32
SETTINGS = Settings(  # type: ignore[call-arg]
    _env_file=None, secret_key=SECRET, public_url="https://tracker.example.org"
)
SENDER = Sender("updates@amsd.example.org", "AMSD")
EMAILS = ["ana@district1.example.org", "ben@district2.example.org", "cy@district3.example.org"]


class Recording:
    """A backend that records every message and answers as told, or crashes."""

    name = "recording"

    def __init__(self, answers: dict[str, SendOutcome] | None = None, crash_on_call: int = 0):
        self.sent: Counter[str] = Counter()
        self.answers = answers or {}
        self.crash_on_call = crash_on_call
        self.calls = 0

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        self.calls += 1
        if self.calls == self.crash_on_call:
            raise RuntimeError("the process died here")
        results = []
        for message in messages:
            outcome = self.answers.get(message.to_address, SendOutcome.SENT)
            if outcome is SendOutcome.SENT:
                self.sent[message.to_address] += 1
            results.append(DeliveryResult(message.delivery_key, outcome, outcome.value))
        return results


@pytest.fixture
def members(engine: Engine) -> Engine:
    upsert(engine, HF2136)
    upsert(engine, SF1832)
    with session_scope(engine) as db:
        for address in EMAILS:
            add_member(
                db, email=address, name=address.split("@")[0].title(), organization="ISD", now=NOW
            )
    return engine


def send(engine: Engine, backend: object, **kw: object) -> jobs.digest.SendReport:
    return send_digests(engine, settings=SETTINGS, backend=backend, week=WEEK, now=NOW, **kw)  # type: ignore[arg-type]


def statuses(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as db:
        rows = db.exec(select(Member.email, Delivery.status).join(Delivery))
        return dict(rows.all())


def test_each_member_gets_one_copy_however_often_it_runs(members: Engine, tmp_path: Path) -> None:
    backend = FileBackend(Sender("updates@amsd.example.org", "AMSD"), tmp_path)
    first = send(members, backend)
    assert sorted(first.sent) == sorted(EMAILS) and first.failed == []
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 3
    message = email.message_from_bytes(files[0].read_bytes())
    assert message["List-Unsubscribe"].startswith("<https://tracker.example.org/unsubscribe?token=")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    again = send(members, backend)
    assert again.sent == [] and again.already_sent == 3
    assert len(list(tmp_path.glob("*.eml"))) == 3


def test_a_crash_midway_then_a_rerun_sends_the_rest_once(
    members: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs.digest, "BATCH", 1)
    backend = Recording(crash_on_call=2)
    with pytest.raises(RuntimeError, match="died"):
        send(members, backend)
    state = statuses(members)
    assert list(state.values()) == ["sent", "sending"], "the third member was never claimed"
    rerun = send(members, backend)
    assert rerun.sent == [EMAILS[2]] and rerun.already_sent == 1
    assert rerun.unconfirmed == [EMAILS[1]], "the crashed claim is reported, not resent"
    assert backend.sent == Counter({EMAILS[0]: 1, EMAILS[2]: 1})
    forced = send(members, backend, resend_unconfirmed=True)
    assert forced.sent == [EMAILS[1]]
    assert backend.sent == Counter({address: 1 for address in EMAILS})


def test_failures_are_sent_again_and_rejections_never(members: Engine) -> None:
    answers = {EMAILS[0]: SendOutcome.FAILED, EMAILS[1]: SendOutcome.REJECTED}
    first = send(members, Recording(answers))
    assert [address for address, _ in first.failed] == [EMAILS[0]]
    assert [address for address, _ in first.rejected] == [EMAILS[1]]
    with session_scope(members) as db:
        bounced = db.exec(select(Member).where(Member.email == EMAILS[1])).one()
        assert bounced.state == "bounced"
    healed = Recording()
    second = send(members, healed)
    assert second.sent == [EMAILS[0]] and healed.sent == Counter({EMAILS[0]: 1})
    assert statuses(members) == {EMAILS[0]: "sent", EMAILS[1]: "rejected", EMAILS[2]: "sent"}


def test_a_dry_run_renders_everything_and_records_nothing(members: Engine) -> None:
    report = send(members, None)
    assert report.members == 3 and report.sent == []
    assert statuses(members) == {}


def test_no_secret_no_send(members: Engine) -> None:
    unsigned = Settings(_env_file=None, secret_key="")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="TRACKER_SECRET_KEY"):
        send_digests(members, settings=unsigned, backend=Recording(), week=WEEK, now=NOW)


def sendgrid(fake: FakeSendGrid, **options: object) -> SendGridBackend:
    backoff = Backoff(retries=2, base=0.01, sleep=lambda _: None)
    return SendGridBackend(SENDER, api_key=API_KEY, api_url=fake.url, backoff=backoff, **options)  # type: ignore[arg-type]


def test_a_member_named_with_a_comma_gets_the_update_and_so_does_everyone_else(
    members: Engine,
) -> None:
    with session_scope(members) as db:
        add_member(
            db, email="pj@district4.example.org", name="Johnson, P.", organization="ISD 4", now=NOW
        )
    with FakeSendGrid() as fake:
        report = send(members, sendgrid(fake))
    assert fake.problems == [] and report.failed == []
    assert sorted(report.sent) == sorted([*EMAILS, "pj@district4.example.org"])


@pytest.fixture
def varied(members: Engine, monkeypatch: pytest.MonkeyPatch) -> list[Member]:
    """23 more members who follow different priorities in different orders and live in
    different districts, over a week with hearings, alerts and Handlebars-looking text."""
    week = varied_week()
    monkeypatch.setattr(jobs.digest, "load_digest_input", lambda db, **_: week)
    with session_scope(members) as db:
        for sample in varied_members(23):
            add_member(
                db,
                email=sample.email,
                name=sample.name,
                organization=sample.organization,
                follows=sample.follows,
                districts=sample.districts,
                now=NOW,
            )
        stored = list_members(db)
        db.expunge_all()
    return stored


Written = tuple[tuple[tuple[str, str], ...], str, str]


def as_files(messages: list[OutgoingMessage], folder: Path) -> dict[str, Written]:
    """What the file backend writes for each message, by delivery key: the headers (but the
    MIME boundary, drawn at random), the text part and the HTML part."""
    FileBackend(SENDER, folder, clock=lambda: NOW).send(messages)
    written = {}
    for path in folder.glob("*.eml"):
        mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        headers = tuple((k, str(v)) for k, v in mail.items() if k.lower() != "content-type")
        text, html = mail.get_body(("plain",)), mail.get_body(("html",))
        assert text is not None and html is not None
        written[path.stem] = (headers, text.get_content(), html.get_content())
    return written


def file_backend_emails(varied: list[Member], folder: Path) -> dict[str, Written]:
    week = varied_week()
    messages = []
    for member in varied:
        rendered = render_digest(
            build_digest(week, member, WEEK), public_url=SETTINGS.public_url, secret=SECRET
        )
        messages.append(to_message(rendered, member, WEEK))
    return as_files(messages, folder)


def sendgrid_emails(fake: FakeSendGrid, folder: Path) -> dict[str, Written]:
    """Each member's email as the fake SendGrid took it, written by the file backend."""
    messages = []
    for got in fake.received:
        args = {k: v for k, v in got.custom_args.items() if k != "delivery_key"}
        messages.append(
            OutgoingMessage(
                to_address=got.to,
                to_name=got.name or "",
                subject=got.subject,
                html=got.html,
                text=got.text,
                delivery_key=got.custom_args["delivery_key"],
                headers=got.headers,
                categories=tuple(got.categories),
                custom_args=args,
            )
        )
    return as_files(messages, folder)


@pytest.mark.parametrize("concurrency", [1, 4])
def test_sendgrid_sends_varied_members_exactly_as_the_file_backend_would(
    members: Engine, varied: list[Member], tmp_path: Path, concurrency: int
) -> None:
    with FakeSendGrid(latency=0.01) as fake:
        report = send(members, sendgrid(fake, concurrency=concurrency))
    assert fake.problems == []
    assert fake.most_in_flight <= concurrency and (concurrency == 1 or fake.most_in_flight > 1)
    assert len(report.sent) == 26 and report.failed == []
    assert [len(r.body["personalizations"]) for r in fake.mail_sends()] == [1] * 26
    expected = file_backend_emails(varied, tmp_path / "file")
    assert len(expected) == 26
    assert sendgrid_emails(fake, tmp_path / "sendgrid") == expected
    digests = {e.to: e for e in fake.received}
    ana = next(m for m in varied if "{{b}}" in m.name)
    assert "Hello Ana \\ {{b}} 0 (ISD 1)" in digests[ana.email].text
    assert "{{not_a_tag}} \\{{x}} &amp; &lt;i&gt;" in digests[ana.email].html


@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_refused_request_fails_its_member_only_and_the_rerun_sends_them_once(
    members: Engine, varied: list[Member], tmp_path: Path, concurrency: int
) -> None:
    with FakeSendGrid() as fake:
        fake.respond(400, body={"errors": [{"field": "content", "message": "no room"}]})
        backend = sendgrid(fake, concurrency=concurrency)
        first = send(members, backend)
        assert len(first.failed) == 1 and len(first.sent) == 25
        [(failed, why)] = first.failed
        assert why == "SendGrid refused the request (HTTP 400): content: no room"
        assert statuses(members)[failed] == "failed"
        second = send(members, backend)
        assert second.sent == [failed] and second.already_sent == 25
        third = send(members, backend)
        assert third.sent == [] and third.already_sent == 26
    assert Counter(got.to for got in fake.received) == Counter(m.email for m in varied)
    assert sendgrid_emails(fake, tmp_path / "sendgrid") == file_backend_emails(
        varied, tmp_path / "file"
    )
