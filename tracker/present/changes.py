"""What changed between two versions of a bill, in words: a one-line summary (money first) for
the digest and the top of the page, and the details for the command line."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from tracker.records.bill_text import SectionRecord
from tracker.rules.money import Money
from tracker.rules.versions import MoneyMove, SectionChange, VersionChanges

MAX_SUMMARY_ITEMS = 4


def dollars(amount: Decimal) -> str:
    return f"${amount:,.2f}" if amount != amount.to_integral() else f"${amount:,.0f}"


def fiscal_years(money: Money) -> str:
    years = money.fiscal_years
    if not years:
        return ""
    if len(years) == 1:
        return f" for FY {years[0]}"
    return f" for FY {years[0]}-{str(years[-1])[-2:]}"


def money_line(move: MoneyMove) -> str:
    """'basic formula allowance for FY 2027 from $7,551 to $7,602'."""
    what = move.what
    subject = f"{what.purpose}{fiscal_years(what)}"
    if move.before and move.after:
        return f"{subject} from {dollars(move.before.dollars)} to {dollars(move.after.dollars)}"
    if move.after:
        return f"{subject}: {dollars(move.after.dollars)} added"
    assert move.before is not None
    return f"{subject}: {dollars(move.before.dollars)} removed"


def section_name(section: SectionRecord) -> str:
    """'section on Basic revenue (126C.10, subd. 2)', or 'article 2, section 3'."""
    cites = ", ".join(
        f"{s.section}, subd. {s.subdivision}" if s.subdivision else s.section
        for s in section.statutes
    )
    heading = section.heading.rstrip(".").strip()
    if heading and cites:
        return f"section on {heading} ({cites})"
    if heading or cites:
        return f"section on {heading or cites}"
    return section.label


def summary(changes: VersionChanges, *, version: str) -> str:
    """One line, money first: '1st Engrossment: special education aid for FY 2027 from
    $2,488,011,000 to $2,501,400,000; section on Definitions (125A.79, subd. 1) removed'."""
    parts = [money_line(move) for move in _largest_first(changes.money)]
    parts += [f"{section_name(s)} removed" for s in changes.removed]
    parts += [f"{section_name(s)} added" for s in changes.added]
    parts += [f"{section_name(c.after)} changed" for c in changes.changed if not _money_only(c)]
    if not parts:
        renumbered = len(changes.renumbered)
        return f"{version}: " + (
            f"{renumbered} sections renumbered, no other change" if renumbered else "no change"
        )
    more = len(parts) - MAX_SUMMARY_ITEMS
    shown = "; ".join(parts[:MAX_SUMMARY_ITEMS])
    return f"{version}: {shown}" + (f"; and {more} more" if more > 0 else "")


def details(changes: VersionChanges, *, width: int = 88) -> str:
    """Money, then sections removed, added, changed (with their words) and renumbered."""
    lines: list[str] = []
    if changes.money:
        lines += ["Money between the versions:"]
        lines += [f"  {money_line(move)}" for move in _largest_first(changes.money)]
    if changes.current_law:
        lines += ["", "Money against current law (stricken -> underscored):"]
        lines += [
            f"  {c.after.purpose}{fiscal_years(c.after)}: {dollars(c.before.dollars)} -> "
            f"{dollars(c.after.dollars)}"
            for c in changes.current_law
        ]
    for title, sections in (("Removed", changes.removed), ("Added", changes.added)):
        if sections:
            lines += ["", f"{title}:"]
            lines += [f"  {s.label}: {section_name(s)}" for s in sections]
    if changes.changed:
        lines += ["", "Changed:"]
        for change in changes.changed:
            lines.append(f"  {_where(change)}: {section_name(change.after)}")
            for edit in change.edits:
                if edit.struck:
                    lines.append(_wrapped("- ", edit.struck, width))
                if edit.inserted:
                    lines.append(_wrapped("+ ", edit.inserted, width))
    renumbered = [c for c in changes.renumbered if not c.changed]
    if renumbered:
        lines += ["", "Renumbered, unchanged:"]
        lines += [f"  {_where(c)}: {section_name(c.after)}" for c in renumbered]
    return "\n".join(lines).strip("\n") or "No change between these versions."


def _where(change: SectionChange) -> str:
    if change.renumbered:
        return f"{change.before.label} -> {change.after.label}"
    return change.after.label


def _wrapped(prefix: str, text: str, width: int) -> str:
    return textwrap.fill(text, width, initial_indent="    " + prefix, subsequent_indent="      ")


def _largest_first(moves: tuple[MoneyMove, ...]) -> list[MoneyMove]:
    def size(move: MoneyMove) -> Decimal:
        before = move.before.dollars if move.before else Decimal(0)
        after = move.after.dollars if move.after else Decimal(0)
        return abs(after - before)

    return sorted(moves, key=size, reverse=True)


def _money_only(change: SectionChange) -> bool:
    """A change every edit of which moves a dollar amount (the money lines tell it)."""
    return all("$" in edit.struck + edit.inserted for edit in change.edits)
