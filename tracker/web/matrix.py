"""The bills × framework items matrix, shaped from plain rows (pure; no database here).

Columns are a framework's items grouped by the plan's headings (an item nested under another
goes under its top heading: MNP20's "Equity" commitment and its bullets; others by kind:
"Strategic direction", "Belief"); items the plan declares not a bill topic are left out
unless asked for, and broad items (served by a third of the issue areas or more) are marked.
Each cell is the tag of that bill on that item (confirmed, suggested or rejected, with its
confidence) or empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tracker.models import Bill
from tracker.tagging.catalog import Framework, FrameworkItem
from tracker.vocab import Stage, TagStatus

HEAT_STEPS = 10


def kind_label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ColumnGroup:
    kind: str
    items: tuple[FrameworkItem, ...]
    heading: str = ""  # the plan's heading the items nest under, when they do

    @property
    def label(self) -> str:
        return self.heading or kind_label(self.kind)


@dataclass(frozen=True)
class Cell:
    status: TagStatus
    confidence: float

    @property
    def heat(self) -> int:
        """0..HEAT_STEPS: the shade of the heat map; a rejected tag is 0."""
        if self.status is TagStatus.REJECTED:
            return 0
        if self.status is TagStatus.CONFIRMED:
            return HEAT_STEPS
        # A suggestion, however sure, is never as dark as a person's confirmation.
        return max(1, min(HEAT_STEPS - 1, round(self.confidence * HEAT_STEPS)))

    @property
    def text(self) -> str:
        if self.status is TagStatus.SUGGESTED:
            return f"suggested {self.confidence:.2f}"
        return self.status.value


@dataclass(frozen=True)
class MatrixRow:
    bill: Bill
    position: str
    priority: str
    cells: Mapping[str, Cell]

    @property
    def count(self) -> int:
        """Items the bill is tagged with, suggested or confirmed."""
        return sum(cell.status is not TagStatus.REJECTED for cell in self.cells.values())


@dataclass(frozen=True)
class Matrix:
    framework: Framework
    groups: tuple[ColumnGroup, ...]
    rows: tuple[MatrixRow, ...]
    column_counts: Mapping[str, Mapping[TagStatus, int]] = field(default_factory=dict)
    broad: frozenset[str] = frozenset()  # keys of the broad items
    hidden: int = 0  # items left out: not bill topics

    def is_broad(self, key: str) -> bool:
        return key in self.broad

    @property
    def broad_columns(self) -> tuple[FrameworkItem, ...]:
        return tuple(item for item in self.items if item.key in self.broad)

    @property
    def items(self) -> tuple[FrameworkItem, ...]:
        return tuple(item for group in self.groups for item in group.items)

    def count(self, key: str, status: str) -> int:
        """Filtered bills whose tag on this item has this status."""
        return self.column_counts.get(key, {}).get(TagStatus(status), 0)


def column_groups(framework: Framework, *, topics_only: bool = False) -> tuple[ColumnGroup, ...]:
    """The framework's items grouped by the heading they nest under, or else by kind, groups
    in the order they first appear; with `topics_only`, only items that are bill topics."""
    by_code = {item.code: item for item in framework.items}
    has_children = {item.parent for item in framework.items if item.parent}
    groups: dict[tuple[str, str], list[FrameworkItem]] = {}
    for item in framework.items:
        if topics_only and not item.bill_topic:
            continue
        top = item
        while top.parent in by_code:
            top = by_code[top.parent]
        key = ("heading", top.code) if top.code in has_children else ("kind", item.kind)
        groups.setdefault(key, []).append(item)
    return tuple(
        ColumnGroup(
            kind=by_code[value].kind if how == "heading" else value,
            items=tuple(items),
            heading=by_code[value].short_label if how == "heading" else "",
        )
        for (how, value), items in groups.items()
    )


def shape_matrix(
    framework: Framework,
    bills: Sequence[tuple[Bill, str, str]],
    tags: Iterable[tuple[int, str, str, float]],
    column_counts: Iterable[tuple[str, str, int]] = (),
    *,
    topics_only: bool = False,
    broad: frozenset[str] = frozenset(),
) -> Matrix:
    """bills: (bill, position, priority) in display order; tags: (bill_id, item key, status,
    confidence); column_counts: (item key, status, bills) over every filtered bill."""
    cells: dict[int, dict[str, Cell]] = {}
    for bill_id, key, status, confidence in tags:
        cells.setdefault(bill_id, {})[key] = Cell(TagStatus(status), confidence)
    counts: dict[str, dict[TagStatus, int]] = {}
    for key, status, n in column_counts:
        counts.setdefault(key, {})[TagStatus(status)] = n
    rows = tuple(
        MatrixRow(bill, position, priority, cells.get(bill.id or 0, {}))
        for bill, position, priority in bills
    )
    groups = column_groups(framework, topics_only=topics_only)
    shown = sum(len(group.items) for group in groups)
    hidden = len(framework.items) - shown
    return Matrix(framework, groups, rows, counts, broad=broad, hidden=hidden)


def directions_of(framework: Framework) -> dict[str, str]:
    """Each item key -> the strategic direction (or top-level item) it falls under."""
    by_code = {item.code: item for item in framework.items}
    tops = {item.code for item in framework.items if item.kind == "strategic_direction"}
    if not tops:
        tops = {item.code for item in framework.items if not item.parent}
    mapping = {}
    for item in framework.items:
        node: FrameworkItem | None = item
        seen: set[str] = set()
        while node is not None and node.code not in tops and node.code not in seen:
            seen.add(node.code)
            node = by_code.get(node.parent)
        if node is not None and node.code in tops:
            mapping[item.key] = node.key
    return mapping


@dataclass(frozen=True)
class ChartBar:
    item: FrameworkItem
    by_stage: tuple[tuple[Stage, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_stage)


def stage_chart(
    framework: Framework, counts: Iterable[tuple[str, str, int]]
) -> tuple[ChartBar, ...]:
    """counts: (direction key, stage, bills) -> one bar per direction, stages in order."""
    table: dict[str, dict[Stage, int]] = {}
    for key, stage, n in counts:
        table.setdefault(key, {})[Stage(stage)] = n
    directions = sorted(set(directions_of(framework).values()))
    items = [item for item in framework.items if item.key in directions]
    return tuple(
        ChartBar(item, tuple((stage, table.get(item.key, {}).get(stage, 0)) for stage in Stage))
        for item in items
    )
