import os
import subprocess
import sys

import pytest

from crosswire.stories.lexical import background_idf, idf_cosine, idf_norm, terms


def test_terms_are_lower_cased_content_words_without_possessives() -> None:
    assert terms("The Senate's vote: Biden signs the bill") == {"senate", "vote", "biden", "signs", "bill"}


def test_a_shared_rare_word_counts_more_than_a_shared_common_one() -> None:
    weights = {"earthquake": 2.0, "gaziantep": 6.0, "malatya": 6.0, "turkey": 2.0}.__getitem__
    first, same_town, other_town = (
        frozenset({"earthquake", "turkey", "gaziantep"}),
        frozenset({"earthquake", "gaziantep", "malatya"}),
        frozenset({"earthquake", "turkey", "malatya"}),
    )

    def cosine(a: frozenset[str], b: frozenset[str]) -> float:
        return idf_cosine(a, b, weights, (idf_norm(a, weights), idf_norm(b, weights)))

    assert cosine(first, same_town) > cosine(first, other_town)
    assert cosine(first, first) == pytest.approx(1.0)
    assert cosine(first, frozenset({"malatya"})) == 0.0


def test_background_idf_ranks_everyday_words_below_rare_names() -> None:
    assert 1.0 <= background_idf("said") < background_idf("earthquake") < background_idf("gaziantep")


SAME_IN_EVERY_PROCESS = """
from crosswire.stories.lexical import background_idf, idf_cosine, idf_norm, terms
a = terms("Rescuers in Gaziantep and Malatya searched collapsed buildings after the earthquake, officials said")
b = terms("Officials said rescuers searched buildings in Malatya, Gaziantep and Adana after the deadly earthquake")
print(repr(idf_cosine(a, b, background_idf, (idf_norm(a, background_idf), idf_norm(b, background_idf)))))
"""


def test_the_cosine_is_the_same_to_the_last_bit_in_every_process() -> None:
    """A set's order follows each process's string hashing; a saved clustering state must not."""
    printed = {
        subprocess.run(
            [sys.executable, "-c", SAME_IN_EVERY_PROCESS],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(printed) == 1
