"""Write the bundled demo sample (tracker/demo/sample/api and www) from the bill table.

    .venv/bin/python scripts/make_demo_sample.py                   # rewrite api/ and www/
    .venv/bin/python scripts/make_demo_sample.py --out /tmp/sample  # somewhere else
    .venv/bin/python scripts/make_demo_sample.py --print-manifest > tracker/demo/sample/manifest.tsv

The bills are data (`demo_sample_bills.py`); this module only renders them the way the
Revisor serves them: a status XML per bill under api/bills/v1/... and, for the newest text
version of each bill, a bill-text page under www/bills/... (mn_sources.md §1.3, §1.5).
Only api/ and www/ are ever deleted or written: other folders of the sample belong to
other sources.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

from demo_sample_bills import BILLS, COMMITTEES, MISSING_COMPANIONS, Bill, member_key
from demo_sample_text import text_page

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tracker" / "demo" / "sample"
OWNED = ("api", "www")
WWW = "https://www.revisor.mn.gov"


# -- actions: the step vocabulary of the path mini-language -------------------------------


@dataclass(frozen=True)
class Step:
    """One action a path step writes. `desc` may use {arg}, {mdy}, {mdY} and {day}."""

    text: str
    committee: bool = False  # the step's argument names a committee (COMMITTEES key)
    desc: str = ""
    roll: bool = False  # the step's argument (or its last word) is the roll call
    report: bool = False  # a committee report: journal page carries a suffix ("1798a")
    page: bool = True  # False: the Revisor leaves JOURNAL_PAGE blank (Senate referrals)
    engross: bool = False  # the bill's text changes: a new version is posted


_BOTH = {
    "author": (Step("Author added", desc="{arg}"),),
    "second": (Step("Second reading"),),
    "effective": (Step("Effective date", desc="{arg}"),),
    "adopted": (Step("Resolution was adopted"),),
    "urgency": (Step("Urgency declared rules suspended"),),
}
HOUSE_STEPS: dict[str, tuple[Step, ...]] = {
    **_BOTH,
    "intro": (Step("Introduction and first reading, referred to", committee=True),),
    "intro0": (Step("Introduction and first reading"),),
    "first": (
        Step("Received from Senate"),
        Step("Senate file first reading, referred to", committee=True),
    ),
    "adopt": (Step("Committee report, to adopt", report=True),),
    "adopt+": (Step("Committee report, to adopt as amended", report=True, engross=True),),
    "adopt>": (Step("Committee report, to adopt and re-refer to", committee=True, report=True),),
    "adopt+>": (
        Step(
            "Committee report, to adopt as amended and re-refer to",
            committee=True,
            report=True,
            engross=True,
        ),
    ),
    "calendar": (Step("House rule 1.21, placed on Calendar for the Day", desc="{day}"),),
    "pass": (Step("Third reading"), Step("Bill was passed", roll=True)),
    "pass+": (
        Step("Amended", report=True, engross=True),
        Step("Third reading as amended"),
        Step("Bill was passed as amended", roll=True),
    ),
    "recall": (Step("Motion to recall and re-refer, motion prevailed", committee=True),),
    "compare": (Step("Referred to Chief Clerk for comparison", desc="{arg}"),),
    "interim": (
        Step("House rule 4.20, interim disposition of bills, returned to", committee=True),
    ),
    "table": (Step("Bill laid on table in House"),),
    "returned": (Step("Returned from Senate with amendment"),),
    "concur": (
        Step("Motion to concur with Senate amendments"),
        Step("Third reading as amended by the Senate"),
        Step("Bill was repassed as amended by the Senate", roll=True),
    ),
    "refuse": (Step("House refuses to concur, conference committee of 3 requested"),),
    "accede": (Step("House accedes, conference committee of 3 to be appointed"),),
    "conferees": (Step("House conferees", desc="{arg}"),),
    "ccr": (
        Step("Conference committee report adopted"),
        Step("Third reading as amended by Conference"),
        Step("Bill was repassed as amended by Conference", roll=True),
    ),
    "present": (Step("Presented to Governor", desc="{mdY}"),),
    "approve": (Step("Governor's action Approval", desc="{mdy}"),),
    "sos": (Step("Secretary of State Chapter {arg} {mdy}"),),
    "veto": (Step("Governor's action Veto", desc="{mdy}"),),
}
SENATE_STEPS: dict[str, tuple[Step, ...]] = {
    **_BOTH,
    "intro": (
        Step("Introduction and first reading"),
        Step("Referred to", committee=True, page=False),
    ),
    "intro0": (Step("Introduction and first reading"),),
    "received": (
        Step("Received from House"),
        Step("Introduction and first reading"),
        Step("Referred to", committee=True, page=False),
    ),
    "compare": (
        Step("Received from House"),
        Step("Introduction and first reading"),
        Step("Referred to", desc="for comparison with {arg}", page=False),
    ),
    "pass": (Step("Comm report: To pass", report=True),),
    "pass+": (Step("Comm report: To pass as amended", report=True, engross=True),),
    "pass>": (Step("Comm report: To pass and re-refer to", committee=True, report=True),),
    "pass+>": (
        Step(
            "Comm report: To pass as amended and re-refer to",
            committee=True,
            report=True,
            engross=True,
        ),
    ),
    "votes": (Step("Rule 12.10:  report of votes in committee"),),
    "special": (Step("Special Order"),),
    "floor": (Step("Third reading Passed", roll=True),),
    "floor+": (
        Step("Special Order: Amended", report=True, engross=True),
        Step("Third reading Passed as amended", roll=True),
    ),
    "subst": (
        Step("Rule 45-amend, subst. General Orders", desc="{arg}, SF indefinitely postponed"),
    ),
    "go>": (Step("General Orders: Stricken and re-referred to", committee=True),),
    "returned": (Step("Returned from House with amendment"),),
    "concur": (
        Step("Motion to concur with House amendments"),
        Step("Bill was repassed as amended by the House", roll=True),
    ),
    "refuse": (Step("Senate not concur, conference committee requested"),),
    "accede": (Step("Senate accedes, conference committee of 3 to be appointed"),),
    "conferees": (Step("Senate conferees", desc="{arg}"),),
    "ccr": (Step("Senate adopted conference committee report, bill repassed", roll=True),),
    "present": (Step("Presentment date", desc="{mdy}"),),
    "approve": (Step("Governor approval", desc="{mdY}"),),
    "filed": (
        Step("Secretary of State, Filed", desc="{mdY}"),
        Step("Chapter number", desc="{arg}"),
    ),
    "veto": (Step("Governor's action Veto", desc="{mdy}"),),
    "table": (Step("Laid on table"),),
    "withdrawn": (Step("Withdrawn and returned to author"),),
    "rule47": (Step("Rule 47, returned to", committee=True),),
    "jr203": (Step("Joint rule 2.03, referred to Rules and Administration"),),
}
STEPS = {"H": HOUSE_STEPS, "S": SENATE_STEPS}
CHAMBERS = {"H": "house", "S": "senate"}


@dataclass(frozen=True)
class Action:
    chamber: str  # house | senate
    on: date | None
    text: str
    desc: str = ""
    committee_id: str = ""
    committee_name: str = ""
    page: str = ""
    roll: str = ""
    engross: bool = False


def expand_path(bill: Bill) -> list[Action]:
    """The bill's actions, from its path lines: `DATE CHAMBER step [argument]`."""
    actions: list[Action] = []
    for line in bill.path.strip().splitlines():
        when, chamber, code, *rest = line.split(maxsplit=3)
        arg = rest[0] if rest else ""
        on = None if when == "-" else date.fromisoformat(when)
        for step in STEPS[chamber][code]:
            committee = COMMITTEES[arg.split()[0]] if step.committee else ("", "")
            fields = {
                "arg": arg,
                "mdy": on.strftime("%m/%d/%y") if on else "",
                "mdY": on.strftime("%m/%d/%Y") if on else "",
                "day": f"{on:%A, %B} {on.day}, {on.year}" if on else "",
            }
            actions.append(
                Action(
                    chamber=CHAMBERS[chamber],
                    on=on,
                    text=step.text.format(**fields),
                    desc=step.desc.format(**fields),
                    committee_id=committee[0],
                    committee_name=committee[1],
                    page=journal_page(CHAMBERS[chamber], on, bill, step) if step.page else "",
                    roll=arg.split()[-1] if step.roll and arg else "",
                    engross=step.engross,
                )
            )
    return actions


