import pytest
from datasketch import MinHash

from crosswire.store.near_duplicates import (
    NUM_PERM,
    NearDuplicateIndex,
    link_kind,
    minhash_signature,
    normalised_words,
    shingles,
    signature_from_bytes,
    signature_to_bytes,
)
from tests.store.conftest import UNRELATED_PARAGRAPHS, WIRE_PARAGRAPHS, rewritten_wire_paragraphs

WIRE = "\n\n".join(WIRE_PARAGRAPHS)
COPY = "\n\n".join(rewritten_wire_paragraphs())
UNRELATED = "\n\n".join(UNRELATED_PARAGRAPHS)


def _signature(text: str) -> MinHash:
    signature = minhash_signature(text)
    assert signature is not None
    return signature


def test_normalising_drops_case_and_punctuation() -> None:
    words = normalised_words("“Kim’s” TRAIN—arrived, (Reuters)!")
    assert words == ["kim", "s", "train", "arrived", "reuters"]


def test_shingles_are_word_five_grams() -> None:
    assert shingles("One two three four five six.") == {"one two three four five", "two three four five six"}
    assert shingles("Too short.") == {"too short"}
    assert shingles("— … !") == set()


def test_formatting_alone_does_not_change_the_signature() -> None:
    assert _signature(WIRE) == _signature(WIRE.upper().replace(",", " ").replace("\n\n", " "))


def test_a_text_without_words_has_no_signature() -> None:
    assert minhash_signature("... --- !!!") is None


def test_signatures_survive_a_round_trip_through_bytes() -> None:
    signature = _signature(WIRE)
    blob = signature_to_bytes(signature)
    assert len(blob) == NUM_PERM * 8
    restored = signature_from_bytes(blob)
    assert restored.jaccard(signature) == 1.0
    assert restored.jaccard(_signature(COPY)) == signature.jaccard(_signature(COPY))


def test_index_returns_verified_candidates_only() -> None:
    index = NearDuplicateIndex(threshold=0.5)
    index.add("wire", _signature(WIRE))
    index.add("council", _signature(UNRELATED))
    assert len(index) == 2 and "wire" in index
    matches = index.query(_signature(COPY))
    assert [key for key, _ in matches] == ["wire"]
    assert 0.5 < matches[0][1] < 1.0


def test_link_kind() -> None:
    assert link_kind(["Reuters"], []) == "wire-copy"
    assert link_kind((), ("AP",)) == "wire-copy"
    assert link_kind([], ()) == "near-duplicate"


def test_lsh_false_positives_are_dropped_by_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    index = NearDuplicateIndex(threshold=0.5)
    index.add("wire", _signature(WIRE))
    index.add("council", _signature(UNRELATED))
    monkeypatch.setattr(index._lsh, "query", lambda signature: ["council", "wire"])
    assert [key for key, _ in index.query(_signature(COPY))] == ["wire"]
