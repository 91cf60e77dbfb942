"""`tracker report progress|foldings|fold` and `tracker goals` through Click's runner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.store.test_progress import store_small_bill_and_omnibus
from tests.store.test_versions import NOW
from tracker.cli import main
from tracker.db import make_engine, session_scope
from tracker.store.positions import decide_tag_audited
from tracker.vocab import TagStatus, TagTarget


def test_report_the_quarter_as_html_and_pdf(
    runner: CliRunner, empty_db: str, tmp_path: Path
) -> None:
    engine = make_engine(empty_db)
    small, _ = store_small_bill_and_omnibus(engine)
    assert runner.invoke(main, ["tag"]).exit_code == 0
    # Tagger 2 files HF 9 under special education with too little confidence to bring the
    # plan's items: staff file it under the plan's first direction, as on the bill page.
    with session_scope(engine) as db:
        decide_tag_audited(
            db,
            bill_id=small,
            target=TagTarget.ITEM,
            code="amsd-2021/sd-1",
            status=TagStatus.CONFIRMED,
            by="staff@example.org",
            now=NOW,
        )
    engine.dispose()
    assert runner.invoke(main, ["bills", "position", "HF 9", "support"]).exit_code == 0
    found = runner.invoke(main, ["report", "foldings"])
    assert found.exit_code == 0, found.output
    assert "HF 9 -> HF 4127  suggested" in found.output
    confirmed = runner.invoke(main, ["report", "fold", "HF 9", "--into", "HF 4127"])
    assert confirmed.exit_code == 0 and "confirmed" in confirmed.output
    goal = runner.invoke(
        main,
        ["goals", "add", "amsd-2021/sd-1", "--text", "Fund special education", "--bill", "HF9"],
    )
    assert goal.exit_code == 0, goal.output
    assert "Fund special education" in runner.invoke(main, ["goals", "list"]).output
    html = tmp_path / "q.html"
    result = runner.invoke(main, ["report", "progress", "--quarter", "2026Q4", "--out", str(html)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("AMSD, 2026Q4: 1 won, 0 lost, 0 still open of 1 bill ")
    page = html.read_text(encoding="utf-8")
    assert "folded into an enacted bill" in page and 'src="data:image/svg+xml;base64,' in page
    pdf = tmp_path / "q.pdf"
    result = runner.invoke(
        main, ["report", "progress", "--quarter", "2026Q4", "--format", "pdf", "--out", str(pdf)]
    )
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 10_000


def test_report_refuses_a_bad_quarter_or_framework(runner: CliRunner, empty_db: str) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    bad = runner.invoke(main, ["report", "progress", "--quarter", "2026Q7"])
    assert bad.exit_code == 2 and "not a quarter" in bad.output
    unknown = runner.invoke(main, ["report", "progress", "--framework", "nope"])
    assert unknown.exit_code == 1 and "no framework 'nope'" in unknown.output
    goal = runner.invoke(main, ["goals", "add", "nope/x", "--text", "t"])
    assert goal.exit_code == 1 and "no framework item" in goal.output
