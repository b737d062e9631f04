"""The JSON API: shapes, paging, redirects, errors, and an OpenAPI description that covers it all."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient

from .conftest import MERGED_AWAY, WebStore

PAGE_KEYS = {"items", "total", "limit", "offset", "next", "previous"}


def test_stories_are_paged_newest_first(client: TestClient, web_store: WebStore) -> None:
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert first.keys() == PAGE_KEYS and first["total"] == 3 and len(first["items"]) == 1
    following = client.get(first["next"]).json()
    assert following["offset"] == 1 and following["previous"] == "/api/stories?offset=0&limit=1"
    everything = client.get("/api/stories").json()["items"]
    dates = [story["last_published"] for story in everything]
    assert dates == sorted(dates, reverse=True)
    assert web_store.seed_story in {story["id"] for story in everything}


def test_stories_filter_on_titles(client: TestClient, web_store: WebStore) -> None:
    found = client.get("/api/stories", params={"q": "pay a price"}).json()
    assert [story["id"] for story in found["items"]] == [web_store.seed_story] and found["total"] == 1


def test_story_holds_the_dossier_and_its_articles(client: TestClient, web_store: WebStore) -> None:
    body = client.get(f"/api/stories/{web_store.seed_story}").json()
    dossier = body["dossier"]
    assert dossier["id"] == web_store.seed_story and len(dossier["articles"]) == 5
    assert {"summary", "quotes", "timeline", "entities", "discrepancies", "unique_details", "review"} <= dossier.keys()
    assert [article["id"] for article in body["articles"]] == dossier["articles"]
    assert {article["outlet"] for article in body["articles"]} >= {"CNN", "The Korea Herald"}


def test_merged_story_redirects_within_the_api(client: TestClient, web_store: WebStore) -> None:
    response = client.get(f"/api/stories/{MERGED_AWAY}", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == f"/api/stories/{web_store.seed_story}"


def test_articles_are_paged_with_their_story(client: TestClient, web_store: WebStore) -> None:
    page = client.get("/api/articles", params={"limit": 5}).json()
    assert page["total"] == 7 and len(page["items"]) == 5 and page["next"] == "/api/articles?offset=5&limit=5"
    rest = client.get(page["next"]).json()
    assert len(rest["items"]) == 2 and rest["next"] is None
    stories = {item["id"]: item["story_id"] for item in page["items"] + rest["items"]}
    assert all(stories[article_id] == web_store.seed_story for article_id in web_store.seed_articles)


def test_article_has_text_metadata_analysis_and_story(client: TestClient, web_store: WebStore) -> None:
    article = client.get(f"/api/articles/{web_store.seed_articles[0]}").json()
    assert article["text"] and article["sources"] and article["story"]["id"] == web_store.seed_story
    assert article["metadata"]["headline"]["provenance"] in {"supplied", "html-meta", "text-pattern", "inferred"}
    analysis = article["analysis"]
    assert analysis["entities"] and analysis["quotes"]
    for mention in analysis["entities"]:
        assert article["text"][mention["start"] : mention["end"]] == mention["text"]


def test_entity_profile(client: TestClient) -> None:
    profile = client.get("/api/entities/" + quote("Jake Sullivan")).json()
    assert profile["labels"][0]["label"] == "PERSON"
    assert profile["said_count"] == len(profile["said"]) > 0
    assert all(quote_row["speaker"] == "Jake Sullivan" for quote_row in profile["said"])
    assert all(quote_row["speaker"] != "Jake Sullivan" for quote_row in profile["said_about"])
    assert any(role["role"] == "National Security Adviser" for role in profile["roles"])
    russia = client.get("/api/entities/Russia").json()
    assert russia["said_about"], "someone quoted talks about Russia"


def test_search_returns_escaped_highlighted_snippets(client: TestClient, web_store: WebStore) -> None:
    results = client.get("/api/search", params={"q": "Sullivan", "limit": 2}).json()
    assert results["query"] == "Sullivan" and results["syntax"] == "words"
    assert results["total"] >= 4 and len(results["items"]) == 2 and results["next"]
    assert all("<mark>Sullivan</mark>" in hit["snippet_html"] for hit in results["items"])
    hostile = client.get("/api/search", params={"q": "library mayor"}).json()["items"]
    assert hostile and all("<script" not in hit["snippet_html"] for hit in hostile)


def test_api_errors_are_json(client: TestClient) -> None:
    for path, status in (("/api/stories/story-nope", 404), ("/api/articles/nope", 404),
                         ("/api/entities/Nobody", 404), ("/api/search?q=%22open&syntax=fts5", 400)):  # fmt: skip
        response = client.get(path)
        assert response.status_code == status and "detail" in response.json(), path
    assert client.get("/api/articles", params={"limit": 1000}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_openapi_describes_every_route_with_its_models(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/stories", "/api/stories/{story_id}", "/api/articles",
                                  "/api/articles/{article_id}", "/api/entities/{name}", "/api/search"}  # fmt: skip
    schemas = spec["components"]["schemas"]
    assert {"Story", "StoryQuote", "Analysis", "ArticleDetail", "EntityProfile", "SearchResults"} <= schemas.keys()
    assert "next" in schemas["PageOf_StoryListItem_"]["properties"]


def test_docs_page_works_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert 'src="/docs-assets/swagger-ui-bundle.js"' in html and "https://" not in html
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200
    policy = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy


def test_an_undated_article_carries_the_dates_its_story_infers(client: TestClient, web_store: WebStore) -> None:
    articles = [client.get(f"/api/articles/{article_id}").json() for article_id in web_store.seed_articles]
    undated = [article for article in articles if article["published"] is None]
    assert undated and all(article["inferred_date"] is not None for article in undated)
    for article in undated:
        own = {time["start"]: time for time in article["analysis"]["times"]}
        inferred = article["inferred_date"]
        assert inferred["evidence"] and 0 < inferred["confidence"] <= 0.95
        assert inferred["times"] and all(own[time["start"]]["value"] is None for time in inferred["times"])
        assert ("Tuesday", "2023-09-05") in {(time["text"], time["value"]) for time in inferred["times"]}
    assert all(article["inferred_date"] is None for article in articles if article["published"] is not None)
