from __future__ import annotations

import pytest

from crosswire.records import Analysis, Quote, Speaker, StoryQuote
from crosswire.stories.quotes import align_quotes, attribution, groups
from tests.stories.conftest import SeedStory, article, span


def quote(text: str, part: str, speaker: str | None, kind: str = "direct", anonymous: bool = False) -> Quote:
    start, end = span(text, part)
    who = Speaker(speaker, speaker, kind="anonymous" if anonymous else "named") if speaker else None
    return Quote(part, start, end, kind, "said", who, sourcing="anonymous" if anonymous else "named")


def story(*items: tuple[str, str, list[tuple[str, str | None]]]) -> list[StoryQuote]:
    """Articles (id, text, [(quoted part, speaker)]) aligned; outlets are named after the ids."""
    articles = [article(article_id, text, outlet=f"Outlet {article_id}") for article_id, text, _ in items]
    analyses = {
        article_id: Analysis(None, quotes=tuple(quote(text, part, speaker) for part, speaker in parts))
        for article_id, text, parts in items
    }
    return align_quotes(articles, analyses)


@pytest.fixture(scope="module")
def seed_quotes(seed_story: SeedStory) -> list[StoryQuote]:
    return align_quotes(seed_story.articles, seed_story.analyses)


def test_seed_price_warning_is_one_statement_from_four_outlets(seed_story: SeedStory, seed_quotes: list[StoryQuote]):
    price = [q for q in seed_quotes if any("pay a price" in v.text or "pay the price" in v.text for v in q.variants)]
    assert len(price) == 1
    statement = price[0]
    assert statement.speaker == "Jake Sullivan"
    assert set(statement.articles) == {seed_story.ids[k] for k in ("000", "001", "002", "004")}
    assert seed_quotes[0] is statement  # carried most widely, listed first
    assert all(0 < v.similarity <= 1 for v in statement.variants)
    assert 0.5 < statement.confidence <= 1


def test_seed_same_words_given_to_other_speaker_are_flagged(seed_quotes: list[StoryQuote]):
    advancing = [q for q in seed_quotes if "actively advancing" in q.text]
    assert advancing, "the “actively advancing” statement is aligned"
    assert advancing[0].speaker == "Jake Sullivan"
    assert advancing[0].other_speakers
    assert len(advancing[0].articles) >= 3


def test_seed_every_quote_appears_once(seed_story: SeedStory, seed_quotes: list[StoryQuote]):
    variants = [(v.article_id, v.text) for q in seed_quotes for v in q.variants]
    originals = [(a.id, q.text) for a in seed_story.articles for q in seed_story.analyses[a.id].quotes]
    assert sorted(variants) == sorted(originals)
    assert [len(q.articles) for q in seed_quotes] == sorted((len(q.articles) for q in seed_quotes), reverse=True)


def test_truncated_quote_joins_the_complete_one():
    full = "Sullivan said: “They will pay a price for this in the international community.”"
    short = "The adviser warned the North would “pay a price” for any deal."
    aligned = story(
        ("a", full, [("They will pay a price for this in the international community.", "Jake Sullivan")]),
        ("b", short, [("pay a price", "Jake Sullivan")]),
    )
    assert len(aligned) == 1
    assert aligned[0].articles == ("a", "b")
    assert aligned[0].text == "They will pay a price for this in the international community."


def test_reworded_translation_joins_by_meaning():
    one = "“They will pay a price for this in the international community,” Sullivan said."
    two = "“North Korea will pay the price for this in the international community,” Sullivan told reporters."
    aligned = story(
        ("a", one, [("They will pay a price for this in the international community,", "Jake Sullivan")]),
        ("b", two, [("North Korea will pay the price for this in the international community,", "Jake Sullivan")]),
    )
    assert [len(q.articles) for q in aligned] == [2]
    assert aligned[0].speaker == "Jake Sullivan"


def test_same_speaker_different_statements_stay_apart():
    one = "“We will impose new sanctions on the companies that broker these weapons,” Sullivan said."
    two = "“The summit is expected to take place in Vladivostok later this month,” Sullivan said."
    aligned = story(
        ("a", one, [("We will impose new sanctions on the companies that broker these weapons,", "Jake Sullivan")]),
        ("b", two, [("The summit is expected to take place in Vladivostok later this month,", "Jake Sullivan")]),
    )
    assert sorted(len(q.articles) for q in aligned) == [1, 1]
    assert all(len(q.variants) == 1 and not q.other_speakers for q in aligned)


def test_same_words_different_speakers_are_grouped_and_flagged():
    one = "Sullivan said the talks were “actively advancing” between the two countries."
    two = "Watson said negotiations were “actively advancing” in recent weeks."
    three = "Sullivan told reporters the talks were “actively advancing.”"
    aligned = story(
        ("a", one, [("actively advancing", "Jake Sullivan")]),
        ("b", two, [("actively advancing", "Adrienne Watson")]),
        ("c", three, [("actively advancing.", "Jake Sullivan")]),
    )
    assert len(aligned) == 1
    assert aligned[0].speaker == "Jake Sullivan"
    assert aligned[0].other_speakers == ("Adrienne Watson",)
    assert {v.speaker for v in aligned[0].variants} == {"Jake Sullivan", "Adrienne Watson"}


