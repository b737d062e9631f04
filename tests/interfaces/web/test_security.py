"""Untrusted article text stays text; the read-only server writes nothing and refuses writes."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt
from markupsafe import Markup

from crosswire.interfaces.cli import _allowed_hosts
from crosswire.interfaces.report import render_html, render_markdown
from crosswire.interfaces.web import create_app
from crosswire.interfaces.web.templating import isolate_bidi
from crosswire.records import Meta, Provenance
from crosswire.store import Store
from tests.store.conftest import make_article

from .conftest import WebStore

INJECTED_TAGS = {"script", "img", "b", "iframe", "object", "embed"}


def _injected(html: str) -> list[str]:
    """Elements and attributes the hostile inputs try to smuggle in, as a browser would parse the page."""
    found = []
    for element in lxml.html.document_fromstring(html).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in INJECTED_TAGS:
            found.append(element.tag)
        found += [f"{element.tag}@{name}" for name in element.attrib if name.lower().startswith("on")]
        found += [f"{element.tag}@href" for name, value in element.attrib.items()
                  if name == "href" and value.strip().lower().startswith("javascript:")]  # fmt: skip
    return found


def _hostile_pages(web_store: WebStore, client: TestClient) -> list[str]:
    with Store(web_store.path, read_only=True) as store:
        stories = {store.story_of(web_store.hostile_page)["id"], store.story_of(web_store.hostile_record)["id"]}
    paths = [f"/articles/{web_store.hostile_page}", f"/articles/{web_store.hostile_record}", "/", "/articles",
             *(f"/stories/{story_id}" for story_id in stories), "/search?q=window+pwned", "/search?q=ferry",
             "/entities/Maria%20Lindqvist"]  # fmt: skip
    return [client.get(path).text for path in paths]


def test_hostile_text_is_escaped_on_every_page(client: TestClient, web_store: WebStore) -> None:
    pages = _hostile_pages(web_store, client)
    for html in pages:
        assert _injected(html) == []
    article = pages[1]
    assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in article  # shown as text, not dropped


def test_javascript_urls_are_never_links(client: TestClient, web_store: WebStore) -> None:
    for article_id in (web_store.hostile_page, web_store.hostile_record):
        html = client.get(f"/articles/{article_id}").text
        assert "javascript:window.__pwned = true" in html  # the stored value is shown...
        assert not re.search(r"href=\"\s*javascript:", html, re.I)  # ...but not as a link


def test_a_huge_line_renders_and_wraps(client: TestClient, web_store: WebStore) -> None:
    response = client.get(f"/articles/{web_store.hostile_page}")
    assert response.status_code == 200 and "overflow" * 1000 in response.text
    assert "overflow-wrap: anywhere" in client.get("/static/crosswire.css").text


def test_every_response_forbids_scripts(client: TestClient, web_store: WebStore) -> None:
    for path in ("/", f"/articles/{web_store.hostile_page}", "/api/stories", "/nowhere", "/static/crosswire.css"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy, path
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_html_report_of_a_hostile_story_is_inert(web_store: WebStore) -> None:
    with Store(web_store.path, read_only=True) as store:
        dossier = store.story(store.story_of(web_store.hostile_record)["id"])
        html = render_html(dossier, store.article_briefs(list(dossier["articles"])))
    assert _injected(html) == []
    assert "&lt;script&gt;" in html and "default-src 'none'" in html


def _fingerprint(path: Path) -> dict[str, str]:
    """The database and its write-ahead log: where anything written would land. (Readers of a WAL
    store share the -shm index, which holds no data, and may create an empty -wal.)"""
    wal = path.with_name(path.name + "-wal")
    return {
        candidate.name: hashlib.sha256(candidate.read_bytes()).hexdigest()
        for candidate in (path, wal)
        if candidate.exists() and candidate.stat().st_size
    }


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_writes_are_refused_without_allow_ingest(writable_copy: Path, method: str) -> None:
    before = _fingerprint(writable_copy)
    with TestClient(create_app(writable_copy)) as client:
        for path in ("/", "/ingest", "/api/stories", "/articles/x"):
            response = client.request(method, path, files={"files": ("a.txt", b"x" * 200)})
            assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD", (method, path)
        assert client.get("/ingest").status_code == 404
    assert _fingerprint(writable_copy) == before


def test_browsing_writes_nothing(writable_copy: Path, web_store: WebStore) -> None:
    before = _fingerprint(writable_copy)
    with TestClient(create_app(writable_copy)) as client:
        for path in ("/", f"/stories/{web_store.seed_story}", "/articles", f"/articles/{web_store.seed_articles[0]}",
                     "/entities/Russia", "/search?q=price", "/api/stories", "/api/search?q=price"):  # fmt: skip
            assert client.get(path).status_code == 200
    assert _fingerprint(writable_copy) == before


def test_the_read_only_store_cannot_write(web_store: WebStore) -> None:
    with Store(web_store.path, read_only=True) as store, pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.start_run(["x"])


def test_missing_store_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.OperationalError):
        create_app(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_unknown_hosts_are_refused_when_hosts_are_given(web_store: WebStore) -> None:
    app = create_app(web_store.path, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://attacker.example") as client:
        assert client.get("/").status_code == 400
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("bind", ["::1", "[::1]", "0:0:0:0:0:0:0:1", "127.0.0.1"])
def test_ipv6_loopback_host_header_is_answered(web_store: WebStore, bind: str) -> None:
    app = create_app(web_store.path, allowed_hosts=_allowed_hosts(bind))
    with TestClient(app) as client:
        assert client.get("/", headers={"Host": "[::1]:8000"}).status_code == 200
        assert client.get("/", headers={"Host": "rebinding.example:8000"}).status_code == 400


def test_a_bound_ipv6_address_is_matched_in_its_bracketed_form(web_store: WebStore) -> None:
    app = create_app(web_store.path, allowed_hosts=_allowed_hosts("2001:DB8:0::5"))
    with TestClient(app) as client:
        assert client.get("/", headers={"Host": "[2001:db8::5]:8000"}).status_code == 200
        assert client.get("/", headers={"Host": "[2001:db8::6]:8000"}).status_code == 400


def test_the_markdown_dossier_of_a_hostile_story_renders_inert(web_store: WebStore) -> None:
    """Rendered as Markdown viewers render it (CommonMark with HTML allowed), the dossier holds no script,
    image, link or handler from the articles: their markup shows as text."""
    with Store(web_store.path, read_only=True) as store:
        dossier = store.story(store.story_of(web_store.hostile_record)["id"])
        briefs = store.article_briefs(list(dossier["articles"]))
    markdown = render_markdown(dossier, briefs)
    assert "<script>" in dossier["title"] + json.dumps(dossier)  # the dossier does carry the payloads
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    document = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [element.tag for element in document.iter() if element.tag in {"script", "img", "a", "iframe", "b"}] == []
    assert _injected(html) == []
    assert "<script>window.__pwned = true</script>" in document.text_content()  # shown, not run or dropped


def test_bidi_overrides_in_article_text_are_isolated_in_pages(writable_copy: Path) -> None:
    with Store(writable_copy) as store:
        record = make_article(source="pages/\u202egnp.exe")
        record = replace(record, headline=Meta("Budget \u202eapproved by council", Provenance.SUPPLIED, 1.0))
        store.add_article(record, store.start_run(["x"]))
    with TestClient(create_app(writable_copy)) as client:
        listing = client.get("/articles").text
        page = client.get(f"/articles/{record.id}").text
    for html in (listing, page):
        assert "\u2068Budget \u202eapproved by council\u2069" in html  # an isolate: the override ends with it
        isolated = re.findall("\u2068[^\u2068\u2069]*\u2069", html)
        assert html.count("\u202e") == sum(value.count("\u202e") for value in isolated) > 0


def test_a_bidi_isolate_cannot_be_closed_from_inside() -> None:
    assert isolate_bidi("a\u2069\u202eb") == "\u2068a\u202eb\u2069"  # the stray closer would end ours early
    assert isolate_bidi("\u2067\u05d0\u2069 ok") == "\u2068\u2067\u05d0\u2069 ok\u2069"  # a balanced one stays
    assert isolate_bidi("plain") == "plain" and isolate_bidi(3) == 3
    assert isinstance(isolate_bidi(Markup("<b>\u202ex</b>")), Markup)
