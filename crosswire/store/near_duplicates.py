"""Near-duplicate detection: word 5-gram shingles, MinHash signatures and an LSH index over them.

The functions are pure, so they work without a store. Signatures use datasketch's 64-bit
`affine64` scheme with seed 1; changing the scheme, seed or permutation count makes stored
signatures incomparable, so such a change needs a migration that recomputes them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.5
SCHEME = "affine64"
SIGNATURE_DTYPE = np.dtype("<u8")  # little-endian uint64, so stored blobs read the same on any machine

WIRE_COPY = "wire-copy"
NEAR_DUPLICATE = "near-duplicate"

_PUNCTUATION = re.compile(r"[^\w\s]+")


def normalised_words(text: str) -> list[str]:
    """Lowercased words without punctuation, so quoting style and capitalisation don't hide a copy."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _PUNCTUATION.sub(" ", folded).split()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word n-grams of the normalised text; a text shorter than `size` words is one shingle."""
    words = normalised_words(text)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[start : start + size]) for start in range(len(words) - size + 1)}


def minhash_signature(text: str) -> MinHash | None:
    """The text's MinHash; None for a text without words, which would otherwise match every other."""
    grams = shingles(text)
    if not grams:
        return None
    signature = _empty_minhash()
    signature.update_batch([gram.encode("utf-8") for gram in grams])
    return signature


def signature_to_bytes(signature: MinHash) -> bytes:
    return signature.hashvalues.astype(SIGNATURE_DTYPE).tobytes()


def signature_from_bytes(blob: bytes) -> MinHash:
    """A stored signature, ready to compare without recomputing it from the text."""
    values = np.frombuffer(blob, dtype=SIGNATURE_DTYPE).astype(np.uint64)
    return MinHash(hashvalues=values, permutations=_permutations(), scheme=SCHEME)


def link_kind(agencies: tuple[str, ...] | list[str], other_agencies: tuple[str, ...] | list[str]) -> str:
    """A copy is wire copy when an agency is credited on either side; otherwise a near-duplicate."""
    return WIRE_COPY if agencies or other_agencies else NEAR_DUPLICATE


def _empty_minhash() -> MinHash:
    return MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)


@cache
def _permutations() -> np.ndarray:
    """Shared by every signature: generating them per MinHash dominates rebuilding a large index."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


class NearDuplicateIndex:
    """MinHash LSH over article signatures; LSH candidates are verified by estimated Jaccard."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def add(self, key: str, signature: MinHash) -> None:
        self._lsh.insert(key, signature)
        self._signatures[key] = signature

    def query(self, signature: MinHash) -> list[tuple[str, float]]:
        """Indexed keys at or above the threshold, most similar first."""
        scored = ((key, signature.jaccard(self._signatures[key])) for key in self._lsh.query(signature))
        return sorted(
            ((key, similarity) for key, similarity in scored if similarity >= self.threshold),
            key=lambda pair: (-pair[1], pair[0]),
        )
