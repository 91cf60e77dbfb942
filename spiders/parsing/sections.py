"""A bill-text page's sections, with the Revisor's marks kept (mn_sources.md §1.5). Pure.

Layout: `div.bill_section` with ids `laws.{article}.{section}.0` (article 0 when the bill
has none), under `div.article` (`h1.article_no` "ARTICLE 2", `h1.article_header`); the
number in `h1.shn` or `h2.section_number` ("Sec. 5."), a heading after it or in bold in the
opening `p.first` ("[126C.105] LOCAL OPTIONAL AID REPORT."), or a subdivision's
`h3.headnote`; new language in `<ins>`, stricken language in `span.del`, each wrapped in
screen-reader words (`span.sr-only`: "new text begin" ...). The pre-2018 layout marks the
same with `<u>` and `<s>`.
"""

from __future__ import annotations

import re
from typing import Any

from spiders.parsing.common import squash
from tracker.records.bill_text import SectionRecord, TextRun, joined, merged
from tracker.rules.citations import statutes_in_section
from tracker.vocab import TextMark

_SECTION_ID = re.compile(r"laws\.(\d+)\.(\d+)\.")
_NUMBER = re.compile(r"^\s*(?:Section|Sec\.)\s*(\d+)\.?\s*", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "li", "ul", "ol", "br"}
)
_CELLS = frozenset({"td", "th"})
_NUMBER_HEADINGS = ("shn", "section_number")
_SCREEN_READER = "sr-only"
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r" {2,}")
_AROUND_BREAK = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def parse_sections(document: Any) -> tuple[SectionRecord, ...]:
    """Every `div.bill_section` of a parsed page, in page order."""
    articles = _article_headings(document)
    sections = []
    for order, node in enumerate(document.xpath("//div[contains(@class, 'bill_section')]"), 1):
        article, number = _place(node, order)
        number_text = _number_heading_text(node)
        heading = _NUMBER.sub("", number_text, count=1).strip() or _heading(node)
        runs = _runs(node)
        statutes = statutes_in_section(_opening(node))
        if not statutes and "REPEALER" in heading.upper():
            statutes = statutes_in_section(squash(joined(run.text for run in runs)))
        sections.append(
            SectionRecord(
                number=number,
                heading=heading,
                runs=runs,
                article=article,
                article_heading=articles.get(article, "") if article else "",
                statutes=tuple(statutes),
            )
        )
    return tuple(sections)


def _place(node: Any, order: int) -> tuple[int | None, int]:
    """(article, section) from the id "laws.2.5.0", else from the number heading."""
    found = _SECTION_ID.match(node.get("id") or "")
    if found:
        article = int(found.group(1))
        return (article or None), int(found.group(2))
    number = _NUMBER.match(_number_heading_text(node))
    return None, int(number.group(1)) if number else order


def _article_headings(document: Any) -> dict[int, str]:
    headings: dict[int, str] = {}
    for article in document.xpath("//div[contains(@class, 'article')]"):
        number = _DIGITS.search(
            " ".join(article.xpath(".//h1[contains(@class,'article_no')]//text()"))
        )
        header = squash(" ".join(article.xpath(".//h1[contains(@class,'article_header')]//text()")))
        if number:
            headings[int(number.group())] = header
    return headings


def _number_heading_text(node: Any) -> str:
    for name in _NUMBER_HEADINGS:
        found = node.xpath(f"./*[contains(concat(' ', @class, ' '), ' {name} ')]")
        if found:
            return squash(_visible_text(found[0]))
    return ""


def _heading(node: Any) -> str:
    """A bold heading opening the section, else its first subdivision's headnote."""
    bold = node.xpath("./p[contains(@class, 'first')]/b | ./p[contains(@class, 'first')]/strong")
    if bold:
        return squash(_visible_text(bold[0]))
    headnote = node.xpath(".//h3[contains(@class, 'headnote')]")
    return squash(_visible_text(headnote[0])) if headnote else ""


def _opening(node: Any) -> str:
    first = node.xpath(".//p[contains(@class, 'first')]") or node.xpath(".//p")
    return squash(_visible_text(first[0])) if first else ""


def _visible_text(node: Any) -> str:
    return "".join(run.text for run in _walk(node, TextMark.SAME))


def _runs(node: Any) -> tuple[TextRun, ...]:
    runs: list[TextRun] = []
    for child in node:
        if _classes(child) & set(_NUMBER_HEADINGS):
            runs.append(TextRun(TextMark.SAME, _tail(child)))
            continue
        runs.extend(_walk(child, TextMark.SAME))
    tidy = [TextRun(run.mark, _tidy(run.text)) for run in merged(runs)]
    if tidy:
        tidy[0] = TextRun(tidy[0].mark, tidy[0].text.lstrip())
        tidy[-1] = TextRun(tidy[-1].mark, tidy[-1].text.rstrip())
    return merged(tidy)


def _walk(node: Any, mark: TextMark) -> list[TextRun]:
    """The runs of `node` and its tail, marks inherited from the enclosing elements."""
    tag = node.tag if isinstance(node.tag, str) else ""
    classes = _classes(node)
    if _SCREEN_READER in classes:
        return [TextRun(mark, _tail(node))]
    inner = _mark_of(tag, classes) or mark
    runs: list[TextRun] = []
    block = tag in _BLOCKS
    if block:
        runs.append(TextRun(mark, "\n"))
    elif tag in _CELLS:
        runs.append(TextRun(mark, " "))
    runs.append(TextRun(inner, _source(node.text)))
    for child in node:
        runs.extend(_walk(child, inner))
    if block:
        runs.append(TextRun(mark, "\n"))
    runs.append(TextRun(mark, _tail(node)))
    return runs


def _mark_of(tag: str, classes: set[str]) -> TextMark | None:
    if tag in ("ins", "u"):
        return TextMark.INSERTED
    if tag in ("del", "s", "strike") or "del" in classes:
        return TextMark.STRUCK
    return None


def _classes(node: Any) -> set[str]:
    return set((node.get("class") or "").split()) if isinstance(node.tag, str) else set()


def _tail(node: Any) -> str:
    return _source(node.tail)


def _source(text: str | None) -> str:
    """Text of the page's source: its line breaks and indents are only spaces."""
    return _WHITESPACE.sub(" ", text or "")


def _tidy(text: str) -> str:
    """Spaces around the blocks' line breaks dropped; at most one blank line."""
    return _BLANK_LINES.sub("\n\n", _AROUND_BREAK.sub("\n", _SPACES.sub(" ", text)))
