"""Server time for the story page and for search on a store of 10,000 articles; target under 100 ms.

There are not 10,000 analysed real articles to hand, and analysing them would take hours, so the
store is synthetic but built like a real one through the real Store API: articles stitched from
the seed articles' sentences with each story's own people, places and dates swapped in (so the
full-text index sees news-like text), analyses whose entity, quote and date spans point into that
text, story memberships, and a dossier per story (a real `Story` record, sized like the seed
story's: about 70 quotes, 30 timeline entries and 60 entities, with entities from the dossier
builder's own `story_entities`). Only the NLP is bypassed.

Requests go through the real app in process (FastAPI's TestClient); the figure is the server's
own time from its `Server-Timing` header, beside the round trip. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from crosswire.interfaces.web import create_app
from crosswire.pipeline import extract
from crosswire.records import (
    Analysis,
    Article,
    Byline,
    Citation,
    Discrepancy,
    EntityMention,
    EntityRole,
    Meta,
    Provenance,
    Quote,
    QuoteVariant,
    ReviewItem,
    Speaker,
    Story,
    StoryQuote,
    TimeExpression,
    TimelineEntry,
    UniqueDetail,
)
from crosswire.store import Store
from crosswire.stories.dossier import story_entities

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
TARGET_MS = 100.0
STORY_SIZE = 5
SENTENCES_PER_ARTICLE = 24
OUTLETS = ("Harbor Times", "Northern Gazette", "Valley Ledger", "Riverside Courier", "Bayside Post", "Metro Daily",
           "The Coastal Herald", "Capital Wire", "Mountain Record", "Lakeside Tribune")  # fmt: skip
PEOPLE = ("Jake Sullivan", "Kim Jong Un", "Vladimir Putin", "Sergei Shoigu", "Kamala Harris", "John Kirby")
PLACES = ("North Korea", "Russia", "Pyongyang", "Moscow", "Ukraine", "Washington", "Seoul", "Vladivostok")
FIRST = ("Anna", "Marek", "Sofia", "Tomas", "Ines", "Pavel", "Lena", "Omar", "Yuki", "Dara", "Ravi", "Elif")
LAST = ("Novak", "Berg", "Costa", "Haddad", "Ivanova", "Okafor", "Tanaka", "Moreau", "Silva", "Kowalski")
TOWNS = ("Arlen", "Brisk", "Calder", "Dunmore", "Eskby", "Fenwick", "Garrow", "Holt", "Ivel", "Jarrow", "Kestle")
QUERIES = ("minister", "price", "weapons Russia", "arms deal", "international community", "sanctions",
           "summit Vladivostok", "artillery ammunition", "spokesperson", "Tuesday briefing")  # fmt: skip
BUSY_ENTITIES = ("Russia", "Moscow", "Ukraine")  # named in most articles: the slowest entity pages
START = date(2023, 1, 1)


def seed_sentences() -> list[str]:
    """Every sentence of the seed articles (extraction only: no NLP)."""
    sentences = []
    for item in extract([str(SEEDS)]):
        if isinstance(item, Article):
            for paragraph in item.paragraphs:
                sentences += [s for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", paragraph) if len(s) > 40]
    return sentences


class StoryCast:
    """One synthetic story's people, place and day, swapped into seed sentences."""

    def __init__(self, rng: random.Random, number: int) -> None:
        self.number = number
        self.person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        self.official = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        self.place = f"{rng.choice(TOWNS)}{rng.choice(('', 'ia', 'burg', 'ford', 'stan'))}"
        self.day = START + timedelta(days=rng.randrange(0, 700))

    def recast(self, sentence: str) -> str:
        for name in PEOPLE[:3]:
            sentence = sentence.replace(name, self.person)
        for name in PEOPLE[3:]:
            sentence = sentence.replace(name, self.official)
        return sentence.replace("North Korea", self.place).replace("Pyongyang", f"{self.place} City")


