"""Find amounts of money in a commitment, in Japanese or English, with their currency.

Money is one of the compliance catalysts of COMMITMENTS.md, and "$550 billion" and
5,500億ドル must come out as the same number. Amounts are read as written: "up to $20 billion"
gives 20 billion, and a conversion given in brackets after an amount (5500億ドル（約84兆円）)
is dropped, since it restates the same money in another currency. A range ("$390-400
billion", 1～2兆円, "$1 billion to $2 billion") is one amount, read at its upper end as "up to"
is, with the whole range kept as its text; a vague count (数千億円, "billions") is no amount.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from pledgewatch.capture.proposals import Money
from pledgewatch.text.numbers import JA_DIGITS, JA_POWERS

_SCALES = {
    "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12, "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9, "b": Decimal(10) ** 9, "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6, "m": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
    "thousand": Decimal(1000), "k": Decimal(1000),
}  # fmt: skip
_JA_SCALES = {"兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4}
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
_SYM_EN = r"US\s?\$|U\.S\.\s?\$|USD\s?\$?|C\$|A\$|\$|€|£|¥|EUR\s?|GBP\s?|JPY\s?"
_EN_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?P<sym>{_SYM_EN})\s?(?:(?P<low>{_NUMBER})\s?(?:-|–|to)\s?(?:{_SYM_EN})?\s?)?"
    rf"(?P<num>{_NUMBER})\s?(?P<scale>{_SCALE_EN})?",
    re.IGNORECASE,
)
_EN_AFTER = re.compile(
    rf"(?<![\w$€£¥.,])(?:(?P<low>{_NUMBER})\s?(?:-|–|to)\s?)?(?P<num>{_NUMBER})\s?"
    rf"(?P<scale>{_SCALE_EN})?\s?"
    r"(?P<sym>(?:US |U\.S\. )?dollars|euros?|yen|pounds(?: sterling)?|USD|EUR|JPY|GBP)\b",
    re.IGNORECASE,
)
# A Japanese amount: digits or kanji numerals, each group followed by 兆, 億 or 万 ("1兆2000億",
# "1兆5千億", "３９３４・５億"); a figure of several (数千億円) is not an amount.
_JA_FIGURE = (
    r"(?:[0-9０-９][0-9０-９,，]*(?:[.．・][0-9０-９]+)?[十百千]?"
    r"|[〇一二三四五六七八九十百千]+)"
)
_JA_AMOUNT = rf"(?:{_JA_FIGURE}[兆億万]){{0,2}}{_JA_FIGURE}[兆億万]?"
_JA = re.compile(
    rf"(?<![数幾何0-9０-９.．,，・〇一二三四五六七八九十百千])"
    rf"(?:(?P<low>{_JA_AMOUNT})\s?[～〜~]\s?)?(?P<num>{_JA_AMOUNT})"
    r"(?P<sym>米ドル|ドル|円|ユーロ|ポンド|人民元|元|ウォン)"
)
_CONVERSION = re.compile(r"^\s*[(（]\s*(?:約|およそ|about|approximately|approx\.|around|some)?\s*$")
_RANGE = re.compile(r"^\s*(?:-|–|—|～|〜|~|to|から|and)\s*$", re.IGNORECASE)


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
    kept: list[tuple[int, int, Money]] = []
    for start, end, money in found:
        if kept and _CONVERSION.match(text[kept[-1][1] : start]):
            kept[-1] = (kept[-1][0], end, kept[-1][2])  # the bracket belongs to the amount
            continue
        if kept and _is_range(text, kept[-1], (start, money)):
            first = kept[-1]
            joined = Money(max(first[2].amount, money.amount), money.currency,
                           text[first[0] : end].strip())  # fmt: skip
            kept[-1] = (first[0], end, joined)
            continue
        kept.append((start, end, money))
    return [money for _, _, money in kept]


def _is_range(text: str, first: tuple[int, int, Money], second: tuple[int, Money]) -> bool:
    """Two amounts of one currency joined as a range: "$1 billion to $2 billion", 1兆円～2兆円."""
    between = text[first[1] : second[0]]
    if first[2].currency != second[1].currency or not _RANGE.match(between):
        return False
    before = text[max(0, first[0] - 12) : first[0]]
    if between.strip().lower() == "and":  # only "between X and Y"
        return bool(re.search(r"\bbetween\s*$", before, re.IGNORECASE))
    # "from $5 billion to $3 billion" is a change, not a range
    return not re.search(r"\bfrom\s*$", before, re.IGNORECASE)


def _read(match: re.Match[str]) -> Money | None:
    symbol = " ".join(unicodedata.normalize("NFKC", match.group("sym")).lower().split())
    currency = _SYMBOLS.get(symbol.rstrip()) or _SYMBOLS.get(symbol.replace(" ", ""))
    if currency is None:
        return None
    groups = match.groupdict()
    try:
        if "scale" in groups:  # English: the scale written once applies to a range's both ends
            scale = _SCALES[groups["scale"].lower()] if groups["scale"] else Decimal(1)
            amount = _number(groups["num"]) * scale
            if groups["low"] and _number(groups["low"]) * scale >= amount:
                return None  # "2024-25 dollars" or a descending pair is no range
        else:
            amount = _ja_amount(groups["num"])
            if groups["low"] and _ja_amount(groups["low"], like=groups["num"]) >= amount:
                return None
    except (InvalidOperation, KeyError, ValueError):
        return None
    if amount <= 0:
        return None
    return Money(amount=amount.normalize() if amount % 1 else amount.quantize(Decimal(1)),
                 currency=currency, text=match.group().strip())  # fmt: skip


def _plain(text: str) -> str:
    """Half-width, without thousands separators; the decimal point of ３９３４・５ is a dot."""
    return unicodedata.normalize("NFKC", text).replace(",", "").replace("・", ".")


def _number(text: str) -> Decimal:
    return Decimal(_plain(text))


def _ja_amount(text: str, *, like: str | None = None) -> Decimal:
    """Read "1兆2000億", "1兆5千億", "千五百億", "３９３４・５億"; `like` lends its last scale.

    In 1～2兆円 the low end "1" is in the scale of the high end (兆), so it is read as 1兆.
    """
    normal = _plain(text)
    if like is not None and normal[-1] not in _JA_SCALES:
        last = unicodedata.normalize("NFKC", like)[-1]
        normal += last if last in _JA_SCALES else ""
    total = Decimal(0)
    for figure, scale in re.findall(r"([^兆億万]+)([兆億万]?)", normal):
        total += _ja_figure(figure) * (_JA_SCALES[scale] if scale else Decimal(1))
    return total


def _ja_figure(text: str) -> Decimal:
    """Read 45, 1.5, 5千, 四十五, 千五百, 二〇二六: digits and kanji, 十/百/千 as powers."""
    total, digit = Decimal(0), None
    for token in re.findall(r"\d+(?:\.\d+)?|.", text):
        if token in JA_POWERS:
            total += (digit if digit is not None else Decimal(1)) * JA_POWERS[token]
            digit = None
        elif token in JA_DIGITS:
            digit = (digit or Decimal(0)) * 10 + JA_DIGITS[token]
        else:
            digit = Decimal(token)
    return total + (digit or Decimal(0))
