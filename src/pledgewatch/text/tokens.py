"""Word tokens for term matching in both languages, as the ranking index wants them.

Japanese is written without spaces, so it goes through SudachiPy (sudachidict-core, split mode C
so that compounds such as 防衛費 or 重要鉱物 stay whole, normalised forms so that 引き上げ and
引上げ meet); particles, auxiliaries, symbols and blanks are dropped. English is lower-cased word
tokens with a small stop list and a light plural stemmer. Latin words inside Japanese text (AI,
LNG, JBIC) come out as the English tokenizer would give them, so both languages share those
tokens. The Sudachi tokenizer is built once per process and reused.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from sudachipy import Dictionary, SplitMode  # type: ignore[import-untyped]

from pledgewatch.text.normalize import normalize

TokenLanguage = Literal["ja", "en"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Japanese parts of speech (first level) that carry no topic: particles, auxiliaries, symbols.
_JA_DROP_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白", "接頭辞", "接尾辞"})
# Light verbs and formal nouns that follow almost any action word.
_JA_STOP = _words(
    """為る 居る 成る 有る 在る 言う 行う 出来る 見る 来る 事 物 為 所 様 等 中 日 月 年 方 氏
    其の 此の 同 及び 並びに 又は 向ける 関する 因る 於く 付く 通じる 巡る こと もの ため よう
    ほか 対する など"""
)
_EN_STOP = _words(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you
    your said says say mr ms per via it's s t"""
)
_EN_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6}
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)[\s-]*(trillion|billion|million|tn|bn|mn)\b")
_PLAIN = re.compile(r"^[0-9A-Za-z]+$")
_ALIASES = {"u.s": "us", "u.s.a": "us", "usa": "us"}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005]")


def stem_en(word: str) -> str:
    """A light stemmer: plural and possessive endings only, so 'minerals' meets 'mineral'.

    Heavier stemming merges words the index should keep apart ('security' and 'secure'), and
    Japanese needs none: Sudachi's normalised forms already do this work.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _amount(match: re.Match[str]) -> str:
    number = float(match.group(1).replace(",", ""))
    return f" {round(number * _SCALES[match.group(2)])} "


def tokenize_en(text: str) -> list[str]:
    """English word tokens: normalised, lower-cased, stop words removed, lightly stemmed.

    Amounts with a scale word become plain numbers ('550 billion' -> 550000000000), which is
    how Sudachi normalises 5500億, so amounts match across the languages.
    """
    words = _EN_WORD.findall(_AMOUNT.sub(_amount, normalize(text)))
    cache = _EN_TOKENS
    tokens = []
    for word in words:
        token = cache.get(word)
        if token is None:
            token = "" if word in _EN_STOP else stem_en(_ALIASES.get(word, word).replace("'", ""))
            if len(cache) < _CACHE_SIZE:
                cache[word] = token
        if token:
            tokens.append(token)
    return tokens


# Words recur across items: their tokens are remembered (a bounded cache per process).
_CACHE_SIZE = 200_000
_EN_TOKENS: dict[str, str] = {}
_JA_TOKENS: dict[tuple[str, int], tuple[str, ...]] = {}


class _Sudachi:
    """The shared Sudachi dictionary, and one tokenizer per thread (they are not thread-safe)."""

    def __init__(self) -> None:
        self.dictionary = Dictionary(dict="core")
        self._local = threading.local()
        self._keep: dict[int, bool] = {}

    def morphemes(self, text: str) -> Iterable[tuple[str, int]]:
        """(normalised form, part-of-speech id) of each morpheme."""
        tokenizer = getattr(self._local, "tokenizer", None)
        if tokenizer is None:
            tokenizer = self.dictionary.tokenizer(
                mode=SplitMode.C, fields={"pos", "normalized_form"}
            )
            self._local.tokenizer = tokenizer
        return [(m.normalized_form(), m.part_of_speech_id()) for m in tokenizer.tokenize(text)]

    def keeps(self, pos_id: int) -> bool:
        """Whether words of this part of speech carry meaning worth indexing."""
        found = self._keep.get(pos_id)
        if found is None:
            found = self.dictionary.pos_of(pos_id)[0] not in _JA_DROP_POS
            self._keep[pos_id] = found
        return found


@lru_cache(maxsize=1)
def _sudachi() -> _Sudachi:
    return _Sudachi()


# Sudachi's input limit is in bytes (49,149); stay well below it by cutting at sentence ends.
_CHUNK = 12_000


def _chunks(text: str) -> Iterable[str]:
    if len(text) <= _CHUNK:
        yield text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = max(text.rfind("。", start, end), text.rfind("\n", start, end))
            if cut > start:
                end = cut + 1
        yield text[start:end]
        start = end


def tokenize_ja(text: str) -> list[str]:
    """Japanese tokens: Sudachi normalised forms (mode C) of the words that carry meaning.

    Latin words and numbers inside the text get the English treatment, so 'LNG' in a Japanese
    article is the same token as in an English one.
    """
    sudachi = _sudachi()
    cache = _JA_TOKENS
    tokens: list[str] = []
    for chunk in _chunks(unicodedata.normalize("NFKC", text)):
        for morpheme in sudachi.morphemes(chunk):
            found = cache.get(morpheme)
            if found is None:
                found = _ja_token(sudachi, *morpheme)
                if len(cache) < _CACHE_SIZE:
                    cache[morpheme] = found
            tokens.extend(found)
    return tokens


def _ja_token(sudachi: _Sudachi, form: str, pos_id: int) -> tuple[str, ...]:
    """The tokens of one morpheme: none for particles and light words, English for Latin."""
    if not sudachi.keeps(pos_id) or form in _JA_STOP:
        return ()
    if _JAPANESE.search(form):
        return (form,)
    if _PLAIN.match(form):
        # The common case of a Latin word or a number: no need for the full English path.
        word = form.lower()
        return () if word in _EN_STOP else (stem_en(_ALIASES.get(word, word)),)
    return tuple(tokenize_en(form))


def tokenize(text: str, language: str | None) -> list[str]:
    """Tokens of ``text`` in ``language`` ('ja' or 'en'); None decides from the script."""
    if language is None:
        language = "ja" if _JAPANESE.search(text) else "en"
    return tokenize_ja(text) if language == "ja" else tokenize_en(text)
