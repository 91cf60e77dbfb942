"""The quarterly report as HTML (the one Jinja environment, `templates/report/`) and as a
printable PDF (WeasyPrint, from that same HTML)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.present.templating import environment
from tracker.progress.charts import funnel_chart, outcomes_chart
from tracker.progress.report import QuarterlyReport


def report_context(report: QuarterlyReport, *, made_on: date) -> dict[str, Any]:
    return {
        "report": report,
        "outcomes_chart": outcomes_chart(report),
        "funnel_chart": funnel_chart(report.funnel),
        "made_on": made_on,
    }


def report_html(report: QuarterlyReport, *, made_on: date) -> str:
    template = environment().get_template("report/quarterly.html")
    return template.render(report_context(report, made_on=made_on))


def report_pdf(report: QuarterlyReport, *, made_on: date) -> bytes:
    from weasyprint import HTML  # loaded only to print

    pdf = HTML(string=report_html(report, made_on=made_on), base_url=".").write_pdf()
    assert pdf is not None
    return bytes(pdf)
