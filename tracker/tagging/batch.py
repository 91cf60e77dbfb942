"""Tag bills in batch: JSON lines in, JSON lines out, no database.

Each input line: {"id": str, "title": str, "short_description": str?, "statutes": [str]?,
"committees": [str]?, "text": str?}. Each output line, one per input line and in order:
{"id", "relevant", "score", "issue_areas": [{"code", "confidence", "reasons"}],
"framework_items": [{"framework", "code", "confidence"}]}. A bad line gives
{"id": <id or null>, "error": "<what is wrong>", "line": <n>} and the batch goes on.
Blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from tracker.tagging.tagger import BillSignals, LearnedEvidence, Tagger, TagResult

_TEXT_FIELDS = ("title", "short_description", "text")
_LIST_FIELDS = ("statutes", "committees")


class BadLine(ValueError):
    pass


def classify_lines(
    lines: Iterable[str], tagger: Tagger, *, model: LearnedEvidence | None = None
) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        bill_id: str | None = None
        try:
            row = _json_object(line)
            bill_id = row["id"] if isinstance(row.get("id"), str) else None
            signals = signals_of(row)
        except BadLine as problem:
            yield _dumps({"id": bill_id, "error": str(problem), "line": number})
            continue
        yield _dumps(output_of(bill_id or "", tagger.tag(signals, model=model)))


def _json_object(line: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"not JSON: {error.msg} at column {error.colno}") from error
    if not isinstance(row, dict):
        raise BadLine(f"expected a JSON object, got {type(row).__name__}")
    return row


def signals_of(row: dict[str, Any]) -> BillSignals:
    """One input row -> BillSignals; BadLine says what is missing or of the wrong type."""
    if not isinstance(row.get("id"), str) or not row["id"].strip():
        raise BadLine("'id' is required and must be a non-empty string")
    if not isinstance(row.get("title"), str) or not row["title"].strip():
        raise BadLine("'title' is required and must be a non-empty string")
    for field in _TEXT_FIELDS:
        if row.get(field) is not None and not isinstance(row[field], str):
            raise BadLine(f"'{field}' must be a string")
    for field in _LIST_FIELDS:
        value = row.get(field)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            raise BadLine(f"'{field}' must be a list of strings")
    return BillSignals(
        title=row["title"],
        short_description=row.get("short_description") or "",
        statutes=row.get("statutes") or (),
        committees=row.get("committees") or (),
        text=row.get("text") or "",
    )


def output_of(bill_id: str, result: TagResult) -> dict[str, Any]:
    return {
        "id": bill_id,
        "relevant": result.relevant,
        "score": result.score,
        "issue_areas": [
            {"code": tag.code, "confidence": tag.confidence, "reasons": list(tag.reasons)}
            for tag in result.issue_areas
        ],
        "framework_items": [
            {"framework": tag.framework, "code": tag.code, "confidence": tag.confidence}
            for tag in result.framework_items
        ],
    }


def _dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)
