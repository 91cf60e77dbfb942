"""The changes between two versions of a bill in Debian's Chromium: the summary and the money
on top, the struck and inserted words drawn as such (a screenshot goes to
build/screenshots/changes.png)."""

from __future__ import annotations

import pytest

from tests.web.test_browser import SCREENSHOTS, base_url, page, sign_in, sync_api  # noqa: F401
from tests.web.test_versions import SLUG, store_two_versions

pytestmark = pytest.mark.browser


@pytest.fixture
def web_db(web_db: tuple[str, dict[str, int]]) -> tuple[str, dict[str, int]]:
    store_two_versions(web_db[0])
    return web_db


def test_reading_what_changed(page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    sign_in(page)
    page.goto(f"/bills/{SLUG}")
    page.get_by_role("link", name="What changed between versions").click()
    page.wait_for_url(f"**/bills/{SLUG}/changes")
    sync_api.expect(page.locator("#summary")).to_contain_text("special education aid for FY 2027")
    money = page.locator("table.money")
    sync_api.expect(money).to_contain_text("$2,501,400,000")
    struck = page.locator(".section-change.changed del").first
    inserted = page.locator(".section-change.changed ins").first
    decoration = "e => getComputedStyle(e).textDecorationLine"
    assert struck.evaluate(decoration) == "line-through"
    assert inserted.evaluate(decoration) == "underline"
    assert struck.bounding_box()["width"] > 5 and inserted.bounding_box()["width"] > 5
    page.locator("select[name=start]").select_option("1")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**start=1**")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "changes.png"), full_page=True)