def synthetic_article(rng: random.Random, cast: StoryCast, sentences: list[str], slot: int) -> Article:
    chosen = [cast.recast(sentence) for sentence in rng.sample(sentences, SENTENCES_PER_ARTICLE)]
    paragraphs = tuple(" ".join(chosen[i : i + 3]) for i in range(0, len(chosen), 3))
    outlet = OUTLETS[(cast.number + slot) % len(OUTLETS)]
    published = (cast.day + timedelta(days=slot % 3)).isoformat() + f"T{8 + slot:02d}:00:00+00:00"
    return Article(
        id=f"{cast.number:06d}{slot:02d}{rng.getrandbits(32):08x}",
        source=f"synthetic/{cast.number:06d}-{slot}.html",
        paragraphs=paragraphs,
        headline=Meta(f"{cast.person} warns {cast.place} over arms talks ({outlet})", Provenance.HTML_META, 0.9, "og"),
        outlet=Meta(outlet, Provenance.HTML_META, 0.9, "og:site_name"),
        byline=Meta(Byline((f"{rng.choice(FIRST)} {rng.choice(LAST)}",)), Provenance.TEXT_PATTERN, 0.7, "By"),
        published=Meta(published, Provenance.HTML_META, 0.9, "article:published_time"),
        modified=Meta(),
        language=Meta("en", Provenance.INFERRED, 0.99, "py3langid"),
    )


