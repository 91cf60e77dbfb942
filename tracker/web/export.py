"""The matrix as a table for spreadsheets: CSV text and XLSX bytes.

Cells that a spreadsheet would read as a formula (=, +, -, @) are prefixed with an
apostrophe, so a hostile bill title cannot run in someone's Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from tracker.store.bills import bill_key
from tracker.vocab import Stage
from tracker.web.matrix import Matrix

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def matrix_table(matrix: Matrix) -> tuple[list[str], list[list[str]]]:
    header = ["Bill", "Description", "Stage", "Last action", "Position", "Priority"]
    header += [f"{item.code}: {item.label}" for item in matrix.items]
    rows = []
    for row in matrix.rows:
        bill = row.bill
        cells = [
            str(bill_key(bill)),
            bill.short_description or bill.official_title,
            Stage(bill.stage).label,
            bill.last_action_on.isoformat() if bill.last_action_on else "",
            row.position,
            row.priority,
        ]
        cells += [
            row.cells[item.key].text if item.key in row.cells else "" for item in matrix.items
        ]
        rows.append([safe_cell(cell) for cell in cells])
    return [safe_cell(cell) for cell in header], rows


def to_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def to_xlsx(header: Sequence[str], rows: Sequence[Sequence[str]], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31] or "Matrix"
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