# Journal pages grow with the session day; committee reports carry a letter ("3203a").
_PAGE_ANCHORS = {
    "house": (
        ("2025-01-14", 1),
        ("2025-03-10", 641),
        ("2025-04-30", 2834),
        ("2025-05-19", 4020),
        ("2026-02-17", 4110),
        ("2026-03-09", 4835),
        ("2026-05-18", 8360),
    ),
    "senate": (
        ("2025-01-14", 1),
        ("2025-02-24", 486),
        ("2025-04-29", 4172),
        ("2025-05-19", 5420),
        ("2026-02-17", 5510),
        ("2026-05-18", 9810),
    ),
}


def journal_page(chamber: str, on: date | None, bill: Bill, step: Step) -> str:
    if on is None:
        return ""
    if bill.special:  # a special session's journal starts again at page 1
        page = 1 + (on - date(2025, 6, 9)).days * 90
    else:
        anchors = [(date.fromisoformat(d), p) for d, p in _PAGE_ANCHORS[chamber]]
        page = anchors[-1][1]
        for (d0, p0), (d1, p1) in pairwise(anchors):
            if d0 <= on <= d1:
                page = p0 + (p1 - p0) * (on - d0).days // max((d1 - d0).days, 1)
                break
    page += bill.number % 37  # bills of one day sit on different pages
    return f"{page}a" if step.report else str(page)


