"""Japanese numerals written in kanji, shared by deadline and money reading."""

from __future__ import annotations

JA_DIGITS = {char: value for value, char in enumerate("〇一二三四五六七八九")} | {"零": 0}
JA_POWERS = {"十": 10, "百": 100, "千": 1000}


def kanji_number(text: str) -> int:
    """Read "四十五" (45), "百八十" (180) and positional "二〇二六" (2026).

    Only 十, 百 and 千 are powers here: larger units (万, 億, 兆) are scales that the money
    reader applies itself.
    """
    if not any(char in JA_POWERS for char in text):
        return int("".join(str(JA_DIGITS[char]) for char in text))
    total = digit = 0
    for char in text:
        if char in JA_POWERS:
            total += (digit or 1) * JA_POWERS[char]
            digit = 0
        else:
            digit = JA_DIGITS[char]
    return total + digit
