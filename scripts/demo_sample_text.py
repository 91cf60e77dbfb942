"""Bill-text pages for the demo sample, in the current Revisor layout (mn_sources.md §1.5,
tests/files/mn_bills_text_HF409_0.html): the official title clause naming the statutes,
then one `div.bill_section` per amended subdivision, new section, appropriation, repealer.

Statutes are written in a small notation in the bill table:
  "126C.10:2,2a; 126C.13:4; 124D.111:+; 126C.15"  amended (":+" = by adding a subdivision)
  "124D.1195 School meal debt"                     new coding: section and headnote
  "120B.35:5"                                      repealed
"""

from __future__ import annotations

import re
from html import escape as _html_escape
from typing import Any

MAX_AMENDED_SECTIONS = 4  # text pages stay small; the title still lists every statute

# Subdivision headnotes of the statutes the sample amends (Minnesota Statutes).
HEADNOTES = {
    "126C.10:2": "Basic revenue.",
    "126C.10:2a": "Extended time revenue.",
    "126C.10:2e": "Local optional revenue.",
    "126C.10:3": "Compensatory education revenue.",
    "126C.10:18": "Transportation sparsity revenue allowance.",
    "126C.13:4": "General education aid.",
    "126C.15:1": "Use of revenue.",
    "126C.15:2": "Building allocation.",
    "126C.17:6": "Referendum equalization revenue.",
    "126C.17:9": "Referendum revenue.",
    "126C.17:11": "Referendum date.",
    "125A.76:2c": "Special education aid.",
    "125A.76:2e": "Cross subsidy reduction aid.",
    "125A.79:1": "Definitions.",
    "124D.65:5": "School district EL revenue.",
    "124D.59:2": "English learner.",
    "124D.111:5": "Free school meals program.",
    "124D.1158:4": "School breakfast aid.",
    "124D.151:3": "Mixed delivery of services program plan.",
    "124D.151:6": "Participation limits.",
    "124D.81:1": "Procedures; general.",
    "124D.81:2a": "American Indian education aid.",
    "124D.862:1": "Initial achievement and integration revenue.",
    "124D.862:8": "Revenue uses.",
    "124D.901:3": "Student support personnel aid.",
    "124E.10:1": "Contents.",
    "123B.595:1": "Long-term facilities maintenance revenue.",
    "123B.92:1": "Definitions.",
    "123B.92:5": "District reports; transportation aid.",
    "120B.12:1": "Literacy goal.",
    "120B.12:2": "Identification; report.",
    "120B.30:1": "Statewide testing.",
    "121A.41:10": "Pupil.",
    "121A.45:1": "Provision of alternative programs.",
    "122A.181:1": "Application requirements.",
    "122A.181:3": "Term of license and renewal.",
    "122A.635:2": "Competitive grants.",
    "268.085:7": "School employees; between terms denial.",
    "354.42:2": "Employee contributions.",
    "354.44:6": "Computation of formula annuity.",
    "97A.475:6": "Resident fishing licenses.",
    "340A.404:2": "Special provision; city of Minneapolis.",
    "148.231:1": "Registration.",
}


def escape(text: str) -> str:
    return _html_escape(text, quote=False)


_MARKED = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")
_ENTRY = re.compile(r"^(?P<section>\d{1,3}[A-Z]{0,2}\.\d{1,4})(?::(?P<subds>.*))?$")


def parse_statutes(notation: str) -> list[tuple[str, list[str]]]:
    """'126C.10:2,2a; 124D.111:+' -> [('126C.10', ['2', '2a']), ('124D.111', ['+'])]."""
    entries = []
    for part in filter(None, (p.strip() for p in notation.split(";"))):
        match = _ENTRY.match(part)
        if not match:
            raise ValueError(f"unreadable statute {part!r}")
        subds = [s.strip() for s in (match.group("subds") or "").split(",") if s.strip()]
        entries.append((match.group("section"), subds))
    return entries


def parse_new(notation: str) -> list[tuple[str, str]]:
    """'124D.1195 School meal debt; 121A.80 Threat assessment' -> [(section, headnote)]."""
    return [
        (part.split(" ", 1)[0], part.split(" ", 1)[1])
        for part in filter(None, (p.strip() for p in notation.split(";")))
    ]


def _cite(section: str, subds: list[str]) -> str:
    if subds == ["+"]:
        return f"{section}, by adding a subdivision"
    if not subds:
        return section
    noun = "subdivisions" if len(subds) > 1 else "subdivision"
    return f"{section}, {noun} {', '.join(subds)}"


def _statute_list(entries: list[tuple[str, list[str]]]) -> str:
    noun = "sections" if len(entries) > 1 else "section"
    return f"{noun} " + "; ".join(_cite(s, d) for s, d in entries)


def official_title(bill: Any) -> str:
    """'A bill for an act relating to ...; amending ...; proposing ...; repealing ....'"""
    if bill.title.startswith("A "):
        return bill.title
    year = bill.statutes_year
    clauses = [f"A bill for an act relating to {bill.title}"]
    if bill.amend:
        clauses.append(
            f"amending Minnesota Statutes {year}, {_statute_list(parse_statutes(bill.amend))}"
        )
    if bill.new:
        chapters = sorted({section.split(".")[0] for section, _ in parse_new(bill.new)})
        noun = "chapters" if len(chapters) > 1 else "chapter"
        clauses.append(
            f"proposing coding for new law in Minnesota Statutes, {noun} {'; '.join(chapters)}"
        )
    if bill.repeal:
        clauses.append(
            f"repealing Minnesota Statutes {year}, {_statute_list(parse_statutes(bill.repeal))}"
        )
    return "; ".join(clauses) + "."


