"""Other trackers' rating scales, mapped from pledgewatch's status for export.

pledgewatch keeps six statuses and the G7 Research Group's -1/0/+1. Other trackers rate with
their own words: PolitiFact's promise meters, Université Laval's Polimeter, the OGP Independent
Reporting Mechanism's completion levels, the Japanese government's A/B/F/N follow-up of KPIs.
A rating depends on the status, on whether the commitment's period is over (its deadline has
passed: a 'final' rating) and on whether it has a deadline at all. Every mapping loses some
information; LOSSES says where, in both languages, and the export carries it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from pledgewatch.assess.compliance import SCORE_FOR_STATUS
from pledgewatch.store import models

Status = models.Status


class Scale(StrEnum):
    """The scales a compliance report can be exported in."""

    G7 = "g7"
    POLITIFACT = "politifact"
    POLIMETER = "polimeter"
    OGP = "ogp"
    JAPAN = "japan"


NAMES: Mapping[Scale, tuple[str, str]] = {
    Scale.G7: ("G7 Research Group, -1/0/+1", "G7リサーチ・グループ方式（-1/0/+1）"),
    Scale.POLITIFACT: ("PolitiFact promise meter", "PolitiFactの公約メーター"),
    Scale.POLIMETER: ("Polimeter (Université Laval)", "ポリメーター（ラヴァル大学）"),
    Scale.OGP: ("OGP completion levels", "OGPの達成度"),
    Scale.JAPAN: ("Japanese government A/B/F/N", "日本政府のA/B/F/N評価"),
}


@dataclass(frozen=True)
class Rating:
    """A rating on a scale, with its words in English and Japanese."""

    code: str
    en: str
    ja: str


_G7 = {
    1: Rating("+1", "+1 full compliance", "+1 完全遵守"),
    0: Rating("0", "0 partial compliance or work in progress", "0 部分的遵守・進行中"),
    -1: Rating("-1", "-1 no action or contrary action", "-1 未対応・逆行"),
    None: Rating("n/a", "not assessed", "評価対象外"),
}
_POLITIFACT = {
    "not_yet_rated": Rating("not_yet_rated", "Not Yet Rated", "未評価"),
    "in_the_works": Rating("in_the_works", "In the Works", "進行中"),
    "stalled": Rating("stalled", "Stalled", "停滞"),
    "kept": Rating("kept", "Promise Kept", "公約実現"),
    "compromise": Rating("compromise", "Compromise", "一部実現"),
    "broken": Rating("broken", "Promise Broken", "公約破棄"),
}
_POLIMETER = {
    "kept": Rating("kept", "kept", "実現"),
    "in_part": Rating("in_part", "kept in part or in the works", "一部実現・進行中"),
    "broken": Rating("broken", "broken", "不履行"),
    "not_yet_rated": Rating("not_yet_rated", "not yet rated", "未評価"),
}
_OGP = {
    "not_started": Rating("not_started", "not started", "未着手"),
    "limited": Rating("limited", "limited", "限定的"),
    "substantial": Rating("substantial", "substantial", "相当程度"),
    "complete": Rating("complete", "complete", "完了"),
    "withdrawn": Rating("withdrawn", "withdrawn", "撤回"),
    "no_evidence": Rating("no_evidence", "no evidence available", "根拠なし"),
}
_JAPAN = {
    "A": Rating("A", "A: progress at least on pace", "A: 進捗が想定どおり以上"),
    "B": Rating("B", "B: progress slower than planned", "B: 進捗が想定より遅い"),
    "F": Rating(
        "F",
        "F: the measure itself is the target; checked yearly",
        "F: 施策の実施自体が目標（毎年確認）",
    ),
    "N": Rating("N", "N: no data yet", "N: データなし"),
}

LOSSES: Mapping[Scale, tuple[str, str]] = {
    Scale.G7: (
        "Not started, setback and missed all score -1, so a reversal and mere inaction look "
        "alike; unclear is left out of the averages rather than scored.",
        "未着手・後退・未達はいずれも-1となり、逆行と単なる未対応が区別されない。不明は点数を付けず平均から除く。",
    ),
    Scale.POLITIFACT: (
        "Before the deadline, not started maps to Not Yet Rated although the G7 scale scores it "
        "-1; Stalled (interim) and Promise Broken (final) both come from -1 statuses, and only "
        "Broken is final; commitments without a deadline never get a final rating.",
        "期限前の未着手は「未評価」となるが、G7の尺度では-1である。「停滞」（中間）と「公約破棄」（最終）は"
        "いずれも-1の状況から生じ、最終的なのは後者のみ。期限のないコミットメントは最終評価にならない。",
    ),
    Scale.POLIMETER: (
        "'Kept in part' (final) and 'in the works' (interim) are one verdict, so work in "
        "progress and a partial result look alike; a setback maps to broken although it may "
        "still be reversed.",
        "「一部実現」（最終）と「進行中」（中間）は同じ判定となり、進行中と部分的な結果が区別されない。"
        "後退は覆る可能性があっても「不履行」となる。",
    ),
    Scale.OGP: (
        "pledgewatch does not measure how much of a commitment is done, so in progress always "
        "maps to limited and substantial is never given; setback and missed map to not started "
        "(OGP has no level for contrary action); withdrawn is never given.",
        "pledgewatchは達成の度合いを測らないため、進行中は常に「限定的」とし「相当程度」は付かない。"
        "後退と未達は「未着手」となる（OGPには逆行の段階がない）。「撤回」は付かない。",
    ),
    Scale.JAPAN: (
        "pledgewatch records no measure of pace, so A is given only when achieved and progress "
        "maps to B; B also takes setbacks and misses; F (the measure itself is the target) is "
        "given to commitments without a deadline and says nothing about performance.",
        "pledgewatchは進捗のペースを測らないため、Aは達成時のみ、進行中はBとなる。Bには後退と未達も含まれる。"
        "Fは期限のないコミットメントに付き、成果については何も示さない。",
    ),
}


def rate(scale: Scale, status: str, *, final: bool, has_deadline: bool) -> Rating:
    """The rating of one party's status on ``scale``; ``final`` once the deadline has passed."""
    s = Status(status)
    if scale is Scale.G7:
        return _G7[SCORE_FOR_STATUS[s.value]]
    if scale is Scale.POLITIFACT:
        return _POLITIFACT[_politifact(s, final)]
    if scale is Scale.POLIMETER:
        return _POLIMETER[_polimeter(s, final)]
    if scale is Scale.OGP:
        return _OGP[_ogp(s)]
    return _JAPAN[_japan(s, has_deadline=has_deadline, final=final)]


def _politifact(s: Status, final: bool) -> str:
    if s is Status.ACHIEVED:
        return "kept"
    if s is Status.IN_PROGRESS:
        return "compromise" if final else "in_the_works"
    if s is Status.MISSED:
        return "broken"
    if s is Status.SETBACK:
        return "broken" if final else "stalled"
    if s is Status.NOT_STARTED and final:
        return "broken"
    return "not_yet_rated"


def _polimeter(s: Status, final: bool) -> str:
    if s is Status.ACHIEVED:
        return "kept"
    if s is Status.IN_PROGRESS:
        return "in_part"
    if s in (Status.SETBACK, Status.MISSED) or (s is Status.NOT_STARTED and final):
        return "broken"
    return "not_yet_rated"


def _ogp(s: Status) -> str:
    return {
        Status.ACHIEVED: "complete",
        Status.IN_PROGRESS: "limited",
        Status.UNCLEAR: "no_evidence",
    }.get(s, "not_started")


def _japan(s: Status, *, has_deadline: bool, final: bool) -> str:
    if s is Status.ACHIEVED:
        return "A"
    if s is Status.UNCLEAR:
        return "N"
    if not has_deadline:
        return "F"
    if s is Status.NOT_STARTED and not final:
        return "N"
    return "B"