# -- text versions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    path: str  # "0", "2", "ue/1": the tail of the version URL
    posted: str  # DATE_INSERT, "2025-03-10 09:08:06"
    name: str  # DOCUMENT_NAME, "2025.0-HF2136-0"
    kind: str  # DOCUMENT_TYPE: official | ue
    engrossment: int
    pdf: bool = True

    @property
    def label(self) -> str:
        if self.kind == "ue":
            return f"{ordinal(self.engrossment)} Unofficial Engrossment"
        return (
            "Introduction" if self.engrossment == 0 else f"{ordinal(self.engrossment)} Engrossment"
        )


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def derive_versions(bill: Bill, actions: list[Action]) -> list[Version]:
    """Introduction text, then one engrossment per day the text changed in each chamber."""
    if bill.no_text or not actions:
        return []
    origin = "house" if bill.type[0] == "H" else "senate"
    first_day = next(a.on for a in actions if a.on)
    versions = [_version(bill, "official", 0, first_day, minute=8)]
    seen: set[tuple[str, date]] = set()
    for action in actions:
        if not action.engross or action.on is None:
            continue
        kind = "official" if action.chamber == origin else "ue"
        if (kind, action.on) in seen:
            continue
        seen.add((kind, action.on))
        number = 1 + sum(1 for v in versions if v.kind == kind and v.engrossment > 0)
        versions.append(_version(bill, kind, number, action.on, minute=40 + len(versions)))
    return versions


def _version(bill: Bill, kind: str, number: int, on: date, *, minute: int) -> Version:
    prefix = bill.type if kind == "official" else f"UE{bill.type[0]}"
    hour = 9 if number == 0 else 16
    return Version(
        path=str(number) if kind == "official" else f"ue/{number}",
        posted=f"{on.isoformat()} {hour:02d}:{minute:02d}:{(bill.number * 7) % 60:02d}",
        name=f"{bill.year}.{bill.special}-{prefix}{bill.number}-{number}",
        kind=kind,
        engrossment=number,
    )


# -- status XML -------------------------------------------------------------------------------


def _row(tag: str, fields: dict[str, str]) -> str:
    inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields.items())
    return f"<{tag}>{inner}</{tag}>"


def status_xml(bill: Bill, actions: list[Action], versions: list[Version]) -> str:
    chamber_tag = str.lower if bill.lowercase_tags else str.upper
    origin = "house" if bill.type[0] == "H" else "senate"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<BILL>",
        "  <SESSION_NUMBER>94</SESSION_NUMBER>",
        f"  <SESSION_YEAR>{bill.year}</SESSION_YEAR>",
        f"  <SESSION_TYPE>{bill.special}</SESSION_TYPE>",
        f"  <SESSION_TEXT>{session_text(bill)}</SESSION_TEXT>",
        f"  <SESSION_YEAR_START>{2025 if not bill.special else bill.year}</SESSION_YEAR_START>",
        f"  <SESSION_YEAR_CLOSE>{2026 if not bill.special else bill.year}</SESSION_YEAR_CLOSE>",
        f"  <FILE_TYPE>{bill.type}</FILE_TYPE>",
        f"  <FILE_NUMBER>{bill.number}</FILE_NUMBER>",
        f"  <REVISOR_NUMBER>{bill.revisor}</REVISOR_NUMBER>",
        f"  <DESCRIPTION>{escape(bill.short)}</DESCRIPTION>",
        f"  <COMPANION_TYPE>{bill.companion[:2]}</COMPANION_TYPE>",
        f"  <COMPANION_NUMBER>{bill.companion[3:]}</COMPANION_NUMBER>",
        "  <AUTHORS>",
    ]
    for chamber in bill.author_order or (origin, _other(origin)):
        names = bill.origin_authors if chamber == origin else bill.other_authors
        if not names:
            continue
        lines.append(f"    <{chamber_tag(chamber)}>")
        for name in names:
            fields = {"LEGISLATOR_KEY": member_key(name), "MEMBER_NAME": name}
            fields |= {"COMMITTEE_ID": "", "COMMITTEE_NAME": ""}
            lines.append("      " + _row("AUTHOR", fields))
        lines.append(f"    </{chamber_tag(chamber)}>")
    lines.append("  </AUTHORS>")
    lines.append("  <ACTIONS>")
    for chamber in bill.action_order or (origin, _other(origin)):
        block = [a for a in actions if a.chamber == chamber]
        if not block:
            continue
        lines.append(f"    <{chamber_tag(chamber)}>")
        for number, action in enumerate(block, start=1):
            fields = {
                "ACTION_NUMBER": str(number),
                "ACTION_GROUP": "Action",
                "ACTION_TEXT": action.text,
                "ACTION_DATE": f"{action.on.isoformat()} 00:00:00" if action.on else "",
                "ACTION_DESCRIPTION": action.desc,
                "COMMITTEE_ID": action.committee_id,
                "COMMITTEE_NAME": action.committee_name,
                "JOURNAL_PAGE": action.page,
                "ROLL_CALL": action.roll,
            }
            lines.append("      " + _row("ACTION", fields))
        lines.append(f"    </{chamber_tag(chamber)}>")
    lines.append("  </ACTIONS>")
    if versions:
        lines.append("  <TEXT_VERSION_LIST>")
        for version in versions:
            url = version_url(bill, version)
            fields = {
                "HTML_URI": url,
                "PDF_URI": f"{url}pdf/" if version.pdf else "",
                "DATE_INSERT": version.posted,
                "DOCUMENT_NAME": version.name,
                "DOCUMENT_TYPE": version.kind,
                "DOCUMENT_ENGROSSMENT": str(version.engrossment),
            }
            lines.append("    " + _row("DOCUMENT", fields))
        lines.append("  </TEXT_VERSION_LIST>")
    lines.append("</BILL>")
    return "\n".join(lines) + "\n"