def _marked(text: str) -> str:
    """'[old|new]' becomes deleted and inserted text; unmarked text is all new."""
    if not _MARKED.search(text):
        return _ins(escape(text))
    out, last = [], 0
    for match in _MARKED.finditer(text):
        out.append(escape(text[last : match.start()]))
        old, new = match.groups()
        if old:
            out.append(
                '<span class="del"><span class="sr-only">deleted text begin</span>'
                f'{escape(old)}<span class="sr-only">deleted text end</span></span> '
            )
        out.append(_ins(escape(new)))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _ins(html: str) -> str:
    return (
        '<ins><span class="sr-only">new text begin</span>'
        f'{html}<span class="sr-only">new text end</span></ins>'
    )


def _effective(bill: Any) -> str:
    if bill.special:
        return "This section is effective July 1, 2025."
    if bill.year == 2025:
        return "This section is effective July 1, 2025, and applies to fiscal year 2026 and later."
    return "This section is effective the day following final enactment."


def sections(bill: Any) -> list[tuple[str, str]]:
    """(opening paragraph HTML, rest HTML) for each bill section."""
    gist = bill.gist or (bill.short,)
    found: list[tuple[str, str]] = []
    year = bill.statutes_year
    amended = [(s, d) for s, subds in parse_statutes(bill.amend) for d in (subds or [""])]
    for section, subd in amended[:MAX_AMENDED_SECTIONS]:
        body = _marked(gist[len(found) % len(gist)])
        cite = f"Minnesota Statutes {year}, section {section}"
        if subd == "+":
            opening = f"{cite}, is amended by adding a subdivision to read:"
            subd_html = f'<h2 class="subd_no">{_ins("Subd. 12.")}</h2> <p>{body}</p>'
        elif subd:
            opening = f"{cite}, subdivision {subd}, is amended to read:"
            headnote = HEADNOTES.get(f"{section}:{subd}", "")
            head = f' <h3 class="headnote">{escape(headnote)}</h3>' if headnote else ""
            subd_html = f'<h2 class="subd_no">Subd. {subd}.</h2>{head}\n        <p>{body}</p>'
        else:
            opening = f"{cite}, is amended to read:"
            subd_html = f"<p>{body}</p>"
        found.append((escape(opening), f'<div class="subd">\n        {subd_html}\n      </div>'))
    for section, headnote in parse_new(bill.new):
        body = _marked(gist[len(found) % len(gist)])
        found.append((f"<b>[{section}] {escape(headnote.upper())}.</b>", f"<p>{body}</p>"))
    if bill.approp:
        heading, body = bill.approp
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in body.split("\n"))
        found.append((f"<b>{escape(heading)}</b>", paragraphs))
    if bill.repeal:
        entries = parse_statutes(bill.repeal)
        verb = "are" if len(entries) > 1 or len(entries[0][1]) > 1 else "is"
        text = f"Minnesota Statutes {year}, {_statute_list(entries)}, {verb} repealed."
        found.append(("<b>REPEALER.</b>", f"<p>{escape(text)}</p>"))
    return found


def text_page(bill: Any, version: Any) -> str:
    """The bill-text page of one version, as www.revisor.mn.gov serves it."""
    session = (
        "94th Legislature (2025 1st Special Session)"
        if bill.special
        else "94th Legislature (2025 - 2026)"
    )
    day, clock = version.posted.split(" ")
    yyyy, mm, dd = day.split("-")
    hour, minute = int(clock[:2]), clock[3:5]
    posted = (
        f"{mm}/{dd}/{yyyy} {(hour - 1) % 12 + 1:02d}:{minute} {'a.m.' if hour < 12 else 'p.m.'}"
    )
    label = f"{bill.type} {bill.number}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{label} {version.label} - {session}</title>",
        "</head>",
        "<body>",
        '<div class="container">',
        f'  <h1 class="card-title">{label}</h1>',
        f'  <div class="version_header">{version.label} - {session}</div>',
        f'  <div class="version_posted">Posted on {posted}</div>',
        '  <p>KEY: <span class="del">stricken</span> = removed, old language. '
        "<ins>underscored</ins> = added, new language.</p>",
        '  <div id="document">',
        f'    <div class="bill_title">{escape(official_title(bill))}</div>',
    ]
    if bill.type[1] == "F":
        parts.append(
            '    <p class="enacting_clause">BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF '
            "MINNESOTA:</p>"
        )
    for number, (opening, rest) in enumerate(sections(bill), start=1):
        parts += [
            f'    <div class="bill_section" id="laws.0.{number}.0">',
            f'      <h1 class="shn">{"Section" if number == 1 else "Sec."} {number}.</h1>',
            f'      <p class="first">{opening}</p>',
            f"      {rest}",
        ]
        if number == 1 and bill.type[1] == "F" and not bill.title.startswith("A "):
            parts += [
                '      <h2 class="effective_date">EFFECTIVE DATE.</h2>',
                f"      <p>{_effective(bill)}</p>",
            ]
        parts.append("    </div>")
    if bill.resolution_text:
        parts.append(f"    <p>{escape(bill.resolution_text)}</p>")
    parts += ["  </div>", "</div>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
