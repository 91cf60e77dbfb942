"""Evaluation: the arithmetic on a hand-made set, the report, and the tagger against the
keyword baseline on the project's own labeled titles (and on the shared dev set when present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FILES
from tracker.tagging.catalog import load_catalog
from tracker.tagging.eval_report import area_lines, format_report
from tracker.tagging.evaluation import (
    HELD_OUT,
    TUNE,
    LabeledBill,
    Scores,
    baseline_relevant,
    check_area_codes,
    evaluate,
    in_split,
    parse_labels,
    score,
    split_of,
    with_area_labels,
)
from tracker.tagging.tagger import compile_catalog

DEV_SET = Path(__file__).resolve().parents[3] / "shared" / "data" / "labeled_bills_dev.jsonl"


@pytest.fixture(scope="module")
def tagger():
    return compile_catalog(load_catalog())


def test_scores_from_pairs():
    # predicted, actual: 3 TP, 1 FP, 2 FN, 4 TN
    pairs = [(True, True)] * 3 + [(True, False)] + [(False, True)] * 2 + [(False, False)] * 4
    result = score(pairs)
    assert result == Scores(tp=3, fp=1, fn=2, tn=4)
    assert result.precision == pytest.approx(3 / 4)
    assert result.recall == pytest.approx(3 / 5)
    assert result.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_empty_scores_are_zero_not_errors():
    assert Scores().precision == Scores().recall == Scores().f1 == 0.0


TINY = [
    # title, is_education, issue_areas
    ("Special education aid increased.", True, ["special-education"]),
    ("Continuing education for nurses modified.", False, []),  # baseline false positive
    ("Teacher licensure modified.", True, ["teacher-licensure", "school-meals"]),  # a missed area
    ("Grant program modified.", True, []),  # both miss it
    ("Speed limits in school zones modified.", False, []),  # baseline false positive
]


def tiny_lines() -> list[str]:
    return [
        json.dumps({"id": f"t{n}", "title": t, "is_education": e, "issue_areas": a})
        for n, (t, e, a) in enumerate(TINY, start=1)
    ]


def test_evaluation_on_a_tiny_set(tagger):
    result = evaluate(parse_labels(tiny_lines()), tagger)
    assert result.tagger == Scores(tp=2, fp=0, fn=1, tn=2)
    assert result.baseline == Scores(tp=2, fp=2, fn=1, tn=0)
    assert result.tagger.precision == 1.0
    assert result.tagger.recall == pytest.approx(2 / 3)
    assert result.baseline.precision == pytest.approx(0.5)
    assert result.f1_ratio == pytest.approx(0.8 / (4 / 7))
    assert [m.id for m in result.misclassified] == ["t4"]
    assert result.misclassified[0].why == "no evidence found"
    areas = {a.code: a.scores for a in result.areas}
    assert areas["special-education"] == Scores(tp=1, fp=0, fn=0, tn=4)
    assert areas["school-meals"] == Scores(tp=0, fp=0, fn=1, tn=4)
    assert result.area_micro == Scores(tp=2, fp=0, fn=1)


def test_report_reads_as_a_table(tagger):
    report = format_report(evaluate(parse_labels(tiny_lines()), tagger))
    assert "tagger         1.000   0.667  0.800    2    0    1    2" in report
    assert "baseline       0.500   0.667  0.571    2    2    1    0" in report
    assert "- t4: missed (false negative), score 0.00, baseline wrong too" in report
    assert "special-education" in report


def test_a_file_without_area_labels_says_so(tagger):
    lines = [json.dumps({"title": "Special education aid increased.", "is_education": True})]
    result = evaluate(parse_labels(lines), tagger)
    assert result.areas == ()
    assert "No per-area labels" in format_report(result)


def test_alt_titles_are_read_as_the_short_description():
    bill = parse_labels(
        [json.dumps({"title": "HF 5", "is_education": True, "alt_titles": ["School meals."]})]
    )[0]
    assert bill.signals.short_description == "School meals."
    assert baseline_relevant(bill)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "labels, line 1"),
        (json.dumps({"title": "x"}), "needs a string 'title' and a true/false 'is_education'"),
        (json.dumps({"title": 5, "is_education": True}), "needs a string 'title'"),
    ],
)
def test_bad_label_rows_name_their_line(line, message):
    with pytest.raises(ValueError, match=message):
        parse_labels([line])


def test_blank_label_lines_are_skipped():
    assert parse_labels(["", "  ", json.dumps({"title": "x", "is_education": False})]) == [
        LabeledBill(id="line 3", title="x", is_education=False, issue_areas=None)
    ]


def test_tagger_beats_the_baseline_on_our_labeled_titles(tagger):
    bills = parse_labels((FILES / "tagger_labels.jsonl").read_text().splitlines())
    assert len(bills) >= 40
    result = evaluate(bills, tagger)
    assert result.tagger.f1 > result.baseline.f1
    assert result.tagger.recall >= 0.95 and result.tagger.precision >= 0.93
    assert result.area_micro.f1 >= 0.8


def test_real_bills_from_public_pages_hold_the_targets(tagger):
    """394 real bills typed from committee pages (tests/files/README.md says how they were
    gathered and split): a regression floor, since half of them guided tagger 1.2."""
    bills = parse_labels((FILES / "tagger_real_bills.jsonl").read_text().splitlines())
    assert len(bills) >= 390 and sum(b.is_education for b in bills) >= 140
    result = evaluate(bills, tagger)
    assert result.tagger.f1 > result.baseline.f1
    assert result.tagger.recall >= 0.95 and result.tagger.precision >= 0.95


@pytest.mark.skipif(not DEV_SET.is_file(), reason="shared/data/labeled_bills_dev.jsonl is absent")
def test_dev_set_figures_hold(tagger):
    result = evaluate(parse_labels(DEV_SET.read_text(encoding="utf-8").splitlines()), tagger)
    assert result.tagger.f1 > result.baseline.f1
    assert result.tagger.precision >= 0.93
    assert result.tagger.recall >= 0.95


# --- area labels and the held-out split ---------------------------------------------------------

AREA_LABELS = FILES / "labeled_bills_dev_areas.jsonl"


def real_bills() -> list[LabeledBill]:
    return parse_labels((FILES / "tagger_real_bills.jsonl").read_text().splitlines())


def test_every_relevant_real_bill_is_filed_under_known_areas():
    catalog = load_catalog()
    bills = real_bills()
    check_area_codes(bills, catalog)  # raises on an unknown code or areas on a non-relevant bill
    assert all(b.issue_areas for b in bills if b.is_education)
    assert all(b.issue_areas == () for b in bills if not b.is_education)


def test_the_dev_set_area_labels_name_one_row_per_dev_bill():
    rows = [json.loads(line) for line in AREA_LABELS.read_text().splitlines()]
    assert len(rows) == 107 and len({(r["session"], r["number"]) for r in rows}) == 107
    assert sum(bool(r["issue_areas"]) for r in rows) == 82


@pytest.mark.skipif(not DEV_SET.is_file(), reason="shared/data/labeled_bills_dev.jsonl is absent")
def test_dev_set_area_labels_meet_their_bills():
    bills = parse_labels(DEV_SET.read_text(encoding="utf-8").splitlines())
    labeled = with_area_labels(bills, AREA_LABELS.read_text().splitlines())
    check_area_codes(labeled, load_catalog())
    assert all(bool(b.issue_areas) == b.is_education for b in labeled)


def test_area_labels_that_miss_a_bill_or_name_an_unknown_one_are_refused():
    bills = parse_labels(
        [json.dumps({"session": "2025-2026", "number": "HF 1", "title": "x", "is_education": True})]
    )
    with pytest.raises(ValueError, match="1 bills without area labels"):
        with_area_labels(bills, [])
    extra = json.dumps({"session": "2025-2026", "number": "HF 2", "issue_areas": []})
    own = json.dumps({"session": "2025-2026", "number": "HF 1", "issue_areas": ["literacy"]})
    with pytest.raises(ValueError, match="1 labels for unknown bills"):
        with_area_labels(bills, [own, extra])
    with pytest.raises(ValueError, match="line 1"):
        with_area_labels(bills, ['{"session": "2025-2026"}'])
    labeled = with_area_labels(bills, [own])
    assert labeled[0].issue_areas == ("literacy",)
    wrong = with_area_labels(bills, [own.replace("literacy", "space-travel")])
    with pytest.raises(ValueError, match="unknown issue area"):
        check_area_codes(wrong, load_catalog())


def test_the_split_is_a_stable_hash_of_session_and_number():
    bills = real_bills()
    assert split_of("2025-2026 HF 1") == split_of("2025-2026 HF 1")
    held = in_split(bills, HELD_OUT)
    tune = in_split(bills, TUNE)
    assert len(held) + len(tune) == len(bills)
    assert 0.4 < len(held) / len(bills) < 0.6
    assert {b.key for b in held}.isdisjoint({b.key for b in tune})
    with pytest.raises(ValueError, match="unknown split"):
        in_split(bills, "best")


def test_area_report_counts_unfiled_bills_top_hits_and_ranking(tagger):
    lines = [
        json.dumps(
            {
                "id": "a",
                "title": "Special education aid increased.",
                "is_education": True,
                "issue_areas": ["special-education"],
            }
        ),
        json.dumps(
            {
                "id": "b",
                "title": "Grant program modified.",
                "is_education": True,
                "issue_areas": ["mandates-local-control"],
            }
        ),
        json.dumps(
            {"id": "c", "title": "Speed limits modified.", "is_education": False, "issue_areas": []}
        ),
    ]
    area = evaluate(parse_labels(lines), tagger).area
    assert area is not None and area.relevant == 2
    assert area.top_hits == 1  # "a" is filed under special education first; "b" gets nothing
    assert area.without_area == 1
    assert sum(b.tags for b in area.reliability) == area.tags
    assert "relevant bills with no area: 1 of 2" in "\n".join(area_lines(area))


def test_tagger_eval_measures_a_split_with_separate_area_labels(tmp_path):
    from click.testing import CliRunner

    from tracker.cli import main

    labels = tmp_path / "labels.jsonl"
    areas = tmp_path / "areas.jsonl"
    rows = [("HF 1", "Special education aid increased.", True, ["special-education"])]
    rows += [("HF 2", "Speed limits in school zones modified.", False, [])]
    labels.write_text(
        "\n".join(
            json.dumps({"session": "2025-2026", "number": n, "title": t, "is_education": e})
            for n, t, e, _ in rows
        )
    )
    areas.write_text(
        "\n".join(
            json.dumps({"session": "2025-2026", "number": n, "issue_areas": a})
            for n, _, _, a in rows
        )
    )
    result = CliRunner().invoke(
        main, ["tagger", "eval", "--labels", str(labels), "--areas", str(areas)]
    )
    assert result.exit_code == 0, result.output
    assert "Issue areas, on the 2 bills with area labels (1 relevant):" in result.output
    assert "top-confidence area is the one filed first: 1 of 1" in result.output
    assert "Reliability: of the tags at confidence c" in result.output
    split = split_of("2025-2026 HF 1")
    held = CliRunner().invoke(
        main, ["tagger", "eval", "--labels", str(labels), "--areas", str(areas), "--split", split]
    )
    assert f", {split} part" in held.output
    areas.write_text(json.dumps({"session": "2025-2026", "number": "HF 1", "issue_areas": []}))
    broken = CliRunner().invoke(
        main, ["tagger", "eval", "--labels", str(labels), "--areas", str(areas)]
    )
    assert broken.exit_code == 1 and "1 bills without area labels (2025-2026 HF 2)" in broken.output


def test_issue_areas_on_the_held_out_real_bills_hold_their_floor(tagger):
    """A regression floor a little under what was measured once on the held-out part (the
    tagging issue's closing note): not a target, and never a reason to tune on that part."""
    result = evaluate(real_bills(), compile_catalog(load_catalog()), split=HELD_OUT)
    area = result.area
    assert area is not None and area.relevant >= 50
    assert area.micro.f1 > area.baseline.f1
    assert area.micro.precision >= 0.75 and area.micro.recall >= 0.62
    assert area.top_hit_rate >= 0.68
    assert area.without_area <= 3
    assert area.ranking >= 0.75
