"""Find amounts of money in a commitment, in Japanese or English, with their currency.

Money is one of the compliance catalysts of COMMITMENTS.md, and "$550 billion" and
5,500億ドル must come out as the same number. Amounts are read as written: "up to $20 billion"
gives 20 billion, and a conversion given in brackets after an amount (5500億ドル（約84兆円）)
is dropped, since it restates the same money in another currency.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from pledgewatch.capture.proposals import Money
from pledgewatch.text.numbers import is_kanji_number, kanji_number

_SCALES = {
    "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12, "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9, "b": Decimal(10) ** 9, "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6, "m": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
    "thousand": Decimal(1000), "k": Decimal(1000),
    "兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000),
}  # fmt: skip
_SYMBOLS = {
    "us$": "USD", "us $": "USD", "u.s.$": "USD", "usd": "USD", "usd $": "USD", "$": "USD",
    "c$": "CAD", "cad": "CAD", "a$": "AUD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "円": "JPY", "ドル": "USD", "米ドル": "USD", "ユーロ": "EUR",
    "ポンド": "GBP", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "euros": "EUR", "euro": "EUR", "yen": "JPY", "pounds": "GBP", "pounds sterling": "GBP",
    "元": "CNY", "人民元": "CNY", "ウォン": "KRW",
}  # fmt: skip

_NUMBER = r"\d[\d,，]*(?:[.．]\d+)?"
_SCALE_EN = r"(?:trillion|billion|million|thousand|bn|tn|mn|mln|[bmk])\b"
_EN_BEFORE = re.compile(
    rf"(?P<sym>US\s?\$|U\.S\.\s?\$|USD\s?\$?|C\$|A\$|\$|€|£|¥|EUR\s?|GBP\s?|JPY\s?)\s?"
    rf"(?P<num>{_NUMBER})\s?(?P<scale>{_SCALE_EN})?",
    re.IGNORECASE,
)
_EN_AFTER = re.compile(
    rf"(?<![\w$€£¥])(?P<num>{_NUMBER})\s?(?P<scale>{_SCALE_EN})?\s?"
    r"(?P<sym>(?:US |U\.S\. )?dollars|euros?|yen|pounds(?: sterling)?|USD|EUR|JPY|GBP)\b",
    re.IGNORECASE,
)
_JA_NUMBER = r"[0-9０-９][0-9０-９,，]*(?:[.．・][0-9０-９]+)?|[〇一二三四五六七八九十百千]+"
_JA = re.compile(
    rf"(?P<num>{_JA_NUMBER})(?P<scale>兆|億|万|千)?"
    rf"(?:(?P<num2>{_JA_NUMBER})(?P<scale2>億|万|千))?"
    r"(?P<sym>米ドル|ドル|円|ユーロ|ポンド|人民元|元|ウォン)"
)
_CONVERSION = re.compile(r"^\s*[(（]\s*(?:約|およそ|about|approximately|approx\.|around|some)?\s*$")


def find_money(text: str) -> list[Money]:
    """Every amount of money in `text`, in order, conversions in brackets left out."""
    found: list[tuple[int, int, Money]] = []
    for pattern in (_EN_BEFORE, _EN_AFTER, _JA):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end, _ in found):
                continue
            money = _read(match)
            if money is not None:
                found.append((match.start(), match.end(), money))
    found.sort(key=lambda item: item[0])
    kept: list[Money] = []
    last_end = -1
    for start, end, money in found:
        if kept and _CONVERSION.match(text[last_end:start]):
            last_end = end
            continue
        kept.append(money)
        last_end = end
    return kept


def _read(match: re.Match[str]) -> Money | None:
    symbol = " ".join(unicodedata.normalize("NFKC", match.group("sym")).lower().split())
    currency = _SYMBOLS.get(symbol.rstrip()) or _SYMBOLS.get(symbol.replace(" ", ""))
    if currency is None:
        return None
    try:
        amount = _number(match.group("num")) * _scale(match.group("scale"))
        if match.groupdict().get("num2"):
            amount += _number(match.group("num2")) * _scale(match.group("scale2"))
    except (InvalidOperation, KeyError):
        return None
    if amount <= 0:
        return None
    return Money(amount=amount.normalize() if amount % 1 else amount.quantize(Decimal(1)),
                 currency=currency, text=match.group().strip())  # fmt: skip


def _scale(word: str | None) -> Decimal:
    return _SCALES[word.lower()] if word else Decimal(1)


def _number(text: str) -> Decimal:
    if is_kanji_number(text):
        return Decimal(kanji_number(text))
    normal = unicodedata.normalize("NFKC", text).replace(",", "").replace("・", ".")
    return Decimal(normal)
