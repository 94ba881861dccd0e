"""Dates and time frames found in running text and resolved, in English and Japanese."""

from __future__ import annotations

from datetime import date

import pytest

from pledgewatch.text.timex import find_time_mentions, pick_deadline

SIGNED = date(2025, 10, 28)


@pytest.mark.parametrize(
    ("language", "text", "written", "due", "precision"),
    [
        (
            "en",
            "convene a ministerial within 180 days.",
            "within 180 days",
            date(2026, 4, 26),
            "day",
        ),
        (
            "en",
            "provide financing within six months.",
            "within six months",
            date(2026, 4, 28),
            "day",
        ),
        (
            "en",
            "publish a plan by the end of 2026.",
            "by the end of 2026",
            date(2026, 12, 31),
            "year",
        ),
        ("en", "report back to us in September on", "in September", date(2026, 9, 30), "month"),
        (
            "en",
            "rules in place by Summer 2026, where",
            "by Summer 2026",
            date(2026, 8, 31),
            "month",
        ),
        ("en", "preferably by 12/31/26, to", "by 12/31/26", date(2026, 12, 31), "day"),
        ("en", "a meeting later this year.", "later this year", date(2025, 12, 31), "year"),
        ("en", "sign it within the next year,", "within the next year", date(2026, 10, 28), "day"),
        ("ja", "令和8年度中に運用を開始する。", "令和8年度中", date(2027, 3, 31), "fiscal_year"),
        ("ja", "今年度末までに取りまとめる。", "今年度末までに", date(2026, 3, 31), "fiscal_year"),
        ("ja", "来年春を目途に改定する。", "来年春を目途に", date(2026, 5, 31), "month"),
        ("ja", "年内に初会合を開く。", "年内", date(2025, 12, 31), "year"),
        ("ja", "来年1月1日から施行する。", "来年1月1日", date(2026, 1, 1), "day"),
        ("ja", "2026年2月上旬に開催する。", "2026年2月上旬", date(2026, 2, 10), "day"),
        (
            "ja",
            "署名の日から180日以内に開催する。",
            "署名の日から180日以内",
            date(2026, 4, 26),
            "day",
        ),
        ("ja", "１０営業日以内に通知する。", "１０営業日以内", date(2025, 11, 11), "day"),
    ],
)
def test_mentions_in_running_text(
    language: str, text: str, written: str, due: date, precision: str
) -> None:
    (mention,) = find_time_mentions(text, language, reference=SIGNED)
    assert mention.text == written
    assert text[mention.start : mention.end].strip() == written
    assert mention.resolved is not None
    assert mention.resolved.date == due
    assert mention.precision.value == precision


@pytest.mark.parametrize(
    ("language", "text", "event"),
    [
        (
            "en",
            "Japan funds it within 45 days of the President's decision.",
            "the President's decision",
        ),
        ("ja", "大統領の選定から45日以内に資金を拠出する。", "大統領の選定"),
    ],
)
def test_a_period_counted_from_an_event_keeps_the_event(
    language: str, text: str, event: str
) -> None:
    (mention,) = find_time_mentions(text, language, reference=SIGNED)
    assert mention.event == event
    assert mention.resolved is None
    assert mention.deadline_cue


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ja", "総議員の3分の2以上の賛成で"),
        ("ja", "各議院の総議員の三分の二以上"),
        ("en", "2/3 of the members may vote"),
        ("en", "We may act if the Members so decide."),
        ("en", "US$ 25 billion a year"),
        ("en", "reduce emissions by 25% by the middle of the century"),
        ("en", "a part of the year nobody reads: the early part of 2026"),  # not the whole year
        ("ja", "3年前半の成果"),  # the first half of three years, not of this year
        ("ja", "年初来高値を更新した"),  # year to date, not a deadline
    ],
)
def test_false_hits_are_refused(language: str, text: str) -> None:
    assert find_time_mentions(text, language, reference=SIGNED) == []


