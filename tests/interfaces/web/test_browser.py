"""What a person sees: the real server in a thread, Debian's chromium driven by Playwright.

The browser is the system one (`make browser` installs it); Playwright never downloads its own.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from crosswire.interfaces.web import create_app

from .conftest import WebStore, free_port

CHROMIUM = Path(os.environ.get("CROSSWIRE_CHROMIUM", "/usr/bin/chromium"))
OUTPUT = Path(__file__).resolve().parents[3] / "test-output"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]  # fmt: skip

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM}: run `make browser`")


@pytest.fixture(scope="module")
def server(web_store: WebStore) -> Iterator[str]:
    """The app as `crosswire serve` runs it, on a free loopback port."""
    port = free_port()
    app = create_app(web_store.path, allowed_hosts=["127.0.0.1", "localhost"])
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    tab = browser.new_page()
    yield tab
    tab.close()


def test_stories_list_shows_the_seed_story(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(server + "/")
    link = page.get_by_role("link", name="US warns North Korea would ‘pay a price’ for any arms deal with Russia")
    expect(link).to_be_visible()
    row = page.locator("tr", has=link)
    expect(row.locator("td.number").first).to_have_text("5")
    expect(page.get_by_role("searchbox", name="Titles containing")).to_be_visible()


def test_story_page_shows_summary_quote_timeline_and_disagreements(
    page: Page, server: str, web_store: WebStore
) -> None:
    page.goto(f"{server}/stories/{web_store.seed_story}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("pay a price")
    summary = page.locator("section", has=page.get_by_role("heading", name="Summary", exact=True))
    expect(summary.locator("li").first).to_be_visible()
    expect(summary.locator("li .cites a").first).to_be_visible()
    sullivan = page.locator(".speaker-group", has=page.get_by_role("heading", name="Jake Sullivan"))
    price = sullivan.locator("blockquote", has_text="pay a price").first
    expect(price).to_be_visible()
    expect(price).to_contain_text("carried by 4")
    assert price.locator(".cites a").count() >= 4
    svg = page.locator("svg.timeline-svg")
    expect(svg).to_be_visible()
    assert svg.bounding_box()["height"] > 200
    timeline = page.locator("section", has=page.get_by_role("heading", name="Timeline", exact=True))
    assert svg.locator("circle").count() == timeline.locator("details tbody tr").count() > 10
    disagreements = page.locator("section", has=page.get_by_role("heading", name="Where outlets disagree"))
    expect(disagreements.locator("li").first).to_be_visible()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "story.png"), full_page=True)


def test_search_finds_and_highlights(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.get_by_role("searchbox", name="Search all articles").fill("Shoigu")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/search?q=Shoigu")
    expect(page.get_by_role("status")).to_contain_text("match")
    marks = page.locator(".search-results mark")
    expect(marks.first).to_have_text("Shoigu")


def test_story_to_article_to_entity_by_clicking(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(f"{server}/stories/{web_store.seed_story}")
    card = page.locator(".outlet-card", has=page.get_by_role("heading", name="CNN"))
    card.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("pay a price")
    assert "/articles/" in page.url
    page.locator(".article-text a.speaker", has_text="Sullivan").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jake Sullivan")
    expect(page.get_by_role("heading", name="What Jake Sullivan said")).to_be_visible()
    page.get_by_role(
        "link", name="US warns North Korea would ‘pay a price’ for any arms deal with Russia"
    ).first.click()
    assert f"/stories/{web_store.seed_story}" in page.url


def test_a_hostile_page_runs_no_script(page: Page, server: str, web_store: WebStore) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for article_id in (web_store.hostile_page, web_store.hostile_record):
        page.goto(f"{server}/articles/{article_id}")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_be_visible()
        page.locator(".article-text").hover()
        page.mouse.move(10, 10)
        assert page.evaluate("() => window.__pwned") is None
    expect(page.locator(".article-text")).to_contain_text("<script>window.__pwned = true</script>")
    page.goto(f"{server}/articles/{web_store.hostile_page}")
    expect(page.locator("h1")).to_contain_text("<script>window.__pwned = true</script>")  # the page's own <h1>
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []


def test_api_docs_render_offline_under_the_policy(page: Page, server: str) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server + "/docs")
    expect(page.locator(".opblock-summary-path", has_text="/api/stories/{story_id}")).to_be_visible()
    assert all(url.startswith(server) for url in requested), requested
    assert errors == []
