"""The bundled demo sample (tracker/demo/sample/api, www) is what its generator writes, and
every file in it reads cleanly with the spider's own parsers: stages, companions, text
pages, listing ranges and the digest week are as manifest.tsv says."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qs, urlsplit

import pytest

from spiders.mn_bills import search_url
from spiders.parsing.listing import parse_search_xml
from spiders.parsing.revisor import parse_bill_text, parse_bill_xml
from spiders.refresh import RANGE_SIZE, next_range_start
from tests.conftest import FILES
from tracker.demo.replay import index_sample, search_results
from tracker.records.bills import BillRecord
from tracker.rules.actions import classify_action
from tracker.rules.sessions import parse_session, session_of_bill
from tracker.rules.stage import StagedAction, stage_of
from tracker.vocab import ActionKind, BillType, Chamber, Stage

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tracker" / "demo" / "sample"
SINE_DIE = date(2026, 5, 18)
DIGEST_WEEK = (date(2026, 3, 9), date(2026, 3, 13))
WEEK_BEFORE = (date(2026, 3, 2), date(2026, 3, 6))


@pytest.fixture(scope="module")
def generator() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_demo_sample

        yield make_demo_sample
    finally:
        sys.path.remove(str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict[str, str]]:
    with (SAMPLE / "manifest.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {f"{row['session']} {row['bill']}": row for row in rows}


def status_files() -> list[Path]:
    return sorted((SAMPLE / "api").rglob("*.xml"))


def parsed(path: Path) -> BillRecord:
    relative = path.relative_to(SAMPLE / "api").with_suffix("").as_posix()
    return parse_bill_xml(path.read_bytes(), url=f"https://api.revisor.mn.gov/{relative}/")


@pytest.fixture(scope="module")
def bills() -> dict[str, BillRecord]:
    found = {}
    for path in status_files():
        bill = parsed(path)
        session = "2025s1" if bill.key.special_session else "2025-2026"
        found[f"{session} {bill.key.bill_type} {bill.key.number}"] = bill
    return found


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for site in ("api", "www")
        for p in sorted((root / site).rglob("*"))
        if p.is_file()
    }


def test_the_committed_sample_is_what_the_generator_writes(
    generator: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "keep.html").write_text("not the generator's")
    generator.build(tmp_path)
    assert tree(tmp_path) == tree(SAMPLE)
    assert (tmp_path / "house" / "keep.html").read_text() == "not the generator's"


def test_the_manifest_is_what_the_generator_prints(generator: ModuleType) -> None:
    assert (SAMPLE / "manifest.tsv").read_text(encoding="utf-8") == generator.manifest()


def test_the_sample_is_big_enough(bills: dict[str, BillRecord]) -> None:
    regular = [k for k in bills if k.startswith("2025-2026")]
    special = [k for k in bills if k.startswith("2025s1")]
    assert len(regular) >= 60
    assert len(special) >= 5
    assert {"2025s1 HF 1", "2025s1 SF 1", "2025-2026 HR 7", "2025-2026 SR 12"} <= set(bills)


@pytest.mark.parametrize("path", status_files(), ids=lambda p: p.stem)
def test_every_status_file_reads_without_problems(path: Path) -> None:
    bill = parsed(path)
    assert bill.problems == ()
    assert bill.description and bill.authors and bill.actions


def test_every_action_is_classified(bills: dict[str, BillRecord]) -> None:
    unknown = {
        (key, action.text)
        for key, bill in bills.items()
        for action in bill.actions
        if classify_action(action.text, action.description) == (ActionKind.OTHER,)
    }
    assert unknown == set()


def stage_at_sine_die(bill: BillRecord, today: date = SINE_DIE) -> Stage:
    staged = [
        StagedAction(a.chamber, a.sequence, a.action_date, classify_action(a.text, a.description))
        for a in bill.actions
    ]
    session = session_of_bill(bill.key.legislature, bill.key.special_session, bill.year_introduced)
    result = stage_of(
        staged, bill_type=bill.key.bill_type, closes_on=session.closes_on, today=today
    )
    return result.stage


def test_every_bill_ends_at_the_stage_the_manifest_says(
    bills: dict[str, BillRecord], manifest: dict[str, dict[str, str]]
) -> None:
    stages = {key: stage_at_sine_die(bill).value for key, bill in bills.items()}
    expected = {key: row["stage"] for key, row in manifest.items() if row["stage"] != "missing"}
    assert stages == expected


def test_every_stage_is_shown(
    bills: dict[str, BillRecord], manifest: dict[str, dict[str, str]]
) -> None:
    """Every stage on sine die, and the bill awaiting the governor then is pocket vetoed once
    the governor's 14 days after adjournment have passed (a stage sine die cannot show)."""
    later = {Stage.POCKET_VETOED.value}
    assert {row["stage"] for row in manifest.values()} >= {s.value for s in Stage} - later
    awaiting = [key for key, row in manifest.items() if row["stage"] == "sent_to_governor"]
    assert awaiting
    for key in awaiting:
        assert stage_at_sine_die(bills[key], date(2026, 6, 1)) is Stage.SENT_TO_GOVERNOR
        assert stage_at_sine_die(bills[key], date(2026, 6, 2)) is Stage.POCKET_VETOED