def test_the_deadline_is_a_limit_not_yet_past_and_a_stated_date_wins() -> None:
    text = "launched in 2010; raise $20 billion over ten years to 2012"
    mentions = find_time_mentions(text, "en", reference=date(2005, 7, 6))
    assert [m.text for m in mentions] == ["in 2010", "over ten years", "to 2012"]
    chosen = pick_deadline(mentions, reference=date(2011, 1, 1))
    assert chosen is not None
    assert chosen.text == "to 2012"
    text = "adopted in 2010, to be completed by 2015"
    chosen = pick_deadline(find_time_mentions(text, "en", reference=date(2012, 1, 1)),
                           reference=date(2012, 1, 1))  # fmt: skip
    assert chosen is not None
    assert chosen.text == "by 2015"


def test_without_a_document_date_only_absolute_dates_resolve() -> None:
    text = "within 180 days, and no later than January 31, 2027"
    relative, absolute = find_time_mentions(text, "en", reference=None)
    assert relative.resolved is None
    assert absolute.resolved is not None
    assert absolute.resolved.date == date(2027, 1, 31)


@pytest.mark.parametrize(
    ("language", "text", "written", "due", "precision"),
    [
        ("en", "complete the review by mid-2026.", "by mid-2026", date(2026, 6, 30), "half"),
        (
            "en",
            "by the first half of 2026,",
            "by the first half of 2026",
            date(2026, 6, 30),
            "half",
        ),
        (
            "en",
            "deliver in the second half of FY2026.",
            "in the second half of FY2026",
            date(2027, 3, 31),
            "half",
        ),
        ("en", "start in early 2027.", "in early 2027", date(2027, 3, 31), "quarter"),
        ("en", "finish by late 2026.", "by late 2026", date(2026, 12, 31), "quarter"),
        (
            "en",
            "by the beginning of 2027,",
            "by the beginning of 2027",
            date(2027, 3, 31),
            "quarter",
        ),
        ("en", "meet in H1 2026.", "in H1 2026", date(2026, 6, 30), "half"),
        ("ja", "2026年上半期中に策定する", "2026年上半期中", date(2026, 6, 30), "half"),
        ("ja", "2026年度上期に開始する", "2026年度上期", date(2026, 9, 30), "half"),
        ("ja", "下半期に開催する", "下半期", date(2026, 3, 31), "half"),
        ("ja", "年央までに取りまとめる", "年央までに", date(2026, 6, 30), "half"),
        ("ja", "来年前半に開始する", "来年前半", date(2026, 6, 30), "half"),
        ("ja", "年明けに公表する", "年明け", date(2026, 1, 31), "month"),
        ("ja", "年明けまでに決定する", "年明けまでに", date(2025, 12, 31), "year"),
        ("ja", "2027年初頭に稼働する", "2027年初頭", date(2027, 3, 31), "quarter"),
    ],
)
def test_parts_of_a_year_end_with_their_part(
    language: str, text: str, written: str, due: date, precision: str
) -> None:
    (mention,) = find_time_mentions(text, language, reference=SIGNED)
    assert mention.text == written
    assert mention.resolved is not None
    assert mention.resolved.date == due
    assert mention.precision.value == precision
    assert mention.names_year == (written not in ("下半期",))


@pytest.mark.parametrize(
    ("language", "text", "names_year"),
    [
        ("en", "by the end of 2026", True),
        ("en", "later this year", True),
        ("en", "within the next year", True),
        ("en", "preferably by 12/31/26", True),
        ("en", "by July", False),
        ("en", "by next spring", False),
        ("en", "within five years", False),
        ("en", "over the coming 18 months", False),
        ("ja", "令和8年度中に", True),
        ("ja", "年内に", True),
        ("ja", "来年春までに", True),
        ("ja", "6月末までに", False),
        ("ja", "3年以内に", False),
    ],
)
def test_a_mention_says_whether_it_names_a_year(language: str, text: str, names_year: bool) -> None:
    (mention,) = find_time_mentions(text, language, reference=SIGNED)
    assert mention.names_year is names_year
