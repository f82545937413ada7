"""End to end in a real headless browser: upload a report, see the highlighted cells.

Uses Debian's Chromium (installed by .ci/run) driven by Playwright, never a browser
downloaded by a test tool. Skipped, with the reason, only where no Chromium exists.
The screenshot is kept at docs/images/web-validator.png for the publisher guide.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="the web validator is the [web] extra")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")

from .paths import CORPUS, EXAMPLES, FIXTURES, ROOT  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (.ci/run installs Debian's chromium)"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    from werkzeug.serving import make_server

    from opengovreport.web import create_app

    httpd = make_server("127.0.0.1", 0, create_app())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def page(tmp_path_factory):  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def upload(page, server: str, path: Path, kind: str = "auto") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/")
    page.set_input_files("#file", str(path))
    page.select_option("#kind", kind)
    page.click("#submit")
    page.wait_for_selector("footer")


def test_reference_report_in_the_browser(page, server: str) -> None:  # type: ignore[no-untyped-def]
    upload(page, server, EXAMPLES / "lianyungang-2017.json")
    assert page.locator(".status-valid").count() == 1
    assert page.locator("td[data-cell]").count() == 80
    assert page.locator("td[data-cell='applicant_sources.social_groups.count']").inner_text() == ""
    info = page.locator("td.info").evaluate_all("cells => cells.map(c => c.dataset.cell)")
    assert "applicant_sources.social_groups.count" in info
    codes = page.locator("details.finding-group").evaluate_all("d => d.map(e => e.dataset.code)")
    assert sorted(set(codes)) == ["L-SOURCES-PERCENT", "L-SOURCES-SUM"]


def test_one_wrong_total_in_the_browser(page, server: str) -> None:  # type: ignore[no-untyped-def]
    upload(page, server, FIXTURES / "2021" / "invalid" / "rl-group-total.json")
    flagged = page.locator("td.error").evaluate_all("cells => cells.map(c => c.dataset.cell)")
    assert sorted(flagged) == sorted(f"review_litigation.review.{c}"
                                     for c in ("upheld", "corrected", "other", "pending", "total"))
    assert page.locator("details[data-code='RL-GROUP-TOTAL'][data-severity='error']").count() == 1
    page.locator("#cell-review_litigation-review-total").scroll_into_view_if_needed()
    target = ROOT / "docs" / "images" / "web-validator.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000


def test_parsed_page_in_the_browser(page, server: str) -> None:  # type: ignore[no-untyped-def]
    upload(page, server, CORPUS / "html" / "pingtan-2024.html", kind="page")
    assert page.locator("td[data-cell]").count() == 200
    assert page.locator("td.unread").count() == 0
    assert page.locator("td[data-cell='applications.new_received.total']").inner_text() == "218"
    page.click("#lang-switch")
    assert "Upload a file" in page.content()
