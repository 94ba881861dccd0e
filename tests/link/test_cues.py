"""Event cues in both languages: what happened, negation and plans, and the judgement."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledgewatch.errors import LexiconError
from pledgewatch.link.cues import CueHit, CueLexicon, judgement_of, load_cue_file


@pytest.fixture(scope="module")
def cues() -> CueLexicon:
    return CueLexicon()


def classes(lexicon: CueLexicon, text: str) -> list[tuple[str, str | None]]:
    return [(hit.cue_class, hit.modifier) for hit in lexicon.find_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("閣僚会合を東京で開催した。", ("achieved", "meeting")),
        ("両国は協定に署名した。", ("achieved", "agreement")),
        ("最初の案件が選定された。", ("achieved", "selection")),
        ("補正予算が参議院で可決、成立した。", ("achieved", "approval")),
        ("The ministerial was held in Washington.", ("achieved", "meeting")),
        ("The two ministers signed the memorandum.", ("achieved", "agreement")),
        ("The bank financed the smelter.", ("achieved", "finance")),
        ("The bank decided to provide a loan to the refinery.", ("achieved", "finance")),
        ("国際協力銀行は精錬事業への融資を決定した。", ("achieved", "finance")),
        ("Defence spending reached 2% of GDP.", ("achieved", "attainment")),
        # Headlines tell a past event in the present tense.
        (
            "METI launches rapid response group with US Energy Department",
            ("achieved", "establishment"),
        ),
        ("Japan's cabinet approves revised security strategy", ("achieved", "approval")),
        ("防衛関連費はGDP比2%に達した。", ("achieved", "attainment")),
        ("A working group was established on Monday.", ("achieved", "establishment")),
    ],
)
def test_achieved_cues_and_their_kind(
    cues: CueLexicon, text: str, expected: tuple[str, str]
) -> None:
    found = [(hit.cue_class, hit.kind) for hit in cues.find_text(text)]
    assert expected in found


@pytest.mark.parametrize(
    "text",
    [
        # A tranche named is a step: its projects exist, whatever verb the report uses.
        "対米投資第1弾の3つの事業は人工ダイヤモンドの製造などとなっている。",
        "The first tranche of projects includes a gas-fired power plant.",
        # Work begun is a step too.
        "日米は重要鉱物の共同地質調査を開始した。",
        "Japan and the United States began joint geological mapping.",
        "The two governments identified three magnet projects.",
    ],
)
def test_a_tranche_or_a_start_is_a_step(cues: CueLexicon, text: str) -> None:
    assert ("progress", "step") in [(hit.cue_class, hit.kind) for hit in cues.find_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "閣僚会合を来月開催する予定だ。",
        "閣僚会合の開催を検討している。",
        "年内にも開催する方針。",
        "The ministerial will be held in April.",
        "The agreement is set to be signed next month.",
        "The meeting is expected to be held in spring.",
    ],
)
def test_plans_turn_achieved_into_progress(cues: CueLexicon, text: str) -> None:
    found = cues.find_text(text)
    assert found
    assert all(hit.cue_class != "achieved" for hit in found)
    assert any(hit.modifier == "plan" for hit in found)


@pytest.mark.parametrize(
    "text",
    [
        "閣僚会合はまだ開催されていない。",
        "閣僚会合は開かれなかった。",
        "The ministerial has not been held.",
        "The agreement was never signed.",
    ],
)
def test_an_act_not_done_is_no_cue(cues: CueLexicon, text: str) -> None:
    # "Has not been held" is not a step toward holding it: the item only mentions the act.
    assert cues.find_text(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "会合は延期された。",
        "計画は中止となった。",
        "最高裁は関税を違憲と判断した。",
        "The talks were postponed.",
        "The court struck down the tariffs.",
        "Japanese buyers are reluctant to join the project.",
        # Present and progressive tenses, refusals and breaches.
        "Tokyo is delaying the second meeting.",
        "Japan declines to fund the project.",
        "The US raises tariffs, breaking the agreed rate.",
        "日本は資金拠出を拒否した。",
        "会合は開催のめどが立っていない。",
    ],
)
def test_setback_cues(cues: CueLexicon, text: str) -> None:
    assert "setback" in [hit.cue_class for hit in cues.find_text(text)]


@pytest.mark.parametrize(
    ("text", "achieved"),
    [
        ("日本は中国に輸出規制の撤回を求めた。", False),
        ("政府は米側に関税措置の停止を強く求めている。", False),
        ("Japan urged Washington to have the tariffs suspended.", False),
        ("日本は閣僚会合の早期開催を求めた。", True),
        ("Tokyo pressed for the working group to be established.", True),
    ],
)
def test_a_demand_is_not_the_act(cues: CueLexicon, text: str, achieved: bool) -> None:
    # Someone asking for a withdrawal (or a meeting) does not report that it happened.
    found = cues.find_text(text)
    assert all(hit.cue_class != "setback" for hit in found)
    assert all(hit.cue_class != "achieved" for hit in found)
    if achieved:
        assert any(hit.modifier == "demand" for hit in found)


def test_a_negated_setback_is_no_setback(cues: CueLexicon) -> None:
    assert "setback" not in [hit.cue_class for hit in cues.find_text("会合は中止されなかった。")]
    assert "setback" not in [hit.cue_class for hit in cues.find_text("It was not cancelled.")]


def test_the_acts_of_a_commitment_come_from_its_statement(cues: CueLexicon) -> None:
    assert cues.acts_of("Convene a ministerial within 180 days", "") == {"meeting"}
    assert cues.acts_of("", "日米造船作業部会を設置する。") == {"establishment", "meeting"}
    assert cues.acts_of("Intensify cooperation on supply chains", "協力を強化する。") == set()


def hit(cue_class: str, kind: str) -> CueHit:
    return CueHit(cue_class, kind, "x", 0, 1)  # type: ignore[arg-type]


def test_achieved_needs_an_event_of_the_commitments_kind() -> None:
    held = [(hit("achieved", "meeting"), 1.0)]
    assert judgement_of(held, frozenset({"meeting"})) == "achieved"
    # A meeting held is only a step for a commitment to expand capacity.
    assert judgement_of(held, frozenset()) == "progress"
    assert judgement_of(held, frozenset({"attainment"})) == "progress"


def test_judgement_weighs_setbacks_and_falls_back_to_mention() -> None:
    assert judgement_of([], frozenset()) == "mention"
    mixed = [(hit("setback", "setback"), 1.0), (hit("progress", "step"), 1.0)]
    assert judgement_of(mixed, frozenset()) == "setback"
    steps = [(hit("setback", "setback"), 1.0)] + [(hit("progress", "step"), 1.0)] * 3
    assert judgement_of(steps, frozenset()) == "progress"


def test_a_broken_cue_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(
        "format: pledgewatch-cues/1\ncues: [{class: done, kind: x}]\ncommitment_acts: []\n"
        "modifiers: {negation: {}, plan: {}}\n"
    )
    with pytest.raises(LexiconError, match="cues"):
        load_cue_file(path)
    path.write_text(
        "format: pledgewatch-cues/1\ncues: [{class: achieved, kind: meeting, en: [held]}]\n"
        "commitment_acts: [{kinds: [launch], en: [launch]}]\n"
        "modifiers: {negation: {}, plan: {}}\n"
    )
    with pytest.raises(LexiconError, match="unknown kinds"):
        load_cue_file(path)


def test_an_event_called_off_in_the_same_clause_is_not_achieved(cues: CueLexicon) -> None:
    found = cues.find_text("日米作業部会の初会合、年内開催は見送り")
    assert "achieved" not in [hit.cue_class for hit in found]
    assert "setback" in [hit.cue_class for hit in found]
