"""The evidence of distinct events: both articles name many specifics, and mostly different ones."""

import math

import numpy as np
import pytest

from crosswire.stories.clustering import (
    SPECIFICS_ENOUGH,
    SPECIFICS_FEW,
    SPECIFICS_PARAGRAPHS,
    SPECIFICS_PENALTY,
    ArticleSignal,
    LinkPolicy,
    StoryClusterer,
    Weights,
    specifics_penalty,
)

UNIFORM = Weights(lambda _: 1.0, lambda _: 1.0, lambda _: 1.0, lambda signal: float(len(signal.entities)))
POLICY = LinkPolicy()


def named(
    article_id: str, names: list[str], vector: np.ndarray | None = None, paragraphs: int = SPECIFICS_PARAGRAPHS
) -> ArticleSignal:
    """An article of `paragraphs` paragraphs naming `names`."""
    vector = np.zeros(3) if vector is None else vector
    return ArticleSignal(article_id, vector, frozenset(names), paragraphs=paragraphs)


def places(prefix: str, count: int) -> list[str]:
    return [f"{prefix} {number}" for number in range(count)]


def test_few_specifics_on_either_side_are_no_evidence() -> None:
    few = named("short", places("Huancayo", SPECIFICS_FEW))
    many = named("long", places("Ayacucho", SPECIFICS_ENOUGH))
    assert specifics_penalty(few, many, UNIFORM, POLICY) == 0.0


def test_names_from_a_lead_alone_are_no_evidence() -> None:
    lead = named("lead", places("Huancayo", SPECIFICS_ENOUGH), paragraphs=SPECIFICS_PARAGRAPHS - 1)
    body = named("body", places("Ayacucho", SPECIFICS_ENOUGH))
    assert specifics_penalty(lead, body, UNIFORM, POLICY) == 0.0


def test_many_disjoint_specifics_on_both_sides_are_full_evidence() -> None:
    first = named("huancayo", places("Huancayo", SPECIFICS_ENOUGH))
    second = named("ayacucho", places("Ayacucho", SPECIFICS_ENOUGH))
    assert specifics_penalty(first, second, UNIFORM, POLICY) == pytest.approx(SPECIFICS_PENALTY)


def test_sureness_grows_with_the_names_both_sides_give() -> None:
    def penalty(count: int) -> float:
        return specifics_penalty(named("a", places("A", count)), named("b", places("B", count)), UNIFORM, POLICY)

    counts = range(SPECIFICS_FEW, SPECIFICS_ENOUGH + 2)
    penalties = [penalty(count) for count in counts]
    assert penalties == sorted(penalties) and penalties[0] == 0.0 < penalties[1] < penalties[-1]


def test_reports_sharing_their_specifics_are_no_evidence() -> None:
    shared = places("Huancayo", SPECIFICS_ENOUGH)
    first = named("outlet-a", shared + places("Concepcion", 3))
    second = named("outlet-b", shared + places("Jauja", 3))
    assert specifics_penalty(first, second, UNIFORM, POLICY) == 0.0


def test_sharing_only_generic_names_leaves_rare_disagreement_standing() -> None:
    generic = {"Peru": 0.1, "Geophysical Institute": 0.1}
    weights = Weights(
        lambda _: 1.0,
        lambda name: generic.get(name, 3.0),
        lambda _: 1.0,
        lambda signal: sum(generic.get(name, 3.0) for name in signal.entities),
    )
    first = named("huancayo", [*generic, *places("Huancayo", SPECIFICS_ENOUGH)])
    second = named("ayacucho", [*generic, *places("Ayacucho", SPECIFICS_ENOUGH)])
    assert specifics_penalty(first, second, weights, POLICY) > 0.9 * SPECIFICS_PENALTY


def angled(cosine: float) -> np.ndarray:
    return np.array([cosine, math.sqrt(1 - cosine**2), 0.0], dtype=np.float32)


@pytest.mark.parametrize(("second_names", "together"), [("same", True), ("other", False)])
def test_an_ambivalent_pair_joins_only_when_its_specifics_agree(second_names: str, together: bool) -> None:
    """Embeddings alone link the pair (cosine 0.8, beyond a young store's crowding); disjoint specifics part it."""
    names = places("Huancayo", SPECIFICS_ENOUGH)
    clusterer = StoryClusterer(dim=3)
    first = named("first", names, angled(1.0))
    second = named("second", names if second_names == "same" else places("Ayacucho", SPECIFICS_ENOUGH), angled(0.8))
    clusterer.add([first, second])
    assert (clusterer.story_of("first") == clusterer.story_of("second")) is together
