"""Tell Japanese from English.

A script check decides almost every case: any kana means Japanese, and kanji without kana is
still Japanese here (headlines such as 日米首脳会談 have none), since pledgewatch only handles
the two languages. lingua, restricted to Japanese and English, settles the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

LanguageCode = Literal["ja", "en"]

_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(Language.JAPANESE, Language.ENGLISH).build()


def detect_language(text: str) -> LanguageCode | None:
    """'ja' or 'en', or None when the text has no letters to judge by."""
    sample = text[:4000]
    kana = len(_KANA.findall(sample))
    kanji = len(_KANJI.findall(sample))
    latin = len(_LATIN.findall(sample))
    if kana + kanji == 0 and latin == 0:
        return None
    if kana > 0 or kanji > latin:
        return "ja"
    if kanji == 0:
        return "en"
    found = _detector().detect_language_of(sample)
    return "ja" if found is Language.JAPANESE else "en"