def _other(chamber: str) -> str:
    return "senate" if chamber == "house" else "house"


def session_text(bill: Bill) -> str:
    return f"{bill.year} First Special Session" if bill.special else f"{bill.year} Regular Session"


def bill_folder(bill: Bill) -> str:
    return f"bills/94/{bill.year}/{bill.special}/{bill.type}/{bill.number}"


def version_url(bill: Bill, version: Version) -> str:
    return f"{WWW}/{bill_folder(bill)}/versions/{version.path}/"


def bill_actions(bill: Bill) -> list[Action]:
    """Typed rows for a real record, else the expansion of its path."""
    if not bill.raw_actions:
        return expand_path(bill)
    return [
        Action(
            chamber=chamber,
            on=date.fromisoformat(on) if on else None,
            text=text,
            desc=desc,
            committee_id=COMMITTEES[committee][0] if committee else "",
            committee_name=COMMITTEES[committee][1] if committee else "",
            page=page,
            roll=roll,
        )
        for chamber, on, page, text, desc, committee, roll in bill.raw_actions
    ]


def bill_versions(bill: Bill, actions: list[Action]) -> list[Version]:
    if not bill.raw_versions:
        return derive_versions(bill, actions)
    return [
        Version(path, posted, name, kind, int(engrossment), pdf=bool(pdf))
        for path, posted, name, kind, engrossment, pdf in bill.raw_versions
    ]


# -- the tree -----------------------------------------------------------------------------------


def render(bill: Bill) -> dict[str, str]:
    """Relative path -> file content, for one bill."""
    actions = bill_actions(bill)
    versions = bill_versions(bill, actions)
    files = {
        f"api/bills/v1/94/{bill.year}/{bill.special}/{bill.type}/{bill.number}.xml": status_xml(
            bill, actions, versions
        )
    }
    drafts = dict(bill.drafts)
    for index, version in enumerate(versions):
        as_posted = replace(bill, **drafts.get(index, {}))
        files[f"www/{bill_folder(bill)}/versions/{version.path}.html"] = text_page(
            as_posted, version
        )
    return files


def build(out: Path) -> list[Path]:
    """Delete and rewrite out/api and out/www; leave everything else in `out` alone."""
    for owned in OWNED:
        shutil.rmtree(out / owned, ignore_errors=True)
    written = []
    for bill in BILLS:
        for relative, content in render(bill).items():
            path = out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            written.append(path)
    return written


def manifest() -> str:
    rows = ["session\tbill\tstage\tsource\teducation\tdemonstrates"]
    for bill in BILLS:
        session = "2025s1" if bill.special else "2025-2026"
        rows.append(
            f"{session}\t{bill.type} {bill.number}\t{bill.stage}\t{bill.source}\t"
            f"{'yes' if bill.education else 'no'}\t{bill.shows}"
        )
    for missing, why in MISSING_COMPANIONS.items():
        rows.append(f"2025-2026\t{missing}\tmissing\t-\t-\t{why}")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLE, help="the sample folder")
    parser.add_argument("--print-manifest", action="store_true", help="print manifest.tsv")
    args = parser.parse_args(argv)
    if args.print_manifest:
        sys.stdout.write(manifest())
        return 0
    written = build(args.out)
    print(f"Wrote {len(written)} files for {len(BILLS)} bills under {args.out}/{{api,www}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
