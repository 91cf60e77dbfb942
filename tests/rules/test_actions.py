"""The action classifier: one row per real action string (mn_sources.md §7, excerpts, XML)."""

from __future__ import annotations

import csv

import pytest

from tests.conftest import SHARED
from tracker.rules.actions import classify_action, parse_chapter, parse_roll_call
from tracker.vocab import ActionKind as K

ROWS = [
    # text, description, expected kinds
    ("Introduction and first reading, referred to", "", (K.INTRODUCTION, K.REFERRAL)),
    ("Introduction and first reading", "", (K.INTRODUCTION,)),
    ("Senate file first reading, referred to", "", (K.INTRODUCTION, K.REFERRAL)),
    ("House file first reading, referred to", "", (K.INTRODUCTION, K.REFERRAL)),
    (
        "Senate file first reading, referred for comparison",
        "",
        (K.INTRODUCTION, K.REFERRAL, K.COMPARISON),
    ),
    ("Received from Senate", "", (K.RECEIVED,)),
    ("Received from House", "", (K.RECEIVED,)),
    ("Referred to", "", (K.REFERRAL,)),
    ("Referred to", "for comparison with HF2431", (K.REFERRAL, K.COMPARISON)),
    (
        "Referred to Rules and Administration for comparison with SF4643, now on General Orders",
        "",
        (K.REFERRAL, K.COMPARISON),
    ),
    ("Referred to Chief Clerk for comparison", "SF3210", (K.COMPARISON,)),
    ("Referred by Chair to", "", (K.REFERRAL,)),
    ("Rule 47, referred to", "", (K.REFERRAL,)),
    ("Pursuant to Senate Concurrent Resolution No. 6, referred to", "", (K.REFERRAL,)),
    ("Joint rule 2.03, referred to Rules and Administration", "", (K.DEADLINE_RETURN, K.REFERRAL)),
    (
        "Joint rule 2.03, Deadlines, re-referred to Rules and Legislative Administration",
        "",
        (K.DEADLINE_RETURN, K.REFERRAL),
    ),
    ("Joint rule 2.03 waived", "", (K.RULE_WAIVED,)),
    ("Withdrawn and re-referred to", "", (K.WITHDRAWN, K.REFERRAL)),
    ("Motion to recall and re-refer, motion prevailed", "", (K.REFERRAL,)),
    ("Rule 47, returned to", "", (K.DEADLINE_RETURN, K.REFERRAL)),
    (
        "House rule 4.20, interim disposition of bills, returned to",
        "",
        (K.DEADLINE_RETURN, K.REFERRAL),
    ),
    ("Authors added Nelson; Hoffman", "", (K.AUTHOR_ADDED,)),
    ("Author added", "Virnig", (K.AUTHOR_ADDED,)),
    ("Author stricken", "Duran", (K.AUTHOR_STRICKEN,)),
    ("Author changed", "Hollins be shown as Chief Author", (K.AUTHOR_CHANGED,)),
    ("Chief author stricken", "", (K.AUTHOR_CHANGED,)),
    ("Committee report, to adopt", "", (K.COMMITTEE_PASSED,)),
    ("Committee report, to adopt as amended", "", (K.COMMITTEE_PASSED, K.COMMITTEE_AMENDED)),
    (
        "Committee report, to adopt and re-refer to",
        "",
        (K.COMMITTEE_PASSED, K.COMMITTEE_REREFERRED, K.REFERRAL),
    ),
    (
        "Committee report, to adopt as amended and re-refer to Ways and Means",
        "",
        (K.COMMITTEE_PASSED, K.COMMITTEE_AMENDED, K.COMMITTEE_REREFERRED, K.REFERRAL),
    ),
    ("Comm report: To pass", "", (K.COMMITTEE_PASSED,)),
    ("Comm report: To pass as amended", "", (K.COMMITTEE_PASSED, K.COMMITTEE_AMENDED)),
    (
        "Comm report: To pass as amended and re-refer to",
        "",
        (K.COMMITTEE_PASSED, K.COMMITTEE_AMENDED, K.COMMITTEE_REREFERRED, K.REFERRAL),
    ),
    ("Comm report: Without recommendation", "", (K.COMMITTEE_NO_RECOMMENDATION,)),
    ("Comm report: Adopt previous comm report Jt. rule 2.03 suspended", "", (K.COMMITTEE_PASSED,)),
    (
        "Comm report: Subst. for SF on General Orders SF4643",
        "",
        (K.COMMITTEE_PASSED, K.SUBSTITUTION, K.GENERAL_ORDERS),
    ),
    ("Rule 12.10:  report of votes in committee", "", (K.COMMITTEE_VOTES,)),
    ("HF substituted in committee", "SF1200", (K.SUBSTITUTION,)),
    ("Amended, laid over for possible inclusion in the omnibus bill", "", (K.LAID_OVER,)),
    ("Second reading", "", (K.SECOND_READING,)),
    ("House rule 1.21, placed on Calendar for the Day", "Friday, May 9, 2025", (K.CALENDAR,)),
    ("House rule 1.21, placed on Calendar for the Day Wednesday, May 1, 2024", "", (K.CALENDAR,)),
    ("General Orders: Stricken and re-referred to", "", (K.REFERRAL,)),
    (
        "Rule 45-amend, subst. General Orders",
        "HF2431, SF indefinitely postponed",
        (K.SUBSTITUTION, K.INDEFINITELY_POSTPONED),
    ),
    ("Bills identical, SF substituted on General Register", "", (K.SUBSTITUTION, K.GENERAL_ORDERS)),
    ("HF indefinitely postponed", "", (K.INDEFINITELY_POSTPONED,)),
    ("Special Order", "", (K.CALENDAR,)),
    ("Special Order: Amended", "", (K.CALENDAR, K.AMENDED)),
    ("Special Order: Rule 45 amendment stricken", "", (K.CALENDAR,)),
    ("Amended", "", (K.AMENDED,)),
    ("Amendments offered", "", (K.AMENDMENT_OFFERED,)),
    ("Laid on table", "", (K.TABLED,)),
    ("Bill laid on table in House", "", (K.TABLED,)),
    ("Taken from table", "", (K.TAKEN_FROM_TABLE,)),
    ("Third reading as amended", "", (K.THIRD_READING,)),
    ("Third reading", "", (K.THIRD_READING,)),
    ("Third reading Passed", "", (K.THIRD_READING, K.PASSED)),
    ("Third reading Passed as amended", "", (K.THIRD_READING, K.PASSED, K.AMENDED)),
    ("Bill was passed", "", (K.PASSED,)),
    ("Bill was passed as amended", "", (K.PASSED,)),
    ("Bill was not passed", "", (K.THIRD_READING, K.FAILED)),
    ("Third reading reconsidered", "", (K.RECONSIDERED,)),
    ("Point of order, well taken", "", (K.PROCEDURAL,)),
    ("Urgency declared rules suspended", "", (K.PROCEDURAL,)),
    ("Returned from Senate with amendment", "", (K.RETURNED_WITH_AMENDMENT,)),
    ("Returned from House with amendment", "", (K.RETURNED_WITH_AMENDMENT,)),
    (
        "House rule 1.15 (c), message requesting concurrence received",
        "",
        (K.CONCURRENCE_REQUESTED,),
    ),
    ("Motion to concur with Senate amendments", "", (K.CONCURRENCE,)),
    ("Motion prevailed", "", (K.PROCEDURAL,)),
    ("Third reading as amended by the Senate", "", (K.THIRD_READING,)),
    ("Bill was repassed as amended by the Senate", "", (K.REPASSED,)),
    (
        "Senate not concur, conference committee requested",
        "",
        (K.REFUSED_CONCURRENCE, K.CONFERENCE_COMMITTEE),
    ),
    (
        "Senate refuses to concur, conference committee of 6 requested",
        "",
        (K.REFUSED_CONCURRENCE, K.CONFERENCE_COMMITTEE),
    ),
    ("House accedes, conference committee of 6 to be appointed", "", (K.CONFERENCE_COMMITTEE,)),
    ("Senate conferees", "Champion; McEwen", (K.CONFEREES, K.CONFERENCE_COMMITTEE)),
    ("House conferees", "Pinto, Greenman", (K.CONFEREES, K.CONFERENCE_COMMITTEE)),
    (
        "Senate adopted conference committee report, bill repassed",
        "",
        (K.CONFERENCE_REPORT_ADOPTED, K.REPASSED),
    ),
    ("Joint rule 3.02, conference committee discharged", "", (K.CONFERENCE_DISCHARGED,)),
    ("Presented to Governor", "05/14/2024", (K.PRESENTMENT,)),
    ("Presentment date", "05/14/24", (K.PRESENTMENT,)),
    ("Governor approval", "05/15/2024", (K.GOVERNOR_APPROVAL,)),
    ("Governor's action Approval", "05/15/24", (K.GOVERNOR_APPROVAL,)),
    ("Governor's action Veto", "05/26/26", (K.VETO,)),
    ("Governor's action Line-item veto", "", (K.LINE_ITEM_VETO,)),
    ("Secretary of State, Filed", "05/15/2024", (K.FILED,)),
    ("Secretary of State", "Chapter 120 05/27/26", (K.FILED, K.CHAPTER)),
    ("Secretary of State Chapter 102 05/15/24", "", (K.FILED, K.CHAPTER)),
    ("Chapter number", "111", (K.CHAPTER,)),
    ("Effective date", "08/01/2025", (K.EFFECTIVE_DATE,)),
    ("Effective date", "various dates", (K.EFFECTIVE_DATE,)),
    ("See", "First Special Session, SF1", (K.CROSS_REFERENCE,)),
    ("See Also", "", (K.CROSS_REFERENCE,)),
    ("See Senate file in House", "", (K.CROSS_REFERENCE,)),
    ("(Non-revisor companion)", "", (K.CROSS_REFERENCE,)),
    ("Resolution was adopted", "", (K.RESOLUTION_ADOPTED,)),
    ("Something the Revisor has never written", "", (K.OTHER,)),
]


