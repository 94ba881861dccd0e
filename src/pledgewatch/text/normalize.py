"""One normalisation for matching text in both languages."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The form every matcher compares in: NFKC, case-folded, whitespace collapsed.

    NFKC turns full-width letters and digits into ASCII and half-width kana into full-width.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).casefold().strip()
