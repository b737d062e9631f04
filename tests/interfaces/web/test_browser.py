"""What a person sees: the real server in a thread, Debian's chromium driven by Playwright.

The browser is the system one (`make browser` installs it); Playwright never downloads its own.
"""

from __future__ import annotations

import os
import re
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


def test_stories_list_shows_outlets_leads_and_filters(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(server + "/")
    link = page.get_by_role("link", name="US warns North Korea would ‘pay a price’ for any arms deal with Russia")
    expect(link).to_be_visible()
    row = page.locator("tr", has=link)
    expect(row.locator("td.number").first).to_have_text("5")
    expect(row.locator(".story-outlets")).to_contain_text("CNN")
    expect(row.locator(".story-lead")).to_contain_text("Sullivan")
    expect(row.locator("td.dates")).to_have_text("5–12 September 2023")
    expect(page.get_by_role("searchbox", name="Titles containing")).to_be_visible()
    page.get_by_label("Outlet").select_option("CNN")
    page.get_by_label("From").fill("2023-09-01")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/?*outlet=CNN*")
    expect(
        page.get_by_role("link", name="US warns North Korea would ‘pay a price’ for any arms deal with Russia")
    ).to_be_visible()
    expect(page.locator("table.stories caption")).to_contain_text("1 story")
    expect(page.locator("table.stories caption")).to_contain_text("reported by CNN")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "stories-filtered.png"), full_page=True)


def test_story_opens_with_a_one_screen_overview(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(f"{server}/stories/{web_store.seed_story}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("pay a price")
    overview = page.locator("section.overview")
    expect(overview.get_by_role("heading", name="Summary")).to_be_visible()
    expect(overview.locator("ol.summary li").first).to_be_visible()
    expect(overview.locator("ol.summary li .cites a").first).to_be_visible()
    glance = overview.locator("dl.glance")
    for term in ("Outlets", "Published", "Quotes", "Timeline", "Events", "Disagreements", "Worth a check"):
        expect(glance.locator("dt", has_text=term)).to_be_visible()
    expect(glance).to_contain_text("5–12 September 2023")
    expect(glance).to_contain_text("CNN")
    box = overview.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900  # all of it on the first screen (1280 x 900)
    for code in ("2023-W", "PAST_REF", "P1W"):  # no code where a person reads a date
        assert code not in page.locator("main").inner_text()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "story-overview.png"))


def test_coverage_chart_shows_each_outlet_on_its_days(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(f"{server}/stories/{web_store.seed_story}")
    chart = page.locator("svg.coverage-svg")
    expect(chart).to_be_visible()
    labels = [text.text_content() for text in chart.locator("text").all()]  # SVG text has no inner text
    for outlet in ("CNN", "The Korea Herald", "The Hankyoreh", "Korea JoongAng Daily"):
        assert outlet in labels, labels
    assert "5 Sep" in labels
    dots = chart.locator("circle")
    assert dots.count() >= 5  # an outlet on a day each (five articles, four outlets and one unknown)
    rings = [dots.nth(k).get_attribute("fill") for k in range(dots.count())].count("#ffffff")
    assert rings >= 1  # undated articles sit on the day their story infers, as rings
    assert page.locator("script").count() == 0
    chart.screenshot(path=str(OUTPUT / "coverage.png"))


def test_timeline_is_drawn_to_a_time_scale(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(f"{server}/stories/{web_store.seed_story}")
    svg = page.locator("svg.timeline-svg")
    expect(svg).to_be_visible()
    timeline = page.locator("details.section", has=page.get_by_role("heading", name="Timeline", exact=True))
    rows = timeline.locator("details tbody tr")
    assert svg.locator(".entry").count() == rows.count() > 10
    days = {}
    for k in range(svg.locator(".entry").count()):
        entry = svg.locator(".entry").nth(k)
        label = entry.locator("tspan").first.text_content()
        if entry.locator("circle").count():
            days[label] = float(entry.locator("circle").get_attribute("cx") or 0)
    assert days["4 September 2023"] < days["5 September 2023"] < days["11 September 2023"]
    assert days["11 September 2023"] - days["5 September 2023"] > 3 * (
        days["5 September 2023"] - days["4 September 2023"]
    )
    assert svg.locator("rect[rx]").count() >= 1  # a month or a year is a bar
    expect(svg.locator("text", has_text="week of 28 August 2023").first).to_be_attached()
    svg.screenshot(path=str(OUTPUT / "timeline.png"))


def test_events_say_who_did_what_to_whom(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(f"{server}/stories/{web_store.seed_story}")
    section = page.locator("details.section", has=page.get_by_role("heading", name="Who did what to whom"))
    events = section.locator("#events > li")
    expect(events.first).to_be_hidden()  # folded until asked for
    page.locator("dl.glance").get_by_role("link", name=re.compile("who-did-what-to-whom")).click()
    expect(events.first).to_be_visible()  # following the overview's link unfolds the section
    warning = events.filter(has_text="Jake Sullivan warned North Korea")
    expect(warning).to_be_visible()
    expect(warning.locator(".cites a")).to_have_count(len(warning.locator(".cites a").all()))
    assert warning.locator(".cites a").count() >= 3
    warning.get_by_text("How each article tells it").click()
    expect(warning.locator(".variants li").first).to_contain_text("North Korea")
    section.screenshot(path=str(OUTPUT / "events.png"))


def test_sections_fold_and_quotes_stay_one_click_away(page: Page, server: str, web_store: WebStore) -> None:
    page.goto(f"{server}/stories/{web_store.seed_story}")
    quotes = page.locator("details.section", has=page.get_by_role("heading", name="Who said what"))
    sullivan = page.locator(".speaker-group", has=page.get_by_role("heading", name="Jake Sullivan"))
    expect(sullivan.first).to_be_hidden()
    quotes.locator("summary").first.click()
    price = sullivan.locator("blockquote", has_text="pay a price").first
    expect(price).to_be_visible()
    expect(price).to_contain_text("carried by 4")
    assert price.locator(".cites a").count() >= 4
    disagreements = page.locator("details.section", has=page.get_by_role("heading", name="Where outlets disagree"))
    expect(disagreements.locator("li").first).to_be_visible()  # open from the start
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