def test_companions_exist_and_point_back(
    bills: dict[str, BillRecord], manifest: dict[str, dict[str, str]]
) -> None:
    missing = {key for key, row in manifest.items() if row["stage"] == "missing"}
    assert missing, "the sample keeps one companion deliberately out"
    for key, bill in bills.items():
        if bill.companion is None:
            continue
        session = key.split()[0]
        other = f"{session} {bill.companion[0].value} {bill.companion[1]}"
        if other in missing:
            assert other not in bills
            continue
        assert other in bills, f"{key} names companion {other}, which is not in the sample"
        back = bills[other].companion
        assert back == (bill.key.bill_type, bill.key.number), f"{other} does not point back"


def test_the_latest_text_version_of_every_bill_is_there(bills: dict[str, BillRecord]) -> None:
    without_text = []
    for key, bill in bills.items():
        latest = bill.latest_version
        if latest is None:
            without_text.append(key)
            continue
        path = SAMPLE / "www" / (urlsplit(latest.html_url).path.strip("/") + ".html")
        assert path.is_file(), f"{key}: no {path}"
        assert 700 <= path.stat().st_size <= 6000, f"{key}: text page is not small"
        text = parse_bill_text(
            path.read_bytes(), key=bill.key, version_name=latest.name, url=latest.html_url
        )
        assert text.title.startswith(("A bill for an act relating to", "A House", "A Senate"))
        if bill.key.bill_type in (BillType.HF, BillType.SF) and key != "2025-2026 HF 2136":
            assert text.statutes, f"{key}: the text names no statutes"
    assert without_text == ["2025-2026 SF 3901"]


@pytest.mark.parametrize("session", ["2025-2026", "2025s1"])
@pytest.mark.parametrize("chamber", list(Chamber))
@pytest.mark.parametrize("search_type", ["bill", "resolution", "concurrent"])
def test_the_listing_reaches_the_highest_number(
    session: str, chamber: Chamber, search_type: str
) -> None:
    """The spider's paging (500 at a time, on while a range lists bills or the numbers seen
    lie ahead; nothing stored yet) finds every bill."""
    ref = parse_session(session)
    sample = index_sample(SAMPLE)
    bill_type = BillType.of(chamber, search_type)
    wanted = {
        b.number
        for b in sample
        if b.special_session == ref.special_session and b.file_type == bill_type.value
    }
    listed: set[int] = set()
    first: int | None = 1
    while first is not None:
        url = search_url("http://replay", ref, bill_type, first, first + RANGE_SIZE - 1)
        found = parse_search_xml(search_results(sample, parse_qs(urlsplit(url).query)))
        listed |= {bill.number for bill in found}
        first = next_range_start(
            first, listed_any=bool(found), failed=False, evidence=max(listed, default=0)
        )
    assert listed == wanted


def all_dates(bills: dict[str, BillRecord]) -> Iterator[tuple[str, date]]:
    for key, bill in bills.items():
        for action in bill.actions:
            if action.action_date:
                yield key, action.action_date


def test_dates_are_plausible(bills: dict[str, BillRecord]) -> None:
    for key, on in all_dates(bills):
        assert date(2025, 1, 14) <= on <= SINE_DIE, (key, on)
        if key.startswith("2025s1"):
            assert date(2025, 6, 9) <= on <= date(2025, 6, 14), (key, on)
    for key, bill in bills.items():
        approvals = [
            a.action_date
            for a in bill.actions
            if ActionKind.GOVERNOR_APPROVAL in classify_action(a.text, a.description)
        ]
        presented = [
            a.action_date
            for a in bill.actions
            if ActionKind.PRESENTMENT in classify_action(a.text, a.description)
        ]
        for approved in approvals:
            assert presented and approved and 0 < (approved - presented[0]).days <= 14, key


def test_the_digest_week_and_the_week_before_are_busy(bills: dict[str, BillRecord]) -> None:
    def active(week: tuple[date, date]) -> set[str]:
        return {key for key, on in all_dates(bills) if week[0] <= on <= week[1]}

    assert len(active(DIGEST_WEEK)) >= 25
    assert len(active(WEEK_BEFORE)) >= 10


def test_the_sample_carries_real_data_quirks(bills: dict[str, BillRecord]) -> None:
    actions = [a for bill in bills.values() for a in bill.actions]
    assert any(a.action_date is None for a in actions)
    assert any(a.journal_page.endswith("a") for a in actions)
    lower = [p for p in status_files() if "<senate>" in p.read_text() or "<house>" in p.read_text()]
    assert [p.stem for p in lower] == ["1832"]


@pytest.mark.parametrize(
    ("fixture", "key"),
    [("mn_bills_SF1832.xml", "2025-2026 SF 1832"), ("mn_bills_HF2136.xml", "2025-2026 HF 2136")],
)
def test_the_real_records_match_the_test_fixtures(
    bills: dict[str, BillRecord], fixture: str, key: str
) -> None:
    ours = bills[key]
    theirs = parse_bill_xml((FILES / fixture).read_bytes(), url=ours.status_xml_url)
    assert ours == theirs
