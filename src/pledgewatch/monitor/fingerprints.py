"""Fingerprints of an item's text: an exact content hash and a MinHash for near-duplicates.

Both are taken over the normalised text (pledgewatch.text.normalize: NFKC, case-folded,
whitespace collapsed), so a copy that differs only in width, case or line breaks is an exact
duplicate. The MinHash follows DEPENDENCIES.md: 128 permutations over character 5-grams,
which work the same in Japanese (no spaces) and English.

The 5-grams are hashed to 32 bits with a polynomial rolling hash in numpy and fed through
datasketch's "affine32" permutations of seed 1. The result is exactly what
``MinHash(num_perm=128, seed=1, hashfunc=<that hash>).update_batch(...)`` produces (a test
checks it), about ten times faster, because the per-shingle Python loop is gone: on a
20-80 KB page that loop would cost more than the rest of ingestion together.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from pledgewatch.text.normalize import normalize

NUM_PERM = 128
SHINGLE_SIZE = 5
SEED = 1
SCHEME = "affine32"

Hashes = npt.NDArray[np.uint32]
Sketch = Any
"""A datasketch LeanMinHash (datasketch ships no type information)."""

_ROLL = np.uint32(0x01000193)  # the 32-bit FNV prime: odd, so the rolling hash mixes every char
_CHUNK = 8192  # shingles per block, so a long text never builds a 128 x n matrix at once
_MAX32 = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True)
class Fingerprint:
    """The content hash, MinHash and 5-gram set of one text."""

    content_hash: str
    minhash: Sketch
    shingles: Hashes
    """The text's shingle_set, kept for the exact Jaccard check against candidates."""

    def minhash_bytes(self) -> bytes:
        """The MinHash as stored in the database (little-endian, datasketch's own layout)."""
        return minhash_to_bytes(self.minhash)


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text, hex."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def shingle_hashes(normalised: str) -> Hashes:
    """32-bit hashes of every character 5-gram of an already normalised text (with repeats).

    A text shorter than five characters is one shingle.
    """
    codes = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32)
    count = len(codes) - SHINGLE_SIZE + 1
    if count <= 0:
        hashed = np.zeros(1, dtype=np.uint32)
        for code in codes:
            hashed = hashed * _ROLL + code
        return hashed
    hashed = codes[:count].copy()
    for offset in range(1, SHINGLE_SIZE):
        hashed *= _ROLL
        hashed += codes[offset : offset + count]
    return hashed


def shingle_set(text: str) -> Hashes:
    """The set of 5-gram hashes of a text, sorted, for exact Jaccard similarity.

    The 5-grams are compared by their 32-bit hashes: in a 10,000-character article the odds
    that two different 5-grams share a hash are about 1%, and such a collision moves the
    similarity by about 0.0001; exact for the 0.8 decision, and several times cheaper than
    sets of strings.
    """
    return _sorted_set(shingle_hashes(normalize(text)))


def _sorted_set(hashes: Hashes) -> Hashes:
    # What np.unique gives, about six times faster: numpy 2's np.unique hashes the values
    # before it sorts them, which costs more than the sort on a few thousand integers.
    ordered = np.sort(hashes)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def jaccard(first: Hashes, second: Hashes) -> float:
    """Exact Jaccard similarity of two shingle sets from shingle_set."""
    if len(first) == 0 and len(second) == 0:
        return 1.0
    common = len(np.intersect1d(first, second, assume_unique=True))
    return common / (len(first) + len(second) - common)


def _datasketch() -> Any:
    # Imported on first use: datasketch pulls in scipy (~0.4 s), which only commands that
    # ingest should pay for. It ships no type information (no py.typed marker).
    import datasketch  # type: ignore[import-untyped]

    return datasketch


@lru_cache(maxsize=1)
def _permutations() -> tuple[Hashes, Hashes]:
    a, b = _datasketch().MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def _fmix32(values: Hashes) -> Hashes:
    # MurmurHash3's finalizer, as datasketch applies it before the affine32 permutations.
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhash_of_hashes(hashes: Hashes) -> Sketch:
    """The 128-permutation MinHash of a set of 32-bit shingle hashes (repeats do no harm)."""
    a, b = _permutations()
    mixed = _fmix32(hashes)
    result = np.full(NUM_PERM, _MAX32, dtype=np.uint32)
    block = np.empty((NUM_PERM, min(_CHUNK, max(len(mixed), 1))), dtype=np.uint32)
    for start in range(0, len(mixed), _CHUNK):
        chunk = mixed[start : start + _CHUNK]
        out = block[:, : len(chunk)]
        np.multiply(a[:, None], chunk[None, :], out=out)
        out += b[:, None]
        np.minimum(result, out.min(axis=1), out=result)
    return _datasketch().LeanMinHash(seed=SEED, hashvalues=result, scheme=SCHEME)


def fingerprint(text: str) -> Fingerprint:
    """Content hash, MinHash and 5-gram set of a text, normalised once for all three."""
    normalised = normalize(text)
    shingles = _sorted_set(shingle_hashes(normalised))
    return Fingerprint(
        content_hash=hashlib.sha256(normalised.encode("utf-8")).hexdigest(),
        minhash=minhash_of_hashes(shingles),
        shingles=shingles,
    )


def minhash_to_bytes(minhash: Sketch) -> bytes:
    """Serialise a MinHash in a byte order independent of the machine."""
    buffer = bytearray(minhash.bytesize(byteorder="<"))
    minhash.serialize(buffer, byteorder="<")
    return bytes(buffer)


def minhash_from_bytes(data: bytes) -> Sketch:
    """Read a MinHash stored by minhash_to_bytes."""
    return _datasketch().LeanMinHash.deserialize(data, byteorder="<")
