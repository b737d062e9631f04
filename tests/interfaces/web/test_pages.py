"""Every page over the seed store, as the HTML a browser receives."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from crosswire.interfaces.web import create_app
from crosswire.records import Analysis
from crosswire.store import Store

from .conftest import MERGED_AWAY, WebStore


def test_stories_list_shows_the_seed_story_with_its_outlets_lead_and_dates(
    client: TestClient, web_store: WebStore
) -> None:
    html = client.get("/").text
    assert "pay a price" in html
    row = html[html.index(f'href="/stories/{web_store.seed_story}"') :]
    row = row[: row.index("</tr>")]
    assert re.findall(r'class="number">(\d+)<', row) == ["5"]
    assert '<td class="dates">5–12 September 2023</td>' in row  # as people write dates
    assert "CNN" in row and "The Korea Herald" in row  # its outlets
    lead = re.search(r'<p class="story-lead">([^<]+)</p>', row)
    summary = client.get(f"/api/stories/{web_store.seed_story}").json()["dossier"]["summary"][0]["text"]
    assert lead and lead.group(1).replace("&#34;", '"').replace("&#39;", "'") == summary  # its first summary sentence
    assert '<td class="dates">2 May 2024</td>' in html  # one day, said once


def test_stories_filter_by_outlet_and_dates(client: TestClient, web_store: WebStore) -> None:
    story = f'href="/stories/{web_store.seed_story}"'
    page = client.get("/").text
    assert '<option value="CNN">CNN</option>' in page
    assert story in client.get("/", params={"outlet": "CNN"}).text
    only_cnn = client.get("/", params={"outlet": "CNN"}).text
    assert "opens library" not in only_cnn and "1 story" in only_cnn and "reported by CNN" in only_cnn
    assert story in client.get("/", params={"since": "2023-09-12", "until": "2023-09-12"}).text  # its last day
    assert story not in client.get("/", params={"since": "2023-09-13"}).text
    assert story not in client.get("/", params={"until": "2023-09-04"}).text
    assert story in client.get("/", params={"since": "2023-01-01", "until": "2023-12-31", "outlet": "CNN"}).text
    odd = client.get("/", params={"since": "yesterday"})
    assert odd.status_code == 200 and "Not a date" in odd.text and story in odd.text
    api = client.get("/api/stories", params={"outlet": "CNN", "since": "2023-09-01"}).json()
    assert [item["id"] for item in api["items"]] == [web_store.seed_story]


def test_stories_list_is_newest_first(client: TestClient, web_store: WebStore) -> None:
    html = client.get("/").text
    library, seeds = html.index("opens library"), html.index("pay a price")
    assert library < seeds  # the hostile record (2024) is newer than the seed story (2023)


def test_stories_filter_matches_titles_and_says_when_nothing_does(client: TestClient) -> None:
    assert "pay a price" in client.get("/", params={"q": "PAY A"}).text
    filtered = client.get("/", params={"q": "ferry"}).text
    assert "pay a price" not in filtered and "ferry pier" in filtered
    assert "No story title contains" in client.get("/", params={"q": "100%_"}).text


def test_story_page_has_every_section(client: TestClient, web_store: WebStore) -> None:
    html = client.get(f"/stories/{web_store.seed_story}").text
    assert ">Summary</h3>" in html  # in the overview
    for heading in ("The outlets side by side", "Who said what", "Timeline", "Who did what to whom",
                    "People, organisations and places", "Where outlets disagree", "Only one outlet reports",
                    "Worth a human check"):  # fmt: skip
        assert re.search(rf"<summary><h2 [^>]+>{heading}</h2>", html), heading  # each section folds
    assert html.count('class="outlet-card"') == 5
    assert "<svg" in html and 'class="timeline-svg"' in html and 'class="coverage-svg"' in html


def test_the_overview_counts_what_the_dossier_holds(client: TestClient, web_store: WebStore) -> None:
    html = client.get(f"/stories/{web_store.seed_story}").text
    dossier = client.get(f"/api/stories/{web_store.seed_story}").json()["dossier"]
    overview = html[html.index('class="overview"') : html.index("</section>")]
    assert f'<a href="#quotes">{len(dossier["quotes"])} statements</a>' in overview
    assert f"{len(dossier['discrepancies'])} where outlets disagree</a>" in overview
    assert f'<a href="#review">{len(dossier["review"])} items</a>' in overview
    assert "5–12 September 2023" in overview and "CNN" in overview
    for code in ("2023-W", "PAST_REF", "P1W", "2023-09-05T"):  # dates are read as people write them
        assert code not in html.replace(web_store.seed_story, ""), code
    assert 'id="quotes"' in html and 'id="events"' in html and 'id="review"' in html  # the overview's links land


def test_events_say_who_did_what_to_whom_with_each_articles_sentence(client: TestClient, web_store: WebStore) -> None:
    html = client.get(f"/stories/{web_store.seed_story}").text
    events = html[html.index('id="events"') :]
    events = events[: events.index("</ul>\n</details>")]
    assert re.search(r"Jake Sullivan</a></strong> warned <strong>North Korea</strong>", events)
    dossier = client.get(f"/api/stories/{web_store.seed_story}").json()["dossier"]
    warning = next(e for e in dossier["events"] if e["actor"] == "Jake Sullivan" and e["action"] == "warn_or_threaten")
    assert len(warning["articles"]) >= 3 and len(warning["excerpts"]) == len(warning["articles"])


def test_story_page_says_what_tied_each_outlet_to_the_story(client: TestClient, web_store: WebStore) -> None:
    html = client.get(f"/stories/{web_store.seed_story}").text
    cards = html[html.index('id="outlets"') : html.index("</details>", html.index('id="outlets"'))]
    ties = re.findall(r'<p class="muted tie">([^<]*)</p>', cards)
    assert len(ties) == 5
    assert all(tie.startswith("strongest link to ") and "embedding similarity" in tie for tie in ties)


def test_summary_sentences_cite_their_articles_with_links(client: TestClient, web_store: WebStore) -> None:
    html = client.get(f"/stories/{web_store.seed_story}").text
    summary = html[html.index('id="summary"') : html.index('id="outlets"')]
    cited = set(re.findall(r'href="/articles/([0-9a-f]{16})"', summary))
    assert cited and cited <= set(web_store.seed_articles)


def test_sullivan_quote_is_grouped_under_him_with_four_outlets(client: TestClient, web_store: WebStore) -> None:
    html = client.get(f"/stories/{web_store.seed_story}").text
    group = html[html.index('<a href="/entities/Jake%20Sullivan">Jake Sullivan</a>') :]
    group = group[: group.index('class="speaker-group"')]
    quote_block = next(block for block in group.split("<blockquote>") if "pay a price" in block)
    assert "carried by 4" in quote_block
    assert len(set(re.findall(r'href="/articles/([0-9a-f]{16})"', quote_block))) >= 4


def test_merged_story_id_redirects_to_the_live_story(client: TestClient, web_store: WebStore) -> None:
    response = client.get(f"/stories/{MERGED_AWAY}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == f"/stories/{web_store.seed_story}"
    assert client.get(f"/stories/{MERGED_AWAY}").url.path == f"/stories/{web_store.seed_story}"


def test_unknown_ids_get_a_404_page(client: TestClient) -> None:
    for path in ("/stories/story-nope", "/articles/0000000000000000", "/entities/Nobody%20At%20All", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "text/html" in response.headers["content-type"] and "Not Found" in response.text


def test_articles_list_pages_with_links(client: TestClient) -> None:
    first = client.get("/articles", params={"limit": 3}).text
    assert first.count('href="/articles/') == 3 and "1–3 of 7" in first
    assert 'href="/articles?offset=3&amp;limit=3"' in first
    last = client.get("/articles", params={"limit": 3, "offset": 6}).text
    assert last.count('href="/articles/') == 1 and 'rel="next"' not in last


def test_bad_paging_parameters_get_a_400_page(client: TestClient) -> None:
    response = client.get("/articles", params={"limit": 0})
    assert response.status_code == 400 and "limit" in response.text


def test_article_page_highlights_quotes_speakers_entities_and_dates(client: TestClient, web_store: WebStore) -> None:
    article_id = web_store.seed_articles[0]
    html = client.get(f"/articles/{article_id}").text
    assert 'class="quote" id="quote-1"' in html
    assert re.search(r'<a class="speaker" href="/entities/[^"]+"', html)
    assert re.search(r'<a class="entity" href="/entities/North%20Korea"', html)
    assert f'<a class="when" href="/stories/{web_store.seed_story}#timeline"' in html
    assert "Metadata and where it came from" in html and ("text-pattern" in html or "html-meta" in html)
    assert f'href="/stories/{web_store.seed_story}"' in html


def test_article_text_is_complete_despite_the_markup(client: TestClient, web_store: WebStore) -> None:
    article = client.get(f"/api/articles/{web_store.seed_articles[1]}").json()
    html = client.get(f"/articles/{article['id']}").text
    body = html[html.index('class="article-text"') : html.index("</section>")]
    visible = re.sub(r"<[^>]+>", "", body)
    for paragraph in article["text"].split("\n\n"):
        words = paragraph.split()[:6]
        assert " ".join(words).replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;") in " ".join(
            visible.split()
        )


def test_entity_page_shows_what_they_said_and_where(client: TestClient) -> None:
    html = client.get("/entities/" + quote("Jake Sullivan")).text
    assert "<h1>Jake Sullivan</h1>" in html and "National Security Adviser" in html
    said = html[html.index('id="said"') : html.index('id="said-about"')]
    assert "pay a price" in said or "pay the price" in said
    assert "Articles naming Jake Sullivan" in html


def test_search_highlights_matches_in_snippets(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Sullivan"}).text
    assert "<mark>Sullivan</mark>" in html and "match" in html
    assert "<mark>" not in client.get("/search", params={"q": "zeppelinography"}).text


def test_malformed_query_syntax_gets_a_friendly_message(client: TestClient) -> None:
    for query in ('"unterminated', "nosuchcolumn:word", "AND OR", "NEAR(a b"):
        response = client.get("/search", params={"q": query, "syntax": "fts5"})
        assert response.status_code == 400, query
        assert 'role="alert"' in response.text and "could not be read" in response.text
    plain = client.get("/search", params={"q": '"unterminated'})
    assert plain.status_code == 200


def test_query_syntax_supports_phrases_and_prefixes(client: TestClient) -> None:
    phrase = client.get("/search", params={"q": '"pay a price"', "syntax": "fts5"}).text
    assert "<mark>pay a price</mark>" in phrase
    assert "<mark>Sullivan</mark>" in client.get("/search", params={"q": "sulliv*", "syntax": "fts5"}).text


def test_pages_need_no_javascript_and_label_their_forms(client: TestClient, web_store: WebStore) -> None:
    for path in ("/", f"/stories/{web_store.seed_story}", "/articles", "/search?q=price"):
        html = client.get(path).text
        assert "<script" not in html
        assert '<main id="main">' in html and '<nav aria-label="Main">' in html and 'lang="en"' in html
        for field_id in re.findall(r'<input id="([^"]+)"', html):
            assert f'for="{field_id}"' in html, (path, field_id)


def test_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/crosswire.css")
    assert response.status_code == 200 and "text/css" in response.headers["content-type"]


def test_an_undated_articles_page_shows_the_inferred_dates(client: TestClient, web_store: WebStore) -> None:
    undated = [i for i in web_store.seed_articles if client.get(f"/api/articles/{i}").json()["published"] is None]
    html = client.get(f"/articles/{undated[0]}").text
    assert re.search(r"Tuesday <span class=\"muted\">→ 5 September 2023, inferred</span>", html)
    assert "publication date the story infers for this article" in html


def test_an_article_analysed_in_part_says_how_much(writable_copy: Path, web_store: WebStore) -> None:
    article_id = web_store.seed_articles[0]
    with Store(writable_copy) as store:
        length = len(store.article(article_id)["text"])
        store.save_analysis(article_id, Analysis(None, cut_at=120), "model")
    with TestClient(create_app(writable_copy)) as client:
        page = client.get(f"/articles/{article_id}").text
    assert f"Too long to analyse whole: analysed the first 120 of its {length:,} characters" in page
