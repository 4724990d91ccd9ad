"""The web app in a real headless Chromium: what an analyst clicks through.

Needs Debian's chromium (/usr/bin/chromium) and the playwright package (never `playwright install`).
Screenshots go to screenshots/ (not committed).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from newsevents.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.e2e, pytest.mark.model]
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)

uvicorn = pytest.importorskip("uvicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(filled_store, pipeline, settings):
    """The app served by uvicorn in a thread on a free localhost port."""
    port = free_port()
    app = create_app(filled_store, settings=settings, pipeline=pipeline)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.outside = []

    def note_outside(request) -> None:
        if not request.url.startswith(server):
            page.outside.append(request.url)

    page.on("request", note_outside)
    yield page
    assert page.outside == [], "the page asked for something outside the server"
    context.close()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_overview_and_map_draw_their_charts(page):
    page.goto("/")
    assert page.locator("svg.chart rect").count() > 0
    shoot(page, "overview")
    page.goto("/map")
    assert page.locator("svg.map path.land").count() > 100
    assert page.locator("svg.map circle.point").count() > 0
    shoot(page, "map")
    page.goto("/coups")
    assert page.locator("svg.coups circle").count() >= 1


def test_filter_events_by_country_then_open_an_article(page, article_ids):
    page.goto("/events")
    all_rows = page.locator("table.events tbody tr").count()
    shoot(page, "events")
    page.select_option("select[name=country]", "GNB")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*country=GNB*")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() < all_rows
    assert set(page.locator("td.country").all_inner_texts()) == {"GNB"}
    rows.first.locator("td a").first.click()
    page.wait_for_url(f"**/articles/{article_ids['coup']}*")
    assert page.locator("#article-text .m.evidence").count() > 0
    assert page.locator("#article-text .m.place").count() > 0
    card = page.locator(".event").first
    card.click()
    assert page.locator("#article-text .m.evidence.focus").count() > 0
    shoot(page, "article")


def test_article_lists_its_flags(page, article_ids):
    page.goto(f"/articles/{article_ids['flagged']}")
    flags = page.locator(".flags .flag")
    assert flags.count() >= 1
    assert "anonymous_source" in flags.first.inner_text()


def test_paste_an_article_and_see_its_events(page):
    page.goto("/analyze")
    page.fill("input[name=title]", "Strike in Lagos")
    page.fill(
        "textarea[name=text]",
        "Dock workers went on strike in Lagos on Monday to protest unpaid wages, "
        "and police arrested four union leaders, the Nigerian labour congress said.",
    )
    page.click("form.analyze button[type=submit]")
    page.wait_for_url("**/articles/*")
    assert "stored" in page.locator(".notice").inner_text()
    assert page.locator(".event").count() >= 1
    article_id = page.url.split("/articles/")[1].split("?")[0]
    page.goto("/events?country=NGA")
    assert article_id in page.content()


def test_paste_a_batch_and_watch_it_finish(page):
    page.goto("/analyze")
    page.fill(
        "textarea[name=text]",
        '{"id": "a", "text": "Troops clashed with rebels near Juba on Monday, the army said."}\n'
        '{"id": "b", "text": ""}\n',
    )
    page.click("form.analyze button[type=submit]")
    page.wait_for_url("**/jobs/*")
    # Polling by the page itself: CSP forbids the eval behind wait_for_function.
    playwright_api.expect(page.locator("#job-state")).to_have_text("done", timeout=20_000)
    assert page.locator("#job-articles li").count() == 1
    assert page.locator("#job-failures li").count() == 1


def test_script_in_an_article_renders_as_text(page, article_ids):
    page.goto(f"/articles/{article_ids['hostile']}")
    text = page.locator("#article-text").inner_text()
    assert "<script>alert('body')</script>" in text
    assert "onerror=alert('img')" in text
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert page.locator("#article-text script, #article-text img, h1 script").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_pasted_script_renders_as_text(page):
    page.goto("/analyze")
    page.select_option("select[name=kind]", "text")
    page.fill(
        "textarea[name=text]",
        "Officials in Lima said <script>alert(1)</script> protesters blocked a highway on "
        'Tuesday. <img src=x onerror="alert(2)"> Police cleared the road.',
    )
    page.click("form.analyze button[type=submit]")
    page.wait_for_url("**/articles/*")
    assert "<script>alert(1)</script>" in page.locator("#article-text").inner_text()
    assert page.locator("main script, main img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
