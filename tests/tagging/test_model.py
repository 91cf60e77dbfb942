"""The shipped model: it loads, applies without scikit-learn, says why, and the script
rebuilds it byte for byte from the tuned part of the labeled bills."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import FILES
from tracker.tagging.catalog import build_catalog, load_catalog
from tracker.tagging.model import (
    CALIBRATION_FEATURES,
    MODEL_FILE,
    Calibration,
    ShippedModel,
    TextModel,
    load_model,
    text_features,
)
from tracker.tagging.tagger import BillSignals, compile_catalog
from tracker.tagging.training import TrainingBill, train_shipped

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "data" / "labeled_bills_dev.jsonl"


def test_the_shipped_model_covers_the_catalog_areas():
    model = load_model()
    assert model is not None
    assert set(model.text.areas) == {area.code for area in load_catalog().areas}
    assert 0.2 <= model.calibration.threshold <= 0.7
    assert "tune part" in model.trained_on and "held-out" not in model.trained_on


def test_text_features_leave_out_the_legislature_s_forms():
    features = text_features(
        "A bill for an act relating to education; modifying special education aid; amending "
        "Minnesota Statutes 2024, section 125A.76.",
        "",
        ["125A.76"],
    )
    assert "w:special" in features and "b:special_educ" in features
    assert features["s:125A.76"] == "section 125A.76" and "s:125A" in features
    assert not {"w:bill", "w:act", "w:amend", "w:minnesota", "w:statut"} & set(features)


def test_the_model_round_trips_through_its_file(tmp_path):
    model = ShippedModel(
        version="t",
        text=TextModel(("a", "b"), (-1.0, 0.5), {"w:school": ((0, 2.0), (1, -1.0))}),
        calibration=Calibration(tuple(0.1 for _ in CALIBRATION_FEATURES), -0.5, 0.4),
    )
    path = tmp_path / "model.json"
    path.write_text(model.dumps())
    again = load_model(path)
    assert again == model
    probabilities = again.text.probabilities(["w:school", "w:unknown"])
    assert probabilities["a"] > 0.5 > probabilities["b"]
    assert again.text.telling_words("a", {"w:school": "schools", "w:bus": "bus"}) == ["schools"]


def test_a_broken_model_file_says_what_it_is(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"version": "x"}))
    with pytest.raises(ValueError, match="not a tagger model"):
        load_model(path)
    assert load_model(tmp_path / "absent.json") is None


def test_calibrated_tags_say_why_in_words():
    tagger = compile_catalog(load_catalog())
    result = tagger.tag(BillSignals("Seclusion of students in kindergarten prohibited."))
    top = result.issue_areas[0]
    assert top.code == "special-education"
    assert any(reason.startswith("worded like bills filed here:") for reason in top.reasons)


def test_training_is_deterministic():
    shipped = load_catalog()
    keep = {"special-education", "school-meals", "literacy"}
    catalog = build_catalog(
        [
            replace(f, items=tuple(replace(item, areas=()) for item in f.items))
            for f in shipped.frameworks
        ],
        shipped.relevance,
        [replace(area, serves=()) for area in shipped.areas if area.code in keep],
    )
    bills = [
        TrainingBill(f"b{i}", BillSignals(title), (area,))
        for i, (title, area) in enumerate(
            [
                ("Special education aid increased.", "special-education"),
                ("Seclusion in schools prohibited.", "special-education"),
                ("School lunch aid increased.", "school-meals"),
                ("Free school meals for all students.", "school-meals"),
                ("Read Act literacy coaches funded.", "literacy"),
                ("Dyslexia screening required.", "literacy"),
            ]
            * 2
        )
    ]
    first = train_shipped(catalog, bills, version="t", trained_on="six titles")
    second = train_shipped(catalog, list(reversed(bills)), version="t", trained_on="six titles")
    assert first.dumps() == second.dumps()


@pytest.mark.skipif(not DEV_SET.is_file(), reason="shared/data/labeled_bills_dev.jsonl is absent")
def test_the_script_rebuilds_the_shipped_model_byte_for_byte(tmp_path):
    out = tmp_path / "model.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_tagger.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_text() == MODEL_FILE.read_text()
    assert (FILES / "tagger_real_bills.jsonl").is_file()