def synthetic_analysis(article: Article, cast: StoryCast) -> Analysis:
    """Spans found in the text, as the analysis stage would give them (without running it)."""
    text = article.text
    names = [(cast.person, "PERSON"), (cast.official, "PERSON"), (cast.place, "GPE"), *((p, "GPE") for p in PLACES)]
    entities = [EntityMention(name, label, m.start(), m.end(), name)
                for name, label in names for m in re.finditer(re.escape(name), text)]  # fmt: skip
    quotes = [Quote(m.group(1), m.start(), m.end(), "direct", "said", Speaker(cast.person, cast.person))
              for m in re.finditer(r"“([^”]{20,400})”", text)]  # fmt: skip
    times = [TimeExpression(m.group(), m.start(), m.end(), "DATE", cast.day.isoformat())
             for m in re.finditer(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|July|September)\b", text)]  # fmt: skip
    roles = [EntityRole(cast.person, "National Security Adviser", 0, 1)]
    return Analysis(article.published.value, tuple(entities), tuple(roles), tuple(quotes), tuple(times))


def synthetic_story(rng: random.Random, story_id: str, cast: StoryCast, articles: list[Article],
                    analyses: dict[str, Analysis]) -> Story:  # fmt: skip
    """A dossier shaped like the seed story's, every item pointing at the story's articles."""
    ids = tuple(article.id for article in articles)
    sentences = [sentence for article in articles for sentence in article.text.split(". ")]

    def some(count: int) -> tuple[str, ...]:
        return tuple(rng.sample(ids, count))

    quotes = [StoryQuote(cast.person, rng.choice(sentences), tuple(
        QuoteVariant(article_id, rng.choice(sentences), "direct", cast.person, 0.9) for article_id in some(3)),
        some(3), 0.8) for _ in range(70)]  # fmt: skip
    timeline = [TimelineEntry((cast.day - timedelta(days=30 * n)).isoformat(), "day", rng.choice(sentences),
                              some(2), 0.7) for n in range(30)]  # fmt: skip
    days = sorted(article.published.value or "" for article in articles)
    return Story(
        id=story_id,
        title=articles[0].headline.value or story_id,
        articles=ids,
        outlets=tuple(sorted({article.outlet.value or "" for article in articles})),
        first_published=days[0],
        last_published=days[-1],
        summary=tuple(Citation(rng.choice(sentences), some(3)) for _ in range(5)),
        consensus=tuple(Citation(rng.choice(sentences), some(3)) for _ in range(5)),
        quotes=tuple(quotes),
        timeline=tuple(sorted(timeline, key=lambda entry: entry.date)),
        entities=tuple(story_entities(articles, analyses)),
        discrepancies=tuple(Discrepancy("date", rng.choice(sentences), some(2), 0.7) for _ in range(3)),
        unique_details=tuple(UniqueDetail(rng.choice(sentences), i, None, 0.5) for i in some(4)),
        review=tuple(ReviewItem("quote", rng.choice(sentences), 0.5, some(1)) for _ in range(15)),
        membership_confidence={article_id: 0.9 for article_id in ids},
    )


def build(path: Path, count: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    """The store; returns its story ids, some article ids and the stories' people."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    story_ids, article_ids, people = [], [], []
    with Store(path) as store:
        run_id = store.start_run(["synthetic"])
        for number in range(count // STORY_SIZE):
            cast = StoryCast(rng, number)
            articles = [synthetic_article(rng, cast, sentences, slot) for slot in range(STORY_SIZE)]
            analyses = {article.id: synthetic_analysis(article, cast) for article in articles}
            for article in articles:
                store.add_article(article, run_id)
                store.save_analysis(article.id, analyses[article.id], "synthetic")
            story_id = f"story-{articles[0].id}"
            store.save_memberships([(article.id, story_id, 0.9) for article in articles], {})
            store.save_story(synthetic_story(rng, story_id, cast, articles, analyses))
            story_ids.append(story_id)
            article_ids.append(articles[0].id)
            people.append(cast.person)
            if number and number % 400 == 0:
                print(f"  {number * STORY_SIZE:>6} articles stored", flush=True)
        store.finish_run(run_id, {"ingested": count})
    return story_ids, article_ids, people


def timed(client: TestClient, paths: list[str]) -> tuple[list[float], list[float]]:
    """Server time (Server-Timing) and round trip of each GET, in ms."""
    server, total = [], []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        total.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, (path, response.status_code)
        server.append(float(response.headers["server-timing"].split("dur=")[1]))
    return server, total


def report(name: str, measure: Callable[[], tuple[list[float], list[float]]]) -> None:
    server, total = measure()

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    verdict = "meets" if p95(server) < TARGET_MS else "MISSES"
    print(f"{name:<22} server median {statistics.median(server):7.1f} ms, p95 {p95(server):7.1f} ms | "
          f"round trip median {statistics.median(total):7.1f} ms | n={len(server)} | {verdict} the "
          f"{TARGET_MS:.0f} ms target (p95)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per measured route")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temporary file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "web-speed.db"
        started = time.perf_counter()
        story_ids, article_ids, people = build(path, args.articles, args.seed)
        print(f"store of {args.articles:,} articles, {len(story_ids):,} stories built in "
              f"{time.perf_counter() - started:.0f} s ({path.stat().st_size / 2**20:.0f} MiB)")  # fmt: skip
        rng = random.Random(args.seed)
        with TestClient(create_app(path)) as client:
            client.get("/")  # warm up: templates compiled, caches filled
            n = args.requests
            report("story page", lambda: timed(client, [f"/stories/{rng.choice(story_ids)}" for _ in range(n)]))
            report("story API", lambda: timed(client, [f"/api/stories/{rng.choice(story_ids)}" for _ in range(n)]))
            queries = [QUERIES[i % len(QUERIES)] for i in range(n)]
            report("search page", lambda: timed(client, [f"/search?q={query}" for query in queries]))
            report("search API", lambda: timed(client, [f"/api/search?q={query}" for query in queries]))
            offsets = [rng.randrange(0, len(story_ids)) for _ in range(n)]
            report("stories list", lambda: timed(client, [f"/?offset={offset}" for offset in offsets]))
            report("article page", lambda: timed(client, [f"/articles/{rng.choice(article_ids)}" for _ in range(n)]))
            report("entity page, person", lambda: timed(client, [f"/entities/{rng.choice(people)}" for _ in range(n)]))
            busiest = [f"/entities/{BUSY_ENTITIES[i % 3]}" for i in range(n // 4)]
            report("entity page, busiest", lambda: timed(client, busiest))


if __name__ == "__main__":
    main()
