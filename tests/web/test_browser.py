"""The web app in Debian's Chromium through Playwright: sign in, confirm a tag, set a
position, read the matrix (and save a screenshot of it to build/screenshots/matrix.png)."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.store.test_hearings import HOUSE, SENATE, save
from tests.web.conftest import PASSWORD, SPECIAL_ED_SLUG, Clock, take_side
from tracker.config import Settings, WebSettings
from tracker.db import make_engine
from tracker.vocab import Position, Priority
from tracker.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if CHROMIUM is None:
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def base_url(web_db: tuple[str, dict[str, int]]) -> Iterator[str]:
    url, _ = web_db
    app = create_app(
        Settings(database_url=url), WebSettings(secret_key="browser-" + "x" * 32), clock=Clock()
    )
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(base_url: str) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url, viewport={"width": 1366, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda msg: errors.append(msg.text) if msg.type == "error" else None,
        )
        yield page
        browser.close()
        assert errors == [], f"the browser reported errors: {errors}"


def sign_in(page, email: str = "staff@example.org") -> None:  # type: ignore[no-untyped-def]
    page.goto("/bills")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/bills")


def test_sign_in_confirm_a_tag_and_set_a_position(page) -> None:  # type: ignore[no-untyped-def]
    expect = sync_api.expect
    sign_in(page)
    expect(page.get_by_role("heading", name="Bills")).to_be_visible()
    page.get_by_role("link", name="HF 9001").click()
    page.wait_for_url(f"**/bills/{SPECIAL_ED_SLUG}")
    page.get_by_role("button", name="Confirm Special education and the cross-subsidy").click()
    label = page.get_by_text("Special education and the cross-subsidy", exact=True)
    row = page.locator(".tag-row").filter(has=label)
    expect(row.locator(".status")).to_have_text("confirmed")
    expect(page.locator("#audit")).to_contain_text("tag special-education")

    page.locator("select[name=position]").select_option("support")
    page.locator("#position select[name=priority]").select_option("high")
    page.locator("textarea[name=notes]").fill("Testify on March 12")
    page.get_by_role("button", name="Save position").click()
    expect(page.locator("#position")).to_contain_text("Saved.")
    expect(page.locator("#audit")).to_contain_text("position: support")
    page.reload()
    expect(page.locator("textarea[name=notes]")).to_have_value("Testify on March 12")


def test_filtering_the_list_with_htmx(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page)
    page.get_by_label("Stage").select_option("in_conference")
    page.wait_for_url("**stage=in_conference**")
    sync_api.expect(page.locator("#bill-results")).to_contain_text("SF 1832")
    sync_api.expect(page.locator("#bill-results")).not_to_contain_text("HF 2136")


def test_reading_the_matrix(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page)
    page.goto(f"/bills/{SPECIAL_ED_SLUG}")
    page.get_by_label("Add a tag").select_option("item:amsd-2021/sd-1")
    page.get_by_role("button", name="Add tag").click()
    sync_api.expect(page.locator("#audit")).to_contain_text("tag amsd-2021/sd-1")
    page.goto("/matrix?framework=amsd-2021&all=1&view=heat")
    table = page.locator("table.matrix")
    sync_api.expect(table).to_contain_text("HF 9001")
    confirmed = table.locator("td.cell.confirmed")
    sync_api.expect(confirmed).to_have_count(1)
    sync_api.expect(confirmed).to_have_text("✓")
    # The heat map is drawn: the confirmed cell is shaded darker than an empty one, and a
    # suggested cell lighter than the confirmed one (alpha of the computed background).
    alpha = "e => Number((getComputedStyle(e).backgroundColor.match(/[\\d.]+/g) || [])[3] ?? 1)"
    shade_of_empty = table.locator("td.cell.empty").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert shade_of_empty in ("rgba(0, 0, 0, 0)", "transparent")
    assert confirmed.evaluate(alpha) > 0.9
    suggested = table.locator("td.cell.suggested").first
    assert 0 < suggested.evaluate(alpha) < confirmed.evaluate(alpha)
    # The stage chart has one bar per tagged direction, as wide as its share of the bills.
    chart = page.locator("svg.stage-chart")
    sync_api.expect(chart).to_be_visible()
    bars = chart.locator("rect")
    assert bars.count() >= 1
    widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
    assert all(width > 1 for width in widths), widths
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "matrix.png"), full_page=True)


def test_clearing_the_review_queue_from_the_keyboard(page, web_db) -> None:  # type: ignore[no-untyped-def]
    expect = sync_api.expect
    url, ids = web_db
    engine = make_engine(url)
    save(engine, HOUSE + SENATE)  # SF 1832 is heard on March 11, the day after the app's now
    engine.dispose()
    take_side(url, ids["sf1832"], Position.OPPOSE, Priority.MEDIUM)
    take_side(url, ids["hf2136"], Position.MONITOR, Priority.MEDIUM)
    sign_in(page, "lobbyist@example.org")
    count = page.locator("header nav .count")
    waiting = int(count.inner_text())
    assert waiting == 3, "three tracked bills wait: two with a position, one the tagger found"
    page.goto("/review")
    entries = page.locator("article.review-entry")
    expect(entries).to_have_count(waiting)
    first, second = entries.nth(0), entries.nth(1)
    expect(first).to_have_class(re.compile(r"\bcurrent\b"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)

    page.keyboard.press("j")
    expect(second).to_have_class(re.compile(r"\bcurrent\b"))
    expect(first).not_to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("k")
    expect(first).to_have_class(re.compile(r"\bcurrent\b"))

    # Down to the special-education bill, whose suggestions the tagger made.
    target_id = f"bill-{ids['special_ed']}"
    order = [entries.nth(i).get_attribute("id") for i in range(waiting)]
    for _ in range(order.index(target_id)):
        page.keyboard.press("j")
    target = page.locator(f"#{target_id}")
    expect(target).to_have_class(re.compile(r"\bcurrent\b"))
    assert target.locator(".tag-row.tag-suggested").count() >= 1
    page.keyboard.press("a")  # confirm every suggestion of the focused bill
    page.wait_for_url(f"**/review#{target_id}")
    target = page.locator(f"#{target_id}")
    expect(target).to_have_class(re.compile(r"\bcurrent\b"))  # the page reopens on it
    expect(target.locator(".tag-row.tag-confirmed").first).to_be_attached()
    expect(target.locator(".tag-row.tag-suggested")).to_have_count(0)

    page.keyboard.press("r")  # mark it reviewed: it leaves the queue
    expect(page.locator(f"#{target_id}")).to_have_count(0)
    expect(page.locator("header nav .count")).to_have_text(str(waiting - 1))
    # typing in a field is not a command
    page.locator("article.review-entry select[name=position]").first.focus()
    page.keyboard.press("r")
    expect(page.locator("article.review-entry")).to_have_count(waiting - 1)
