from __future__ import annotations

from dataclasses import asdict

from crosswire.interfaces.report import render_html, render_markdown
from crosswire.records import Article, Story
from crosswire.stories.provenance import wire_copies
from tests.factories import make_article

ORIGINAL = (
    "SEOUL, Sept. 12 (Yonhap) -- North Korean leader Kim Jong-un left for Russia on a special train, officials said.",
    "The trip is his first abroad in four years. He is expected to meet Russian President Vladimir Putin.",
    "South Korea said it was watching the trip closely. (Yonhap)",
)
REPRINT = (ORIGINAL[0], ORIGINAL[1] + " The visit was announced by state media on Monday.")


def wire_article(article_id: str, paragraphs: tuple[str, ...], outlet: str | None, agencies: tuple[str, ...] = ()):
    return make_article(
        article_id,
        paragraphs,
        headline="Kim leaves for Russia",
        outlet=outlet,
        agencies=agencies,
        source=f"pages/{article_id}.html",
    )


def wire_dossier() -> tuple[dict, list[Article]]:
    articles = [
        wire_article("original", ORIGINAL, "The Korea Herald", ("Yonhap",)),
        wire_article("reprint", REPRINT, None),
    ]
    copies = wire_copies(articles, {"reprint": [("original", 0.8, "wire-copy")]})
    story = Story("s", "Kim leaves for Russia", ("original", "reprint"), ("The Korea Herald",), None, None,
                  wire_copies=tuple(copies))  # fmt: skip
    return asdict(story), articles


def test_markdown_credits_each_copy_and_lists_what_the_reprint_cut_and_added() -> None:
    dossier, articles = wire_dossier()
    report = render_markdown(dossier, briefs_of(articles))
    section = report.split("## Wire copies\n\n")[1]
    assert "- Yonhap copy [2], also in [1]" in section
    reprint = section.split("- Yonhap copy [2]")[1]
    assert "  - cut (in The Korea Herald, not here): “South Korea said it was watching the trip closely.”" in reprint
    assert "  - added (here, not in The Korea Herald): “The visit was announced by state media on Monday.”" in reprint


def briefs_of(articles: list[Article]) -> dict[str, dict]:
    return {
        a.id: {"id": a.id, "outlet": a.outlet.value, "source": a.source, "headline": a.headline.value,
               "published": None, "url": None, "authors": []}
        for a in articles
    }  # fmt: skip


def test_markdown_ends_with_the_numbered_sources_the_citations_refer_to() -> None:
    dossier, articles = wire_dossier()
    sources = render_markdown(dossier, briefs_of(articles)).split("## Sources\n\n")[1].strip().splitlines()
    assert sources == [
        "1. The Korea Herald — “Kim leaves for Russia” — undated — file pages/original.html (`original`)",
        "2. unknown outlet — “Kim leaves for Russia” — undated — file pages/reprint.html (`reprint`)",
    ]


def test_html_report_shows_the_cut_and_added_sentences() -> None:
    dossier, articles = wire_dossier()
    page = render_html(dossier, briefs_of(articles))
    assert "cut: South Korea said it was watching the trip closely." in page
    assert "added: The visit was announced by state media on Monday." in page