@pytest.mark.parametrize(("text", "description", "expected"), ROWS, ids=[r[0][:50] for r in ROWS])
def test_classify_action(text: str, description: str, expected: tuple[K, ...]) -> None:
    assert classify_action(text, description) == expected


def test_whitespace_and_case_do_not_matter() -> None:
    assert classify_action("  third READING   passed ") == (K.THIRD_READING, K.PASSED)


def test_every_action_in_the_real_xml_fixtures_classifies() -> None:
    tsv = SHARED / "data" / "mn_real" / "actions_from_real_xml_fixtures.tsv"
    if not tsv.exists():
        pytest.skip(f"{tsv} is not here (the shared reference folder is optional)")
    with tsv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    unclassified = [
        row["action_text"]
        for row in rows
        if classify_action(row["action_text"], row["action_description"]) == (K.OTHER,)
    ]
    assert rows and unclassified == []


@pytest.mark.parametrize(
    ("roll_call", "expected"), [("115-19", (115, 19)), ("35 - 30", (35, 30)), ("", None)]
)
def test_parse_roll_call(roll_call: str, expected: tuple[int, int] | None) -> None:
    assert parse_roll_call(roll_call) == expected


@pytest.mark.parametrize(
    ("text", "description", "expected"),
    [
        ("Chapter number", "111", "111"),
        ("Secretary of State", "Chapter 120 05/27/26", "120"),
        ("Secretary of State Chapter 102 05/15/24", "", "102"),
        ("Chapter number", "", None),
    ],
)
def test_parse_chapter(text: str, description: str, expected: str | None) -> None:
    assert parse_chapter(text, description) == expected
