from __future__ import annotations

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]  # no type information
from monitor_pages import ARTICLE_EN, ARTICLE_JA, OTHER_EN

from pledgewatch.monitor.fingerprints import (
    NUM_PERM,
    content_hash,
    fingerprint,
    jaccard,
    minhash_from_bytes,
    shingle_hashes,
    shingle_set,
)
from pledgewatch.text.normalize import normalize


def test_the_fast_minhash_equals_datasketch_over_the_same_shingles() -> None:
    for text in (ARTICLE_EN, ARTICLE_JA, "短い"):
        hashes = shingle_hashes(normalize(text))
        reference = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
        reference.update_batch([int(h) for h in hashes])
        assert np.array_equal(fingerprint(text).minhash.hashvalues, reference.hashvalues)


def test_shingles_are_character_five_grams() -> None:
    text = normalize("abcdefg")
    assert len(shingle_hashes(text)) == 3
    assert len(set(shingle_hashes("abcdeabcde").tolist())) == 5
    for article in (ARTICLE_EN, ARTICLE_JA):
        normalised = normalize(article)
        grams = {normalised[i : i + 5] for i in range(len(normalised) - 4)}
        assert len(shingle_set(article)) == len(grams)  # no two 5-grams share a hash here


def test_the_content_hash_ignores_width_case_and_spacing() -> None:
    assert content_hash("Ｊａｐａｎ  and\nthe US") == content_hash("japan and the us")
    assert content_hash(ARTICLE_JA) != content_hash(ARTICLE_JA + "追記")


def test_minhash_bytes_round_trip() -> None:
    mark = fingerprint(ARTICLE_JA)
    back = minhash_from_bytes(mark.minhash_bytes())
    assert np.array_equal(back.hashvalues, mark.minhash.hashvalues)
    assert len(mark.minhash_bytes()) < 600


def test_jaccard_tells_copies_from_other_texts_in_both_languages() -> None:
    edited_en = ARTICLE_EN.replace("Tuesday", "Wednesday").replace("summer", "autumn")
    edited_ja = ARTICLE_JA.replace("17日", "18日")
    assert jaccard(shingle_set(ARTICLE_EN), shingle_set(edited_en)) > 0.8
    assert jaccard(shingle_set(ARTICLE_JA), shingle_set(edited_ja)) > 0.8
    assert jaccard(shingle_set(ARTICLE_EN), shingle_set(OTHER_EN)) < 0.3
    assert jaccard(shingle_set(ARTICLE_EN), shingle_set(ARTICLE_JA)) < 0.05
    assert fingerprint(ARTICLE_EN).minhash.jaccard(fingerprint(edited_en).minhash) > 0.7
