from __future__ import annotations

from crosswire.records import Analysis, Quote, Speaker
from crosswire.stories.dossier import build_story, shorten
from tests.stories.conftest import article, span

NAMED = "“Sanctions will follow any transfer of weapons to Moscow,” Jake Sullivan said on Tuesday."
ANONYMOUS = (
    "“The talks have reached a stage where a deal on artillery shells, rockets and anti-tank missiles could be "
    "signed within weeks,” an official said on Tuesday."
)


def said(text: str, part: str, mention: str, kind: str) -> Quote:
    start, end = span(text, part)
    m_start, m_end = span(text, mention)
    speaker = Speaker(mention.title(), mention, m_start, m_end, kind)
    return Quote(part, start, end, "direct", "said", speaker, sourcing="anonymous" if kind == "anonymous" else "named")


def test_review_lists_the_least_certain_items_first_with_words_whole_and_articles_by_label():
    articles = [article("a", NAMED, "Daily A", "2023-09-05"), article("b", ANONYMOUS, None, "2023-09-05")]
    analyses = {
        "a": Analysis("2023-09-05", quotes=(said(NAMED, NAMED[1:57], "Jake Sullivan", "named"),)),
        "b": Analysis("2023-09-05", quotes=(said(ANONYMOUS, ANONYMOUS[1:127], "an official", "anonymous"),)),
    }
    story = build_story("s", articles, analyses, {}, {"a": 0.95, "b": 0.6})
    review = [(item.kind, item.articles) for item in story.review]
    assert review == [("quote", ("b",)), ("membership", ("b",)), ("membership", ("a",))]  # the named quote is firm
    confidences = [item.confidence for item in story.review]
    assert confidences == sorted(confidences) and confidences[0] < 0.5
    assert story.review[1].description == "unknown outlet (b.txt) belongs to this story"
    quoted = story.review[0].description
    assert quoted.endswith("” attributed to An Official") and " …”" in quoted
    assert quoted.split("“")[1].split(" …”")[0] in ANONYMOUS  # cut after a whole word


def test_shorten_cuts_at_a_word_boundary():
    text = "North Korea will face consequences if it supplies arms to Russia in its war against Ukraine"
    cut = shorten(text, 40)
    assert cut == "North Korea will face consequences if …"
    assert shorten("Short enough.", 40) == "Short enough."