def test_anonymous_source_does_not_dispute_the_speaker():
    one = "“They will pay a price,” Sullivan said."
    two = "Officials warned the North would “pay a price” for a deal."
    articles = [article("a", one), article("b", two)]
    analyses = {
        "a": Analysis(None, quotes=(quote(one, "They will pay a price,", "Jake Sullivan"),)),
        "b": Analysis(None, quotes=(quote(two, "pay a price", "Officials", anonymous=True),)),
    }
    aligned = align_quotes(articles, analyses)
    assert len(aligned) == 1
    assert aligned[0].speaker == "Jake Sullivan"
    assert aligned[0].other_speakers == ()


def test_quotes_of_one_article_merge_only_when_one_contains_the_other():
    text = (
        "Sullivan warned the North would “pay a price” for any deal. "
        "“They will pay a price for this in the international community,” he said. "
        "“We are watching the talks very closely,” he added."
    )
    aligned = story(
        (
            "a",
            text,
            [
                ("pay a price", "Jake Sullivan"),
                ("They will pay a price for this in the international community,", "Jake Sullivan"),
                ("We are watching the talks very closely,", "Jake Sullivan"),
            ],
        ),
    )
    assert sorted(len(q.variants) for q in aligned) == [1, 2]
    assert all(q.articles == ("a",) for q in aligned)


def test_no_quotes_no_statements():
    assert align_quotes([article("a", "Nothing was said.")], {"a": Analysis(None)}) == []


def test_groups_are_connected_components():
    assert groups(5, [(0, 2), (2, 4)]) == [[0, 2, 4], [1], [3]]


def attributed(text: str, part: str, mention: str, kind: str = "named", name: str | None = None) -> Quote:
    """A quote whose speaker mention sits at its place in `text`."""
    start, end = span(text, part)
    m_start, m_end = span(text, mention)
    sourcing = "anonymous" if kind == "anonymous" else "named"
    speaker = Speaker(name or mention, mention, m_start, m_end, kind)
    return Quote(part, start, end, "direct", "said", speaker, sourcing=sourcing)


def test_attribution_is_firmest_for_a_name_beside_the_words():
    named = "“We will respond,” Sullivan said."
    elsewhere = "Sullivan spoke to reporters. “We will respond,” the adviser added in the briefing room."
    pronoun = "Sullivan spoke to reporters. “We will respond,” he said."
    anonymous = "“We will respond,” an official said."
    strengths = [
        attribution(named, quote_in(named, "Sullivan")),
        attribution(elsewhere, quote_in(elsewhere, "Sullivan")),
        attribution(pronoun, attributed(pronoun, "We will respond,", "he", "pronoun", "Jake Sullivan")),
        attribution(anonymous, attributed(anonymous, "We will respond,", "an official", "anonymous")),
        attribution(named, Quote("We will respond,", 1, 17, "direct", None, None)),
    ]
    assert strengths == sorted(strengths, reverse=True) and len(set(strengths)) == len(strengths)


def quote_in(text: str, mention: str) -> Quote:
    return attributed(text, "We will respond,", mention, name="Jake Sullivan")


def test_outlets_agreeing_on_the_speaker_raise_the_confidence_and_a_dispute_lowers_it():
    texts = {k: f"“The talks are actively advancing,” {who} said." for k, who in
             (("a", "Sullivan"), ("b", "Sullivan"), ("c", "Watson"))}  # fmt: skip
    names = {"a": "Jake Sullivan", "b": "Jake Sullivan", "c": "Adrienne Watson"}
    quotes = {k: attributed(t, "The talks are actively advancing,", t.split("” ")[1][:-6], name=names[k])
              for k, t in texts.items()}  # fmt: skip

    def confidence(*ids: str) -> float:
        articles = [article(k, texts[k], outlet=f"Outlet {k}") for k in ids]
        (statement,) = align_quotes(articles, {k: Analysis(None, quotes=(quotes[k],)) for k in ids})
        return statement.confidence

    one, two, disputed = confidence("a"), confidence("a", "b"), confidence("a", "b", "c")
    assert one == pytest.approx(0.9)
    assert two > one > disputed
    assert disputed == pytest.approx(two * 2 / 3, abs=0.01)  # two of three naming outlets agree


def test_an_anonymous_statement_is_less_certain_than_a_named_one():
    named = "“Sanctions will follow,” Sullivan said."
    anonymous = "“Sanctions will follow,” an official said."
    aligned = {
        k: align_quotes([article(k, text)], {k: Analysis(None, quotes=(attributed(text, "Sanctions will follow,", who,
                                                                                  kind),))})[0]
        for k, text, who, kind in (("n", named, "Sullivan", "named"), ("x", anonymous, "an official", "anonymous"))
    }  # fmt: skip
    assert aligned["x"].confidence < 0.5 < aligned["n"].confidence
