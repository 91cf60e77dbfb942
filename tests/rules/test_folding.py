"""The folded-in detector (tracker/rules/folding.py): small cases by hand, then its precision
and recall on pairs written down from the demo sample's bills (tracker/demo/sample: invented
and composite bills in the Revisor's shape; the shared real bills hold no omnibus with the
bills it absorbed, so they cannot give pairs)."""

from __future__ import annotations

import csv
from functools import cache
from urllib.parse import urlsplit

import pytest

from spiders.parsing.revisor import parse_bill_text, parse_bill_xml
from tracker.demo import SAMPLE
from tracker.records.bill_text import SectionRecord, TextRun
from tracker.records.bills import StatuteRecord
from tracker.rules.folding import BillLanguage, find_foldings
from tracker.vocab import Stage, StatuteChange, TextMark

# Written down from the sample's bill table before the detector was run on it: for each
# bill, the carriers (bills that passed a chamber or more) that hold its language, found by
# reading which bills amend the same subdivisions. One correction after the first run:
# HF 1503 and SF 1588 were written down as not folded, but both they and the policy omnibus
# HF 3480 repeal 120B.35, subd. 5 (the first list was read from the amendments only).
S1 = ("2025s1", "HF 1")
FINANCE = ("2025-2026", "HF 4127")
POLICY = ("2025-2026", "HF 3480")
MEALS_CONFERENCE = ("2025-2026", "SF 4388")
FOLDED: dict[tuple[str, str], set[tuple[str, str]]] = {
    ("2025-2026", "HF 45"): {FINANCE, S1},  # special education aid, 125A.76, subd. 2c
    ("2025-2026", "SF 88"): {FINANCE, S1},
    ("2025-2026", "HF 1899"): {FINANCE, MEALS_CONFERENCE},  # free school meals, 124D.111
    ("2025-2026", "SF 1955"): {FINANCE, MEALS_CONFERENCE},
    ("2025-2026", "HF 12"): {FINANCE, S1},  # the formula allowance, 126C.10, subd. 2
    ("2025-2026", "SF 34"): {FINANCE, S1},
    ("2025-2026", "HF 1627"): {POLICY},  # discipline, 121A.41, subd. 10
    ("2025-2026", "HF 2204"): {POLICY},  # charter schools, 124E.10
    ("2025-2026", "SF 2301"): {POLICY},
    ("2025-2026", "HF 1375"): {S1},  # teachers of color grants, 122A.635
    ("2025-2026", "SF 1402"): {S1},
    ("2025-2026", "HF 902"): {S1},  # facilities maintenance, 123B.595
    ("2025-2026", "HF 1503"): {POLICY},  # the 120B.35 repealer
    ("2025-2026", "SF 1588"): {POLICY},
}
NOT_FOLDED = [
    ("2025-2026", "SF 130"),  # HF 2's companion: substituted, not folded
    ("2025-2026", "HF 774"),  # referendum: no carrier amends it
    ("2025-2026", "SF 803"),
    ("2025-2026", "HF 2933"),  # unemployment for school workers: only a dead special bill
    ("2025-2026", "SF 2977"),
    ("2025-2026", "HF 157"),
]


@cache
def sample_bills() -> dict[tuple[str, str], BillLanguage]:
    rows = list(csv.DictReader((SAMPLE / "manifest.tsv").open(encoding="utf-8"), delimiter="\t"))
    bills, ids = {}, {}
    for number, row in enumerate(rows, start=1):
        ids[(row["session"], row["bill"])] = number
    for row in rows:
        bill_type, bill_number = row["bill"].split()
        special = 1 if row["session"] == "2025s1" else 0
        found = list(
            (SAMPLE / "api/bills/v1/94").glob(f"*/{special}/{bill_type}/{bill_number}.xml")
        )
        if not found:  # the companion the sample leaves out on purpose
            continue
        status = parse_bill_xml(found[0].read_bytes(), url=f"https://x/{bill_type}/{bill_number}/")
        sections: tuple[SectionRecord, ...] = ()
        statutes: tuple[StatuteRecord, ...] = ()
        latest = status.latest_version
        if latest is not None:
            page = SAMPLE / "www" / (urlsplit(latest.html_url).path.strip("/") + ".html")
            text = parse_bill_text(
                page.read_bytes(), key=status.key, version_name=latest.name, url=latest.html_url
            )
            sections, statutes = text.sections, text.statutes
        companion = None
        if status.companion:
            companion = ids.get(
                (row["session"], f"{status.companion[0].value} {status.companion[1]}")
            )
        key = (row["session"], row["bill"])
        bills[key] = BillLanguage(
            bill_id=ids[key],
            citation=row["bill"],
            stage=Stage(row["stage"]),
            sections=sections,
            chapter="1" if row["stage"] == "enacted" else None,
            companion_id=companion,
            statutes=statutes,
        )
    return bills


def test_precision_and_recall_on_the_written_down_pairs() -> None:
    bills = sample_bills()
    by_id = {bill.bill_id: key for key, bill in bills.items()}
    asked = [bills[key] for key in [*FOLDED, *NOT_FOLDED]]
    findings = find_foldings(asked, bills.values())
    found = {(by_id[f.bill_id], by_id[f.host_id]) for f in findings}
    expected = {(bill, host) for bill, hosts in FOLDED.items() for host in hosts}
    right = found & expected
    precision = len(right) / len(found) if found else 0.0
    recall = len(right) / len(expected)
    print(
        f"folded-in: {len(found)} found, {len(right)} right of {len(expected)} written down; "
        f"precision {precision:.2f}, recall {recall:.2f}; extra {sorted(found - expected)}; "
        f"missed {sorted(expected - found)}"
    )
    assert not {bill for bill, _ in found} & set(NOT_FOLDED), "a bill written down as not folded"
    assert precision >= 0.8 and recall >= 0.8


