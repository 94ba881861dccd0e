"""How a deadline was computed, read in English and in Japanese (brief/deadline_rules.py).

The rules come from text/temporal.py itself, so a change of its wording that this module does
not follow fails here rather than showing English to a Japanese reader.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from pledgewatch.brief.deadline_rules import anchor_text, rule_text
from pledgewatch.text.temporal import resolve_deadline

SIGNED = date(2025, 10, 28)


@pytest.mark.parametrize(
    ("expression", "japanese"),
    [
        ("within 180 days", "2025-10-28から180日後"),
        ("6か月以内", "2025-10-28から6か月後"),
        ("within 3 weeks", "2025-10-28から3週間後"),
        ("within two years", "2025-10-28から2年後"),
        ("within 10 business days", "2025-10-28から10営業日後（月〜金曜で数え、祝日は除かない）"),
        ("2025年度末", "2025年度末（4月〜翌年3月）"),
        ("next fiscal year", "2026年度末（4月〜翌年3月）"),
        ("来年末", "2026年末"),
        ("2006-8", "2008年末（2006〜2008年の範囲）"),
        ("until January 19, 2029", "記載の日付"),
        ("March 5", "記載の日付（年の記載がないため、2025-10-28以降で最初に来る2026年とした）"),
        ("来年3月5日", "記載の日付（2025-10-28から見た「来年」で、2026年）"),
        ("12/31/26", "記載の日付（月/日/年の順に読む）"),
        ("来年3月末", "2026年3月末"),
        ("2026年3月上旬", "2026年3月上旬（1〜10日）"),
        ("mid-March", "2026年3月中旬（11〜20日）"),
        ("2026年度第1四半期", "2026年度第1四半期末（4月〜6月）"),
        ("Q3 2026", "2026年第3四半期末（7月〜9月）"),
        ("上半期", "2026年度（4月〜翌年3月）の上半期の終わり"),
        ("first half of 2026", "2026年の上半期の終わり"),
        ("late 2026", "2026年の終わり頃（最後の四半期）の終わり"),
        ("2026年央", "2026年の半ば（上半期の終わりとして計算）の終わり"),
        ("年明け", "2026年の年明け（1月）の終わり"),
        ("next spring", "2026年の春の終わり（春は3月〜5月）"),
        ("来年冬", "2026-27年の冬の終わり（冬は12月〜2月）"),
    ],
)
def test_every_rule_form_reads_in_japanese(expression: str, japanese: str) -> None:
    rule = resolve_deadline(expression, reference=SIGNED).rule
    assert rule_text(rule, "en") == rule
    assert rule_text(rule, "ja") == japanese
    assert not re.search(r"[A-Za-z]", rule_text(rule, "ja"))


def test_an_event_named_in_the_expression_keeps_its_own_words() -> None:
    rule = resolve_deadline("within 30 days of the selection", reference=SIGNED).rule
    assert (
        rule_text(rule, "ja")
        == "2025-10-28から30日後（2025-10-28を「the selection」の基準日とする）"
    )


def test_an_unknown_form_is_shown_as_it_is() -> None:
    assert rule_text("counted by hand", "ja") == "counted by hand"


@pytest.mark.parametrize(
    ("anchor", "day", "lang", "expected"),
    [
        ("agreement", SIGNED, "en", "the agreement's date (2025-10-28)"),
        ("agreement", SIGNED, "ja", "合意日（2025-10-28）"),
        ("document:mou", date(2025, 9, 4), "en", "the date of document mou (2025-09-04)"),
        ("document:mou", date(2025, 9, 4), "ja", "文書 mou の日付（2025-09-04）"),
        ("event:project-selection", None, "en", "the event project-selection"),
        ("event:project-selection", None, "ja", "事象 project-selection"),
    ],
)
def test_anchors_are_named(anchor: str, day: date | None, lang: str, expected: str) -> None:
    assert anchor_text(anchor, day, lang) == expected
