#!/usr/bin/env python3
"""Rebuild the tagger's shipped model, tracker/tagging/data/model.json, from the labeled bills.

    .venv/bin/python scripts/train_tagger.py [--dev-set ../shared/data/labeled_bills_dev.jsonl]

It learns from the *tune* part only (tracker.tagging.evaluation.split_of) of
tests/files/tagger_real_bills.jsonl and of the shared dev set (with the area labels of
tests/files/labeled_bills_dev_areas.jsonl), and from all of tests/files/tagger_labels.jsonl
(titles written for the tests): the held-out part stays unseen. The same files give the same
model, byte for byte; without the dev set (a machine without ../shared) the model differs and
says so in its `trained_on`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.tagging.catalog import load_catalog  # noqa: E402
from tracker.tagging.evaluation import (  # noqa: E402
    TUNE,
    LabeledBill,
    in_split,
    parse_labels,
    with_area_labels,
)
from tracker.tagging.model import MODEL_FILE  # noqa: E402
from tracker.tagging.training import TrainingBill, train_shipped  # noqa: E402

FILES = ROOT / "tests" / "files"
DEV_SET = ROOT.parent / "shared" / "data" / "labeled_bills_dev.jsonl"


def read(path: Path) -> list[LabeledBill]:
    return parse_labels(path.read_text(encoding="utf-8").splitlines(), str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    real = read(FILES / "tagger_real_bills.jsonl")
    sources = {"tagger_real_bills.jsonl (tune part)": in_split(real, TUNE)}
    if args.dev_set.is_file():
        areas = (FILES / "labeled_bills_dev_areas.jsonl").read_text(encoding="utf-8").splitlines()
        sources["labeled_bills_dev.jsonl (tune part)"] = in_split(
            with_area_labels(read(args.dev_set), areas), TUNE
        )
    sources["tagger_labels.jsonl"] = read(FILES / "tagger_labels.jsonl")
    bills = [
        TrainingBill(f"{name}:{bill.key}", bill.signals, bill.issue_areas or ())
        for name, rows in sources.items()
        for bill in rows
        if bill.is_education and bill.issue_areas
    ]
    trained_on = "; ".join(f"{name}: {len(rows)} bills" for name, rows in sources.items())
    model = train_shipped(load_catalog(), bills, version="pending", trained_on=trained_on)
    digest = hashlib.sha256(model.dumps().encode()).hexdigest()[:8]
    model = replace(model, version=f"2.0.{digest}")
    args.out.write_text(model.dumps(), encoding="utf-8")
    print(f"wrote {args.out} ({model.version}): {len(bills)} relevant bills; {trained_on}")
    print(f"threshold {model.calibration.threshold}, {len(model.text.weights)} features")


if __name__ == "__main__":
    main()
