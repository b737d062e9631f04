"""extract_html on realistic news pages: body without chrome, and the page's own metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.articles.html import ExtractionError, HtmlExtraction, extract_html
from crosswire.ingest import read_inputs
from crosswire.records import RawDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "html"


def extract(name: str, url: str | None = None) -> HtmlExtraction:
    """Read a fixture the way the pipeline does (ingest decodes it), then extract."""
    (document,) = read_inputs([str(FIXTURES / name)])
    assert isinstance(document, RawDocument), document
    return extract_html(document.content, url=url)


def text_of(extraction: HtmlExtraction) -> str:
    return "\n".join(extraction.paragraphs)


def assert_absent(extraction: HtmlExtraction, *snippets: str) -> None:
    text = text_of(extraction)
    for snippet in snippets:
        assert snippet not in text, f"chrome leaked into the body: {snippet!r}"


# --- The Harbor Times: JSON-LD NewsArticle --------------------------------------------------


def test_harbor_times_body():
    page = extract("harbor_times_jsonld.html")
    assert page.paragraphs[0].startswith("Crane operators and lashing crews at Busan New Port")
    assert page.paragraphs[-1].startswith("The Ministry of Oceans and Fisheries said")
    assert len(page.paragraphs) == 6
    assert '"Nobody wanted this to go on for another week," said Kim Sang-hoon' in text_of(page)
    assert_absent(
        page,
        "We use cookies",
        "Culture & Lifestyle",  # nav
        "Share on Facebook",
        "Port unions walk out over night-shift pay",  # related
        "Busan International Film Festival",  # most read
        "This strike was long overdue",  # comment
        "Get the Morning Briefing",
        "All rights reserved",  # footer
    )


def test_harbor_times_metadata():
    page = extract("harbor_times_jsonld.html")
    assert page.title.value == "Busan dockworkers end three-day strike after overnight wage deal"
    assert page.published.value == "2023-09-12T13:45:00+09:00"
    assert page.modified.value == "2023-09-12T15:10:00+09:00"
    assert page.byline.value.authors == ("Park Min-ji", "Daniel Cho")
    assert page.sitename.value == "Harbor Times"
    assert page.language_hint.value == "en"
    assert (
        page.canonical_url.value == "https://www.harbortimes.example/national/2023/09/12/busan-dockworkers-end-strike"
    )
    assert page.published.evidence.startswith("json-ld NewsArticle.datePublished")
    assert page.byline.evidence.startswith("json-ld NewsArticle.author")
    assert page.title.evidence.startswith("json-ld NewsArticle.headline")


def test_headline_is_not_repeated_as_first_paragraph():
    page = extract("harbor_times_jsonld.html")
    assert page.title.value not in page.paragraphs


# --- The Valley Ledger: only article:published_time -----------------------------------------


def test_valley_ledger_body():
    page = extract("valley_ledger_meta.html")
    assert page.paragraphs[0].startswith("The Harlan County Water Authority board voted 4-1")
    assert "Luis Ferreira" in text_of(page)
    assert len(page.paragraphs) == 6
    assert_absent(
        page,
        "This website uses cookies",
        "Obituaries",
        "Share this",
        "Main break leaves 300 Millbrook homes",  # related
        "Fourteen percent is highway robbery",  # comment
        "Leave a Reply",
        "Wildcats advance",  # most popular
        "Contact the newsroom",  # footer
    )


def test_valley_ledger_metadata():
    page = extract("valley_ledger_meta.html")
    assert page.published.value == "2024-03-05T08:30:00-05:00"
    assert page.published.evidence.startswith('meta[property="article:published_time"]')
    assert page.modified.value is None
    assert page.byline.value.authors == ("Rachel Ostrowski",)
    assert page.sitename.value == "The Valley Ledger"
    assert page.title.value == "County water board approves 14% rate increase to fund pipe replacement"
    assert page.language_hint.value == "en-US"
    assert page.canonical_url.value == "https://valleyledger.example/news/local/water-board-rate-increase/"


# --- Northern Gazette: <time datetime> in the article, a "today" date in the chrome ----------


def test_northern_gazette_body():
    page = extract("northern_gazette_time.html")
    assert page.paragraphs[0].startswith("The only passenger ferry between mainland Norway and Svalbard")
    assert any(paragraph.startswith('"People here are not tourists.') for paragraph in page.paragraphs)
    assert_absent(
        page,
        "Your privacy choices",
        "light snow",  # ticker
        "Podcasts",
        "Longyearbyen housing shortage",  # more on this story
        "Typical. Cut services",  # comment
        "Northern lights forecast",  # trending
        "Editor-in-chief",  # footer
    )


def test_northern_gazette_dates_come_from_the_article_not_the_ticker():
    page = extract("northern_gazette_time.html")
    assert page.published.value == "2022-11-03T17:05:00+01:00"
    assert page.modified.value == "2022-11-04T09:12:00+01:00"
    assert page.published.evidence.startswith("time[datetime] in <article>")
    assert page.byline.value.authors == ("Ingrid Solberg",)
    assert page.sitename.value == "Northern Gazette"
    assert page.language_hint.value == "en-GB"


def test_relative_canonical_is_resolved():
    page = extract("northern_gazette_time.html")
    assert page.canonical_url.value == "https://www.northerngazette.example/news/2022/11/03/svalbard-ferry-cancelled"
    moved = extract("northern_gazette_time.html", url="https://mirror.example/x")
    assert moved.canonical_url.value == "https://mirror.example/news/2022/11/03/svalbard-ferry-cancelled"


# --- Le Courrier de la Vallée: Windows-1252, schema.org microdata ----------------------------


def test_courrier_cp1252_text_is_decoded():
    page = extract("courrier_vallee_cp1252.html")
    text = text_of(page)
    assert "« Nous n’avons pas été augmentés depuis 2018" in text
    assert "prime exceptionnelle de 400 €" in text
    assert "notre œuvre commune" in text
    assert_absent(page, "cookies", "Petites annonces", "Partager", "Le prix du lait payé", "jurassien25", "RN57")


def test_courrier_metadata_from_microdata():
    page = extract("courrier_vallee_cp1252.html")
    assert page.title.value == "Grève à la fromagerie de Saint-Éloi : la production à l’arrêt depuis lundi"
    assert page.published.value == "2021-06-18T07:00:00+02:00"
    assert page.modified.value == "2021-06-18T11:30:00+02:00"
    assert page.published.evidence.startswith('meta[itemprop="datePublished"]')
    assert page.byline.value.authors == ("Hélène Marchand",)
    assert page.sitename.value == "Le Courrier de la Vallée"
    assert page.language_hint.value == "fr"
    assert page.canonical_url.value is None


# --- Kansai Wangan Shimpo: Shift_JIS, JSON-LD @graph with references -------------------------


def test_kansai_shift_jis_body_and_graph_metadata():
    page = extract("kansai_wangan_shift_jis.html")
    assert page.paragraphs[0].startswith("神戸市と阪神国際港湾会社は10日")
    assert len(page.paragraphs) == 4
    assert_absent(page, "Cookie", "関連記事", "大阪港の取扱量", "ヴィッセル神戸", "会社概要")
    # The NewsArticle's time beats both the date-only meta tag and the WebPage node.
    assert page.published.value == "2024-01-10T09:00:00+09:00"
    assert page.modified.value == "2024-01-10T18:20:00+09:00"
    assert page.byline.value.authors == ("田中 恵子",)  # resolved from {"@id": ...}
    assert page.language_hint.value == "ja"
    assert page.sitename.value == "関西湾岸新報"


# --- Riverside Courier: no date anywhere -----------------------------------------------------


def test_riverside_courier_has_no_date():
    page = extract("riverside_courier_nodate.html")
    assert page.published.value is None
    assert page.modified.value is None
    assert page.published.evidence is None


def test_riverside_courier_body_and_metadata():
    page = extract("riverside_courier_nodate.html")
    assert page.paragraphs[0].startswith("After two years parked in a county garage")
    assert page.title.value == "Library bookmobile returns to rural routes after two-year absence"
    assert page.title.value not in page.paragraphs  # trafilatura keeps the <h1>; it is dropped
    assert page.byline.value.authors == ("Tom Haverford", "Ann Perkins")
    assert page.sitename.value == "Riverside Courier"
    assert page.language_hint.value == "en_US"
    assert page.language_hint.evidence.startswith('meta[property="og:locale"]')
    assert_absent(page, "Cookie settings", "Letters to the editor", "Food pantry expands", "bookworm_bev", "nonprofit")


# --- choosing between sources ----------------------------------------------------------------


def page_with(head: str, body: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Title</h1>{body}"
        "<p>The regional council voted on Tuesday to close the old bridge for repairs until spring.</p>"
        "<p>Traffic will be diverted through the town centre, the council said in a statement.</p>"
        "</article></body></html>"
    )


def test_the_most_precise_date_wins_over_a_more_trusted_but_vaguer_one():
    html = page_with(
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-09-12"}</script>'
        '<meta property="article:published_time" content="2023-09-12T13:45:00+09:00">'
    )
    page = extract_html(html)
    assert page.published.value == "2023-09-12T13:45:00+09:00"
    assert page.published.evidence.startswith('meta[property="article:published_time"]')


def test_json_ld_with_comment_wrapper_list_and_url_author():
    html = page_with(
        '<script type="application/ld+json"><!--\n[{"@type": "WebSite", "name": "Site"},'
        ' {"@type": "ReportageNewsArticle", "headline": "Bridge closes &amp; traffic diverted",'
        ' "author": ["Jane Roe", {"@type": "Person", "name": "John Doe"}],'
        ' "publisher": {"@type": "Organization", "name": "Bridge Post"}}]\n--></script>'
        '<meta property="article:author" content="https://facebook.com/janeroe">'
    )
    page = extract_html(html)
    assert page.title.value == "Bridge closes & traffic diverted"
    assert page.byline.value.authors == ("Jane Roe", "John Doe")
    assert page.sitename.value == "Bridge Post"


def test_broken_json_ld_is_ignored():
    html = page_with(
        '<script type="application/ld+json">{"@type": "NewsArticle", </script><meta name="author" content="Kim Min-su">'
    )
    assert extract_html(html).byline.value.authors == ("Kim Min-su",)


def test_times_and_authors_in_comments_inside_the_article_are_ignored():
    comments = (
        '<section class="comments"><div class="comment"><span itemprop="author">Troll</span>'
        '<time datetime="2025-01-01T00:00:00Z">later</time><p>First!</p></div></section>'
    )
    html = page_with("", '<p>By <a rel="author" href="/a">Jane Roe</a></p>' + comments)
    html = html.replace("<h1>Title</h1>", '<h1>Title</h1><time datetime="2023-03-01T10:00:00+00:00">1 March</time>')
    page = extract_html(html)
    assert page.published.value == "2023-03-01T10:00:00+00:00"
    assert page.byline.value.authors == ("Jane Roe",)


def test_xml_declaration_is_accepted():
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + page_with("<title>Bridge</title>")
    assert extract_html(html).paragraphs


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></nav>"
        "<footer>&copy; 2024 Example</footer></body></html>",
        "<html><head><title>Empty</title></head><body></body></html>",
    ],
)
def test_pages_without_article_text_raise(html):
    with pytest.raises(ExtractionError, match="no article text found in HTML") as raised:
        extract_html(html)
    assert raised.value.reason.startswith("no article text found in HTML")


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("courrier_vallee_cp1252.html", "cp1252"), ("kansai_wangan_shift_jis.html", "cp932")],
)
def test_legacy_fixtures_really_are_not_utf8(name, encoding):
    data = (FIXTURES / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    (document,) = read_inputs([str(FIXTURES / name)])
    assert isinstance(document, RawDocument)
    assert document.encoding == encoding


# --- pages in several languages: printed datelines and bylines, local days -------------------


def news_page(
    head: str, header: str, *, lang: str = "de", headline: str = "Brücke bleibt bis Frühjahr gesperrt"
) -> str:
    body = (
        "<p>Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke bis zum Frühjahr zu sperren.</p>"
        "<p>Der Verkehr wird durch die Innenstadt umgeleitet, teilte die Verwaltung in einer Erklärung mit.</p>"
        "<p>Die Arbeiten sollen nach Angaben der Stadt rund vier Monate dauern und werden vom Land bezahlt.</p>"
    )
    return (
        f'<html lang="{lang}"><head>{head}</head><body><nav><a href="/">Startseite</a></nav>'
        f"<main><article><header><h1>{headline}</h1>{header}</header>{body}</article></main>"
        '<aside class="sidebar"><p>Meistgelesen</p><p>06.01.2020 Ganz andere Meldung von Max Muster</p></aside>'
        "</body></html>"
    )


def test_the_utc_stamp_of_an_article_of_the_evening_before_keeps_its_local_day_and_zone():
    html = news_page(
        '<meta property="article:published_time" content="2022-05-04T00:44:52Z">',
        '<p class="meta">Veröffentlicht am 3. Mai 2022, 20:44 Uhr</p>',
    )
    page = extract_html(html, url="https://zeitung.example/lokales/bruecke")
    assert page.published.value == "2022-05-03T20:44:52-04:00"
    assert page.published.evidence.startswith('meta[property="article:published_time"]')


def test_a_printed_dateline_and_byline_in_german():
    page = extract_html(news_page("", '<p class="byline">Von Anna Weber und Tom Meier · 06.11.2023, 13:30 Uhr</p>'))
    assert page.published.value == "2023-11-06T13:30:00"
    assert page.published.evidence.startswith("printed")
    assert page.byline.value.authors == ("Anna Weber", "Tom Meier")
    assert page.byline.evidence.startswith("printed near the headline")


def test_numeric_dates_read_as_the_page_language_writes_them():
    french = news_page("", "<p>Par Claire Dubois, le 4/5/2022</p>", lang="fr")
    assert extract_html(french).published.value == "2022-05-04"
    american = page_with("", "<p>By Dana Ortiz, 4/5/2022</p>").replace("<html>", '<html lang="en-US">')
    page = extract_html(american)
    assert page.byline.value.authors == ("Dana Ortiz",)
    assert page.published.value == "2022-04-05"


def test_dates_and_names_in_the_sidebar_are_not_the_articles():
    page = extract_html(news_page("", ""))
    assert page.published.value is None
    assert page.byline.value is None
    assert any(date.role == "chrome" for date in page.page_dates) or not page.page_dates


def test_a_section_name_is_never_the_headline_and_the_site_name_comes_off_the_title():
    head = (
        '<meta property="og:title" content="Allgemein"><meta property="og:site_name" content="Stadtanzeiger">'
        "<title>Brücke bleibt bis Frühjahr gesperrt | Stadtanzeiger</title>"
    )
    page = extract_html(news_page(head, "", headline="Allgemein"))
    assert page.title.value == "Brücke bleibt bis Frühjahr gesperrt"
    assert page.title.evidence == "title without the site name"


def test_the_headline_as_the_page_shows_it_across_a_line_break():
    head = '<meta property="og:title" content="Brücke gesperrt: Umleitung durch die Innenstadt - Stadtanzeiger">'
    page = extract_html(news_page(head, "", headline="Brücke gesperrt:<br>Umleitung durch die Innenstadt"))
    assert page.title.value == "Brücke gesperrt: Umleitung durch die Innenstadt"


def test_page_furniture_lines_leave_the_body():
    html = news_page("", "").replace("</article>", "<p>Lesen Sie auch: Neue Ampel am Marktplatz</p></article>")
    assert_absent(extract_html(html), "Lesen Sie auch")