def section(text: str, *statutes: tuple[str, str], heading: str = "") -> SectionRecord:
    return SectionRecord(
        number=1,
        heading=heading,
        runs=(TextRun(TextMark.SAME, text),),
        statutes=tuple(StatuteRecord(s, StatuteChange.AMENDED, d) for s, d in statutes),
    )


OPENING = "Minnesota Statutes 2025, section 125A.76, subdivision 2c, is amended to read:\n"
AID = "The cross-subsidy reduction aid percentage is 50 percent for fiscal year 2027 and later."


def test_the_same_words_in_the_same_subdivision_say_so_with_the_carriers_status() -> None:
    bill = BillLanguage(
        1, "H.F. 45", Stage.IN_COMMITTEE, (section(OPENING + AID, ("125A.76", "2c")),)
    )
    omnibus = BillLanguage(
        9,
        "H.F. 4127",
        Stage.ENACTED,
        (section(OPENING.replace("2025", "2025") + AID, ("125A.76", "2c")),),
        chapter="64",
    )
    [finding] = find_foldings([bill], [bill, omnibus])
    assert finding.host_id == 9 and finding.confidence == 0.9
    assert finding.evidence == (
        "125A.76, subd. 2c amended the same way in H.F. 4127, section 1; enacted as chapter 64",
    )


def test_a_repeal_and_an_amendment_of_one_subdivision_are_not_the_same_language() -> None:
    repealer = SectionRecord(
        number=3,
        heading="REPEALER.",
        runs=(
            TextRun(
                TextMark.SAME, "Minnesota Statutes 2025, section 120B.35, subd. 5, is repealed."
            ),
        ),
        statutes=(StatuteRecord("120B.35", StatuteChange.REPEALED, "5"),),
    )
    bill = BillLanguage(1, "H.F. 1503", Stage.VETOED, (repealer,))
    amends = BillLanguage(
        9, "H.F. 3480", Stage.ENACTED, (section(OPENING + AID, ("120B.35", "5")),)
    )
    repeals = BillLanguage(8, "H.F. 3481", Stage.ENACTED, (repealer,))
    [finding] = find_foldings([bill], [amends, repeals])
    assert finding.host_id == 8 and finding.evidence[0].startswith("120B.35, subd. 5 repealed")


def test_a_different_amendment_of_the_same_subdivision_is_weaker() -> None:
    other = "Each district must report its special education costs by June 30."
    bill = BillLanguage(1, "H.F. 45", Stage.DEAD, (section(OPENING + AID, ("125A.76", "2c")),))
    omnibus = BillLanguage(
        9, "H.F. 4127", Stage.ENACTED, (section(OPENING + other, ("125A.76", "2c")),)
    )
    [finding] = find_foldings([bill], [omnibus])
    assert finding.confidence == 0.5 and "amended also in" in finding.evidence[0]


def test_companions_bills_that_did_not_pass_and_strangers_are_not_carriers() -> None:
    bill = BillLanguage(
        1,
        "H.F. 45",
        Stage.IN_COMMITTEE,
        (section(OPENING + AID, ("125A.76", "2c")),),
        companion_id=2,
    )
    companion = BillLanguage(
        2, "S.F. 88", Stage.ENACTED, (section(OPENING + AID, ("125A.76", "2c")),)
    )
    stuck = BillLanguage(
        3, "H.F. 99", Stage.IN_COMMITTEE, (section(OPENING + AID, ("125A.76", "2c")),)
    )
    stranger = BillLanguage(
        4, "H.F. 7", Stage.ENACTED, (section("Fishing licenses.", ("97A.475", "6")),)
    )
    assert find_foldings([bill], [companion, stuck, stranger]) == []


def test_a_cross_reference_counts_on_its_own() -> None:
    bill = BillLanguage(1, "S.F. 2483", Stage.DEAD, (), cross_references=frozenset({5}))
    special = BillLanguage(5, "S.F. 1 (2025 1st Special Session)", Stage.ENACTED, (), chapter="4")
    [finding] = find_foldings([bill], [special])
    assert finding.confidence == 0.5
    assert finding.evidence == (
        "the Revisor's status of the bill refers to S.F. 1 (2025 1st Special Session)",
    )


@pytest.mark.parametrize("covered", [1, 2, 3])
def test_a_bill_folded_in_whole_scores_higher_than_one_in_part(covered: int) -> None:
    subdivisions = ["2c", "2e", "3"]
    sections = tuple(section(f"{OPENING}Aid {d}.", ("125A.76", d)) for d in subdivisions)
    bill = BillLanguage(1, "H.F. 45", Stage.DEAD, sections)
    omnibus = BillLanguage(9, "H.F. 4127", Stage.ENACTED, sections[:covered])
    findings = find_foldings([bill], [omnibus])
    confidence = findings[0].confidence if findings else 0.0
    assert confidence == pytest.approx(0.9 * (0.5 + 0.5 * covered / 3), abs=0.01)
