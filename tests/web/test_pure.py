"""Pure parts of the web app, as tables: filter parsing, matrix shaping, exports."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.models import Bill
from tracker.tagging.catalog import load_catalog
from tracker.vocab import Position, Stage, TagStatus
from tracker.web.bill_query import BillFilters, parse_filters
from tracker.web.export import matrix_table, safe_cell
from tracker.web.matrix import Cell, directions_of, shape_matrix

AMSD = next(f for f in load_catalog().frameworks if f.id == "amsd-2021")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, BillFilters()),
        ({"q": "  HF 5 "}, BillFilters(q="HF 5")),
        ({"stage": "enacted", "page": "3"}, BillFilters(stage=Stage.ENACTED, page=3)),
        ({"stage": "signed", "page": "-2"}, BillFilters()),
        (
            {"position": "support", "relevant": "1"},
            BillFilters(position=Position.SUPPORT, tracked=True),
        ),
        ({"changed_since": "2025-02-30"}, BillFilters()),
        ({"changed_since": "2025-02-03"}, BillFilters(changed_since=date(2025, 2, 3))),
        ({"session": "x"}, BillFilters()),
    ],
)
def test_parse_filters(params: dict[str, str], expected: BillFilters) -> None:
    assert parse_filters(params) == expected


def test_filters_round_trip_through_the_query_string() -> None:
    filters = BillFilters(q="special ed", stage=Stage.IN_COMMITTEE, tracked=True, page=2)
    assert filters.query_string() == "q=special+ed&stage=in_committee&tracked=1&page=2"
    assert filters.query_string(page=1) == "q=special+ed&stage=in_committee&tracked=1"


@pytest.mark.parametrize(
    ("cell", "heat", "text"),
    [
        (Cell(TagStatus.CONFIRMED, 0.2), 10, "confirmed"),
        (Cell(TagStatus.REJECTED, 0.9), 0, "rejected"),
        (Cell(TagStatus.SUGGESTED, 0.72), 7, "suggested 0.72"),
        (Cell(TagStatus.SUGGESTED, 0.01), 1, "suggested 0.01"),
    ],
)
def test_cells(cell: Cell, heat: int, text: str) -> None:
    assert (cell.heat, cell.text) == (heat, text)


def test_shape_matrix_groups_columns_by_kind_and_counts() -> None:
    bill = Bill(id=7, session_id=1, legislature=94, bill_type="HF", number=5, year_introduced=2025)
    bill.short_description = '=HYPERLINK("x")'
    tags = [(7, "amsd-2021/sd-1", "confirmed", 0.9), (7, "amsd-2021/sd-2", "rejected", 0.4)]
    matrix = shape_matrix(
        AMSD, [(bill, "support", "high")], tags, [("amsd-2021/sd-1", "confirmed", 3)]
    )
    assert [group.kind for group in matrix.groups][:2] == ["vision", "mission"]
    assert matrix.rows[0].count == 1 and matrix.count("amsd-2021/sd-1", "confirmed") == 3
    header, rows = matrix_table(matrix)
    assert rows[0][1].startswith("'="), "a formula in a title is defused"
    assert rows[0][header.index(next(h for h in header if h.startswith("sd-1:")))] == "confirmed"


def test_directions_of_maps_items_to_their_strategic_direction() -> None:
    mapping = directions_of(AMSD)
    assert mapping["amsd-2021/sd-1"] == "amsd-2021/sd-1"
    assert set(mapping.values()) == {f"amsd-2021/sd-{n}" for n in range(1, 5)}


@pytest.mark.parametrize(("value", "safe"), [("=1+1", "'=1+1"), ("-x", "'-x"), ("HF 5", "HF 5")])
def test_safe_cell(value: str, safe: str) -> None:
    assert safe_cell(value) == safe
