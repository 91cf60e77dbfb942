"""A Revisor of Statutes that answers from memory and changes on demand.

Bills come from saved status XML (the demo sample, the tests' files) or are made up
(`synthetic_bills`: realistic sizes, about 20 actions a bill). `RevisorSite.answer` serves,
as the Revisor does (mn_sources.md §1.3-§1.5):

  /bills/status_result.php?...&format=xml   the XML status search (STATUS_XML_URI per bill)
  /bills/status_result.php?... (no format)  the HTML results table: td[2] the bill link,
                                            td[4] the last action date (Open States' locators)
  /bills/v1/{leg}/{year}/{ssn}/{type}/{n}/  a bill's status XML
  /bills/{leg}/{year}/{ssn}/{type}/{n}/versions/...   a text page

`add_action` gives a bill a new action (and its listing a new last-action date), as a day
of session does. Nothing here sends ETag or Last-Modified headers: the Revisor is not
documented to, so a conditional request would cost a full request.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from lxml import etree

from tests.replay.server import Answer
from tracker.demo.replay import SampleBill, search_results

STATUS_PATH = re.compile(r"^/bills/v1/(\d+)/(\d{4})/(\d+)/([A-Z]{2})/(\d+)/?$")
TEXT_PATH = re.compile(r"^/bills/(\d+)/(\d{4})/(\d+)/([A-Z]{2})/(\d+)/versions/")
SEARCH_PATH = "/bills/status_result.php"
NOT_FOUND = Answer(404, "text/html", b"<html><body>Not found</body></html>")


@dataclass
class SiteBill:
    """One bill the site knows: its status XML and the actions added since."""

    sample: SampleBill
    xml: bytes
    last_action_on: date | None
    added: list[tuple[str, str, date]] = field(default_factory=list)  # chamber, text, day

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.sample.special_session, self.sample.file_type, self.sample.number)

    def status_xml(self) -> bytes:
        if not self.added:
            return self.xml
        root = etree.fromstring(self.xml)
        actions = next(c for c in root if c.tag.lower() == "actions")
        for chamber, text, day in self.added:
            block = next((b for b in actions if b.tag.lower() == chamber), None)
            if block is None:
                block = etree.SubElement(actions, chamber)
            block.append(etree.fromstring(_action_xml(len(block) + 1, text, day)))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def rename_element(old: str, new: str) -> Callable[[bytes], bytes]:
    """A body rewrite (for `Fault(rewrite=...)`): every <old> element, any case, named <new>,
    as a source whose layout changed would answer."""
    pattern = re.compile(rb"(</?)" + old.encode() + rb"(?=[\s>/])", re.IGNORECASE)
    return lambda body: pattern.sub(rb"\1" + new.encode(), body)


def bill_from_xml(xml: bytes) -> SiteBill:
    root = etree.fromstring(xml)

    def text(tag: str) -> str:
        return (root.findtext(tag) or "").strip()

    dates = [d[:10] for d in root.xpath("//ACTION/ACTION_DATE/text()") if d.strip()]
    sample = SampleBill(
        int(text("SESSION_NUMBER")),
        int(text("SESSION_YEAR")),
        int(text("SESSION_TYPE")),
        text("FILE_TYPE"),
        int(text("FILE_NUMBER")),
        text("DESCRIPTION"),
    )
    return SiteBill(sample, xml, date.fromisoformat(max(dates)) if dates else None)


def bills_from_folder(folder: Path) -> list[SiteBill]:
    """Every status XML under `folder` (the demo sample's `api/`)."""
    return [bill_from_xml(path.read_bytes()) for path in sorted(folder.rglob("*.xml"))]


class RevisorSite:
    def __init__(self, bills: Iterable[SiteBill], *, texts: bool = True):
        self.bills = {bill.key: bill for bill in bills}
        self.serve_texts = texts

    def bill(self, file_type: str, number: int, special_session: int = 0) -> SiteBill:
        return self.bills[(special_session, file_type, number)]

    def add_action(self, bill: SiteBill, text: str, day: date, chamber: str = "") -> None:
        chamber = chamber or ("house" if bill.sample.file_type.startswith("H") else "senate")
        bill.added.append((chamber, text, day))
        bill.last_action_on = max(day, bill.last_action_on or day)

    def answer(self, raw_path: str) -> Answer:
        parts = urlsplit(raw_path)
        if parts.path == SEARCH_PATH:
            query = parse_qs(parts.query, keep_blank_values=True)
            if query.get("format") == ["xml"]:
                listed = [bill.sample for bill in self.bills.values()]
                return Answer(200, "text/xml", search_results(listed, query))
            return Answer(200, "text/html; charset=utf-8", self._results_page(query))
        if found := STATUS_PATH.match(parts.path):
            _, _, special, file_type, number = found.groups()
            bill = self.bills.get((int(special), file_type, int(number)))
            return NOT_FOUND if bill is None else Answer(200, "text/xml", bill.status_xml())
        if self.serve_texts and (found := TEXT_PATH.match(parts.path)):
            _, _, special, file_type, number = found.groups()
            if (int(special), file_type, int(number)) in self.bills:
                return Answer(200, "text/html", _text_page(file_type, int(number)))
        return NOT_FOUND

    def _results_page(self, query: dict[str, list[str]]) -> bytes:
        """The HTML status search: the bills the XML search lists, one table row each."""
        found = etree.fromstring(search_results([b.sample for b in self.bills.values()], query))
        keys = [
            (r.findtext("FILE_TYPE") or "", int(r.findtext("FILE_NUMBER") or 0))
            for r in found.iter("BILL_RESULT")
        ]
        special = int(query.get("session", ["0"])[0][:1] or 0)
        rows = [
            _result_row(position, self.bills[(special, file_type, number)])
            for position, (file_type, number) in enumerate(keys, start=1)
        ]
        table = (
            '<table class="table table-sm table-responsive"><thead><tr><th>#</th><th>Bill</th>'
            "<th>Companion</th><th>Last Action</th><th>Status</th><th>Chapter</th>"
            "<th>Author</th><th>Description</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
        return (
            "<!DOCTYPE html><html><head><title>Bill Search Results</title></head><body>"
            f"<h1>Bill Search Results</h1><p>{len(rows)} results</p>{table}</body></html>"
        ).encode()


def _result_row(position: int, bill: SiteBill) -> str:
    sample = bill.sample
    body = "House" if sample.file_type.startswith("H") else "Senate"
    label = f"{sample.file_type}{sample.number:04d}"
    href = (
        f"/bills/bill.php?b={body}&amp;f={label}&amp;ssn={sample.special_session}"
        f"&amp;y={sample.year}"
    )
    last = f"{bill.last_action_on:%m/%d/%Y}" if bill.last_action_on else ""
    return (
        f"<tr><td>{position}</td><td><a href='{href}'>{label}</a></td><td></td>"
        f"<td><a href='{href}#actions'>{last}</a></td><td></td><td></td><td>Author</td>"
        f"<td>{escape(sample.description)}</td></tr>"
    )


def _action_xml(number: int, text: str, day: date) -> bytes:
    return (
        f"<ACTION><ACTION_NUMBER>{number}</ACTION_NUMBER><ACTION_GROUP>Action</ACTION_GROUP>"
        f"<ACTION_TEXT>{escape(text)}</ACTION_TEXT><ACTION_DATE>{day:%Y-%m-%d} 00:00:00"
        "</ACTION_DATE><ACTION_DESCRIPTION></ACTION_DESCRIPTION><COMMITTEE_ID></COMMITTEE_ID>"
        "<COMMITTEE_NAME></COMMITTEE_NAME><JOURNAL_PAGE></JOURNAL_PAGE><ROLL_CALL></ROLL_CALL>"
        "</ACTION>"
    ).encode()


def _text_page(file_type: str, number: int) -> bytes:
    return (
        "<html><body><div id='document'><div class='bill_title'>A bill for an act relating to "
        f"education; amending Minnesota Statutes 2024, section 126C.10, subdivision 2 ({file_type}"
        f" {number}).</div><div class='bill_section'><p class='first'>Minnesota Statutes 2024, "
        "section 126C.10, subdivision 2, is amended to read:</p><p>Subd. 2. Basic revenue."
        "</p></div></div></body></html>"
    ).encode()


# -- a made-up session of realistic size -------------------------------------------------

_COMMITTEES = (
    ("94005", "Education Finance"),
    ("94006", "Education Policy"),
    ("94024", "Ways and Means"),
    ("94003", "Children and Families Finance and Policy"),
)
_SENATE_COMMITTEES = (("3119", "Education Finance"), ("1007", "Finance"), ("1017", "Rules"))
_NAMES = ("Youakim", "Kresha", "Bennett", "Jordan", "Hill", "Pérez-Vega", "Clardy", "Mueller")
_STEPS = (
    ("Author added", "author"),
    ("Committee report, to adopt as amended and re-refer to", "committee"),
    ("Author added", "author"),
    ("Committee report, to adopt as amended", "committee"),
    ("Second reading", ""),
    ("House rule 1.21, placed on Calendar for the Day", ""),
    ("Bill was passed as amended", "vote"),
)
_SENATE_STEPS = (
    ("Received from House", ""),
    ("Introduction and first reading", ""),
    ("Referred to", "committee"),
    ("Comm report: To pass as amended and re-refer to", "committee"),
    ("Second reading", ""),
    ("Special Order: Amended", ""),
    ("Third reading Passed as amended", "vote"),
)


def synthetic_bills(count: int, *, seed: int = 2025) -> list[SiteBill]:
    """`count` bills of the 2025-2026 session, House and Senate bills in turn (plus a few
    resolutions), about 20 actions each, last actions spread over the session."""
    rng = random.Random(seed)
    bills = []
    numbers = {"HF": 0, "SF": 0, "HR": 0, "SR": 0}
    for index in range(count):
        file_type = ("HR", "SR")[index % 2] if index % 250 == 249 else ("HF", "SF")[index % 2]
        numbers[file_type] += 1
        bills.append(_synthetic_bill(rng, file_type, numbers[file_type], index / max(count, 1)))
    return bills


def _synthetic_bill(rng: random.Random, file_type: str, number: int, share: float) -> SiteBill:
    year = 2025 if share < 0.6 else 2026
    day = date(year, 1, 14) + timedelta(days=int(rng.random() * 90))
    house = file_type.startswith("H")
    committee = rng.choice(_COMMITTEES if house else _SENATE_COMMITTEES)
    actions = [("Introduction and first reading, referred to", day, committee, "", "")]
    wanted = max(3, int(rng.gauss(20, 6)))
    steps = list(_STEPS) * 2 + list(_SENATE_STEPS)
    while len(actions) < wanted:
        text, kind = steps[(len(actions) - 1) % len(steps)]
        day += timedelta(days=rng.randint(0, 6))
        described = rng.choice(_NAMES) if kind == "author" else ""
        picked = rng.choice(_COMMITTEES) if kind == "committee" else ("", "")
        actions.append((text, day, picked, described, "115-19" if kind == "vote" else ""))
    chamber = "house" if house else "senate"
    action_xml = "".join(
        f"<ACTION><ACTION_NUMBER>{n}</ACTION_NUMBER><ACTION_GROUP>Action</ACTION_GROUP>"
        f"<ACTION_TEXT>{escape(text)}</ACTION_TEXT><ACTION_DATE>{when:%Y-%m-%d} 00:00:00"
        f"</ACTION_DATE><ACTION_DESCRIPTION>{escape(described)}"
        f"</ACTION_DESCRIPTION><COMMITTEE_ID>{cid}</COMMITTEE_ID><COMMITTEE_NAME>{escape(cname)}"
        f"</COMMITTEE_NAME><JOURNAL_PAGE>{600 + 7 * n}</JOURNAL_PAGE><ROLL_CALL>"
        f"{roll_call}</ROLL_CALL></ACTION>"
        for n, (text, when, (cid, cname), described, roll_call) in enumerate(actions, start=1)
    )
    authors = "".join(
        f"<AUTHOR><LEGISLATOR_KEY>{15600 + i}</LEGISLATOR_KEY><MEMBER_NAME>{name}</MEMBER_NAME>"
        "<COMMITTEE_ID></COMMITTEE_ID><COMMITTEE_NAME></COMMITTEE_NAME></AUTHOR>"
        for i, name in enumerate(rng.sample(_NAMES, rng.randint(1, 6)))
    )
    base = f"https://www.revisor.mn.gov/bills/94/{year}/0/{file_type}/{number}/versions"
    versions = "".join(
        f"<DOCUMENT><HTML_URI>{base}/{v}/</HTML_URI><PDF_URI>{base}/{v}/pdf/</PDF_URI>"
        f"<DATE_INSERT>{actions[0][1]:%Y-%m-%d} 09:0{v}:00</DATE_INSERT>"
        f"<DOCUMENT_NAME>{year}.0-{file_type}{number}-{v}</DOCUMENT_NAME>"
        f"<DOCUMENT_TYPE>official</DOCUMENT_TYPE><DOCUMENT_ENGROSSMENT>{v}</DOCUMENT_ENGROSSMENT>"
        "</DOCUMENT>"
        for v in range(1 + sum(1 for a in actions if "as amended" in a[0]) // 3)
    )
    companion = ("SF" if house else "HF") if file_type.endswith("F") else ""
    description = f"Education; item {number} of the {('House', 'Senate')[not house]} modified."
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<BILL><SESSION_NUMBER>94</SESSION_NUMBER>'
        f"<SESSION_YEAR>{year}</SESSION_YEAR><SESSION_TYPE>0</SESSION_TYPE>"
        "<SESSION_TEXT>2025 Regular Session</SESSION_TEXT><SESSION_YEAR_START>2025"
        "</SESSION_YEAR_START><SESSION_YEAR_CLOSE>2026</SESSION_YEAR_CLOSE>"
        f"<FILE_TYPE>{file_type}</FILE_TYPE><FILE_NUMBER>{number}</FILE_NUMBER>"
        f"<REVISOR_NUMBER>{year % 100}-{number:05d}</REVISOR_NUMBER>"
        f"<DESCRIPTION>{escape(description)}</DESCRIPTION>"
        f"<COMPANION_TYPE>{companion}</COMPANION_TYPE>"
        f"<COMPANION_NUMBER>{number if companion else ''}</COMPANION_NUMBER>"
        f"<AUTHORS><{chamber}>{authors}</{chamber}></AUTHORS>"
        f"<ACTIONS><{chamber}>{action_xml}</{chamber}></ACTIONS>"
        f"<TEXT_VERSION_LIST>{versions}</TEXT_VERSION_LIST></BILL>"
    ).encode()
    sample = SampleBill(94, year, 0, file_type, number, description)
    return SiteBill(sample, xml, max(a[1] for a in actions))
