"""The dashboard in a real browser: Debian's Chromium driven by Playwright
(never `playwright install`), against `dyad serve` on the demo corpus."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import Server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
# Users without the browser skip these; CI (DYAD_REQUIRE_BROWSER=1) must run them.
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("DYAD_REQUIRE_BROWSER"),
        reason="Debian's chromium is not installed (apt-get install chromium chromium-driver)",
    ),
]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def test_dashboard_dyad_timeline_table_and_article(browser, demo_server):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_server.url + "/")
    page.wait_for_selector("#events tbody tr")
    page.fill("#a", "TUR")
    page.fill("#b", "ISR")
    page.click("#show")
    page.wait_for_function(
        "document.querySelector('#timeline-title').textContent.includes('TUR and ISR')"
    )
    bars = page.locator("#timeline-svg g.bar")
    assert bars.count() >= 1
    rows = page.locator("#events tbody tr")
    rows.first.wait_for()
    sentences = rows.locator("td.sentence").all_inner_texts()
    assert sentences and all(s for s in sentences)
    assert page.locator("#events tbody tr .trg").count() >= 1  # trigger spans highlighted
    # Clicking a point of the timeline filters the table to its period.
    bars.first.click()
    page.wait_for_function(
        "document.querySelector('#table-filter').textContent.includes('Showing')"
    )
    # An event opens its article with the sentence marked.
    rows.first.click()
    page.wait_for_selector("#detail:not([hidden]) #article mark")
    marked = page.locator("#article mark").first.inner_text()
    assert marked.strip() and marked.strip() in (
        page.locator("#events tbody tr.selected td.sentence").inner_text()
    )
    assert page.locator("#map-svg path.country").count() > 100
    assert page.locator("#map-svg circle.marker").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-tur-isr.png"), full_page=True)
    assert errors == []
    assert all(url.startswith(demo_server.url) for url in requests)  # nothing from elsewhere
    page.close()


def test_dashboard_map_marker_filters_the_table(browser, demo_server):
    page = browser.new_page()
    page.goto(demo_server.url + "/")
    page.wait_for_selector("#map-svg circle.marker")
    marker = page.locator("#map-svg circle.marker").first
    name = marker.get_attribute("data-name")
    marker.click()
    page.wait_for_function(
        "document.querySelector('#table-filter').textContent.includes('Showing events in')"
    )
    assert name and name in page.locator("#table-filter").inner_text()
    page.close()


def test_dashboard_says_when_the_store_is_empty(browser, tmp_path):
    server = Server(tmp_path / "empty.duckdb")
    try:
        page = browser.new_page()
        page.goto(server.url + "/")
        page.wait_for_selector("#status.empty")
        assert "No events stored yet" in page.locator("#status").inner_text()
        page.close()
    finally:
        server.stop()
        shutil.rmtree(tmp_path, ignore_errors=True)
