"""Sending the weekly update exactly once: a re-run after a crash or a provider failure sends
the rest and never a second copy; a rejected address is marked and reported."""

from __future__ import annotations

import email
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

import jobs.digest
from jobs.digest import Claimed, send_digests, send_shared
from tests.mail.fakes import API_KEY, FakeSendGrid
from tests.store.test_store import HF2136, SF1832, upsert
from tracker.config import Settings
from tracker.db import session_scope
from tracker.digest.render import UNSUBSCRIBE_MARK, RenderedDigest
from tracker.mail import (
    DeliveryResult,
    FileBackend,
    Outcome,
    OutgoingMessage,
    Recipient,
    Sender,
    SendGridBackend,
    SharedBody,
)
from tracker.models import Delivery, Member
from tracker.store.members import add_member

WEEK = date(2026, 3, 9)
NOW = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)
SETTINGS = Settings(  # type: ignore[call-arg]
    _env_file=None, secret_key="send-test-" + "x" * 32, public_url="https://tracker.example.org"
)
EMAILS = ["ana@district1.example.org", "ben@district2.example.org", "cy@district3.example.org"]


class Recording:
    """A backend that records every message and answers as told, or crashes."""

    name = "recording"

    def __init__(self, answers: dict[str, Outcome] | None = None, crash_on_call: int = 0):
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
            outcome = self.answers.get(message.to_address, Outcome.SENT)
            if outcome is Outcome.SENT:
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
    answers = {EMAILS[0]: Outcome.FAILED, EMAILS[1]: Outcome.REJECTED}
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


def test_sendgrid_gets_one_request_per_1000_members_with_the_same_digest(
    members: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs.digest, "MAX_PERSONALIZATIONS", 60)  # 1,000 in production
    with session_scope(members) as db:
        for n in range(1, 91):  # 90 more, alike but for their name and link
            address = f"member{n}@district{n}.example.org"
            add_member(db, email=address, name=f"Member {n}", organization="ISD", now=NOW)
    with FakeSendGrid() as fake:
        backend = SendGridBackend(
            Sender("updates@amsd.example.org", "AMSD"), api_key=API_KEY, api_url=fake.url
        )
        report = send(members, backend)
        assert fake.problems == []
        assert len(report.sent) == 93 and report.failed == []
        sizes = sorted(len(r.body["personalizations"]) for r in fake.requests)
    # 93 members whose digests differ only in name and link: rounds of 60 and 33.
    assert sizes == [33, 60], "one request per round of members with the same digest"
    first = fake.requests[0].body
    html = next(c["value"] for c in first["content"] if c["type"] == "text/html")
    assert "-member_name-" in html and "Member 1" not in html, "one body, names substituted"
    for person in first["personalizations"]:
        values = person["substitutions"]
        assert values["-unsubscribe_url-"].startswith("https://tracker.example.org/unsubscribe?")
        assert person["headers"]["List-Unsubscribe"] == f"<{values['-unsubscribe_url-']}>"


def test_members_whose_digests_differ_get_their_own_body() -> None:
    def claimed(html: str, n: int) -> Claimed:
        shared = RenderedDigest("Week of March 9", html, "text", UNSUBSCRIBE_MARK)
        member = Member(id=n, email=f"m{n}@x.example.org", name=f"M {n}", organization="ISD")
        values = {UNSUBSCRIBE_MARK: f"https://t.example.org/unsubscribe?token={n}.x"}
        return Claimed(member, shared, values)

    class Batches:
        def __init__(self) -> None:
            self.bodies: list[tuple[str, int]] = []

        def send_batch(self, body: SharedBody, recipients: list[Recipient]) -> list[DeliveryResult]:
            self.bodies.append((body.html, len(recipients)))
            return [DeliveryResult(r.delivery_key, Outcome.SENT, "") for r in recipients]

    batches = Batches()
    items = [claimed("<p>A</p>", 1), claimed("<p>B</p>", 2), claimed("<p>A</p>", 3)]
    results = send_shared(batches, items, WEEK)  # type: ignore[arg-type]
    assert sorted(batches.bodies) == [("<p>A</p>", 2), ("<p>B</p>", 1)]
    assert sorted(r.delivery_key for r in results) == [f"digest-2026-03-09-{n}" for n in (1, 2, 3)]
