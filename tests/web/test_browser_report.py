"""The progress report in Debian's Chromium: the charts load and are drawn, the tables read
(a screenshot goes to build/screenshots/report.png)."""

from __future__ import annotations

import pytest

from tests.web.test_browser import SCREENSHOTS, base_url, page, sign_in, sync_api  # noqa: F401
from tests.web.test_report import prepare

pytestmark = pytest.mark.browser


@pytest.fixture
def web_db(web_db: tuple[str, dict[str, int]]) -> tuple[str, dict[str, int]]:
    prepare(web_db[0])
    return web_db


def test_reading_the_progress_report(page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    sign_in(page)
    page.get_by_role("link", name="Progress").click()
    page.wait_for_url("**/report")
    page.get_by_role("textbox", name="Quarter").fill("2026Q4")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**quarter=2026Q4**")
    sync_api.expect(page.locator("#headline")).to_contain_text("AMSD, 2026Q4")
    charts = page.locator("section.charts img")
    sync_api.expect(charts).to_have_count(2)
    for index in range(2):
        drawn = charts.nth(index).evaluate("img => img.complete && img.naturalWidth > 100")
        assert drawn, "the chart's SVG loaded and has a size"
        assert charts.nth(index).bounding_box()["height"] > 50
    sync_api.expect(page.locator("table.foldings")).to_contain_text("HF 4127")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
