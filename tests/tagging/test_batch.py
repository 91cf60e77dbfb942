"""The JSON-lines batch interface: one output line per input line, in order; bad lines report
an error and the batch goes on."""

from __future__ import annotations

import json

import pytest

from tracker.tagging.batch import classify_lines
from tracker.tagging.catalog import load_catalog
from tracker.tagging.tagger import compile_catalog


@pytest.fixture(scope="module")
def tagger():
    return compile_catalog(load_catalog())


def run(tagger, lines: list[str]) -> list[dict]:
    return [json.loads(out) for out in classify_lines(lines, tagger)]


def test_good_lines_are_tagged_in_order(tagger):
    lines = [
        json.dumps(
            {
                "id": "HF 1",
                "title": "Special education aid increased.",
                "statutes": ["125A.76"],
                "committees": ["Education Finance"],
            }
        ),
        json.dumps({"id": "HF 2", "title": "Speed limits in school zones reduced."}),
        json.dumps({"id": "SF 3", "title": "Read Act modified.", "text": "literacy " * 50}),
    ]
    first, second, third = run(tagger, lines)
    assert [first["id"], second["id"], third["id"]] == ["HF 1", "HF 2", "SF 3"]
    assert first["relevant"] is True and first["score"] > 0.9
    area = first["issue_areas"][0]
    assert area["code"] == "special-education"
    assert "amends Minnesota Statutes 125A.76 (special education aid)" in area["reasons"]
    assert {"framework": "amsd-2021", "code": "sd-1", "confidence": area["confidence"]} in (
        first["framework_items"]
    )
    assert second == {
        "id": "HF 2",
        "relevant": False,
        "score": 0.0,
        "issue_areas": [],
        "framework_items": [],
    }
    assert third["issue_areas"][0]["code"] == "literacy"


@pytest.mark.parametrize(
    ("line", "bill_id", "error"),
    [
        (
            "{not json",
            None,
            "not JSON: Expecting property name enclosed in double quotes at column 2",
        ),
        ("[1, 2]", None, "expected a JSON object, got list"),
        (
            json.dumps({"title": "School meals."}),
            None,
            "'id' is required and must be a non-empty string",
        ),
        (
            json.dumps({"id": 7, "title": "School meals."}),
            None,
            "'id' is required and must be a non-empty string",
        ),
        (json.dumps({"id": "HF 9"}), "HF 9", "'title' is required and must be a non-empty string"),
        (
            json.dumps({"id": "HF 9", "title": "  "}),
            "HF 9",
            "'title' is required and must be a non-empty string",
        ),
        (
            json.dumps({"id": "HF 9", "title": "x", "statutes": "126C.10"}),
            "HF 9",
            "'statutes' must be a list of strings",
        ),
        (
            json.dumps({"id": "HF 9", "title": "x", "committees": [1]}),
            "HF 9",
            "'committees' must be a list of strings",
        ),
        (
            json.dumps({"id": "HF 9", "title": "x", "text": ["a"]}),
            "HF 9",
            "'text' must be a string",
        ),
    ],
)
def test_a_bad_line_reports_and_the_batch_goes_on(tagger, line, bill_id, error):
    good = json.dumps({"id": "HF 10", "title": "School meals funded."})
    outputs = run(tagger, [good, line, good])
    assert outputs[1] == {"id": bill_id, "error": error, "line": 2}
    assert outputs[0]["id"] == outputs[2]["id"] == "HF 10"
    assert outputs[2]["relevant"] is True


def test_blank_lines_are_skipped_but_counted(tagger):
    outputs = run(tagger, ["", json.dumps({"id": "A", "title": "Teacher pay."}), "   ", "{bad"])
    assert [o.get("id") for o in outputs] == ["A", None]
    assert outputs[1]["line"] == 4


def test_null_optional_fields_are_allowed(tagger):
    line = json.dumps({"id": "A", "title": "Teacher pay.", "statutes": None, "text": None})
    assert run(tagger, [line])[0]["relevant"] is True


def test_lines_are_consumed_lazily(tagger):
    def lines():
        yield json.dumps({"id": "A", "title": "Teacher pay."})
        raise AssertionError("read too far")

    assert json.loads(next(classify_lines(lines(), tagger)))["id"] == "A"
