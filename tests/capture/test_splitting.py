"""Split by target, not by sentence (COMMITMENTS.md), in English and Japanese."""

from __future__ import annotations

from datetime import date

import pytest

from pledgewatch.capture.proposals import extract_commitments
from pledgewatch.capture.splitting import split_targets


def test_coordinated_goals_are_split_and_share_their_opening() -> None:
    text = (
        "We will achieve strong and sustainable growth in our economies "
        "and safeguard our economies against downside risks."
    )
    targets = split_targets(text, 10, "en")
    assert [t.text for t in targets] == [
        "We will achieve strong and sustainable growth in our economies",
        "We will safeguard our economies against downside risks.",
    ]
    assert text[targets[1].start - 10 : targets[1].end - 10].startswith("safeguard")


def test_a_chain_of_steps_toward_one_target_stays_whole() -> None:
    text = "The Participants will identify and finance selected projects in both countries."
    assert len(split_targets(text, 0, "en")) == 1
    text = "We will develop, deploy and foster the use of clean energy technologies."
    assert len(split_targets(text, 0, "en")) == 1


def test_an_inline_lettered_list_gives_one_target_per_item() -> None:
    text = (
        "We commit to deliver three targets: a) Reduce HIV infections by 25% by 2010; "
        "b) Reduce TB deaths by 50% by 2010; c) Reduce the burden of malaria by 50% by 2010"
    )
    targets = split_targets(text, 0, "en")
    assert [t.text for t in targets] == [
        "We commit to deliver three targets: Reduce HIV infections by 25% by 2010",
        "We commit to deliver three targets: Reduce TB deaths by 50% by 2010",
        "We commit to deliver three targets: Reduce the burden of malaria by 50% by 2010",
    ]
    assert all(text[t.start : t.end].startswith("Reduce") for t in targets)


def test_japanese_goals_joined_by_tomoni_are_split() -> None:
    text = "両首脳は、日米同盟の抑止力を一層強化するとともに、同志国との連携を一層推進していく。"
    targets = split_targets(text, 0, "ja")
    assert [t.text for t in targets] == [
        "両首脳は、日米同盟の抑止力を一層強化する。",
        "両首脳は、同志国との連携を一層推進していく。",
    ]


def test_a_welcome_joined_to_an_action_keeps_only_the_action() -> None:
    text = "両者は、企業の関心を歓迎するとともに、投資の促進に向けて協力を強化していく。"
    result = extract_commitments(text, document_date=date(2025, 10, 28), language="ja")
    assert [p.text for p in result.proposals] == ["両者は、投資の促進に向けて協力を強化していく。"]


def test_a_lead_in_with_bullets_gives_one_commitment_per_bullet() -> None:
    text = (
        "Energy Security\n\n"
        "The Participants will take the following steps:\n"
        "- diversify supply chains for critical minerals;\n"
        "- expand stockpiles of rare earths;\n"
        "- streamline permitting for mining projects.\n"
    )
    result = extract_commitments(text, document_date=date(2025, 10, 28), language="en")
    assert [p.text for p in result.proposals] == [
        "The Participants will take the following steps: diversify supply chains for critical "
        "minerals;",
        "The Participants will take the following steps: expand stockpiles of rare earths;",
        "The Participants will take the following steps: streamline permitting for mining "
        "projects.",
    ]
    for proposal in result.proposals:
        assert text[proposal.span[0] : proposal.span[1]] in proposal.text


def test_split_parts_keep_what_governs_the_whole_sentence() -> None:
    text = (
        "日米首脳会談\n\n両首脳は、日米同盟の抑止力を一層強化すると共に、"
        "同志国との連携を一層推進していくことを確認した。\n"
    )
    result = extract_commitments(text, document_date=date(2025, 10, 28), language="ja")
    assert len(result.proposals) == 2
    assert all(p.grey_zone is not None for p in result.proposals)  # both under 確認した
    assert all(p.parties == ["JP", "US"] for p in result.proposals)


WHOLE = "We will strengthen and diversify supply chains for critical minerals and rare earths."


@pytest.mark.parametrize(
    ("language", "text", "parts"),
    [
        # distinct targets, each with its own verb and object
        (
            "en",
            "We will expand investment in shipbuilding and establish a working group on port "
            "security.",
            [
                "We will expand investment in shipbuilding",
                "We will establish a working group on port security.",
            ],
        ),
        (
            "en",
            "We will expand investment in shipbuilding, establish a working group on port "
            "security and share best practices.",
            [
                "We will expand investment in shipbuilding",
                "We will establish a working group on port security",
                "We will share best practices.",
            ],
        ),
        (
            "ja",
            "両国は、造船への投資を拡大し、港湾保安に関する作業部会を設置する。",
            ["両国は、造船への投資を拡大する。", "両国は、港湾保安に関する作業部会を設置する。"],
        ),
        (
            "ja",
            "日米は、造船能力を拡大するため、共同投資を行い、人材を育成する。",
            [
                "日米は、造船能力を拡大するため、共同投資を行う。",
                "日米は、造船能力を拡大するため、人材を育成する。",
            ],
        ),
        # one target: verbs sharing one object, or a step pointing back to the first
        (
            "en",
            "We will strengthen and diversify supply chains for critical minerals and rare earths.",
            [WHOLE],
        ),
        (
            "en",
            "We will encourage the development of cleaner vehicles and promote their deployment.",
            ["We will encourage the development of cleaner vehicles and promote their deployment."],
        ),
        (
            "en",
            "We will work together and support the reconstruction of Ukraine.",
            ["We will work together and support the reconstruction of Ukraine."],
        ),
        (
            "en",
            "We will encourage cleaner, more efficient and lower-emitting vehicles.",
            ["We will encourage cleaner, more efficient and lower-emitting vehicles."],
        ),
        (
            "ja",
            "両国は、重要鉱物及びレアアースのサプライチェーンを強化し、多様化する。",
            ["両国は、重要鉱物及びレアアースのサプライチェーンを強化し、多様化する。"],
        ),
        (
            "ja",
            "両国は、有望な案件を特定し、これに資金を供給する。",
            ["両国は、有望な案件を特定し、これに資金を供給する。"],
        ),
    ],
)
def test_coordinated_goals_split_by_target(language: str, text: str, parts: list[str]) -> None:
    targets = split_targets(text, 5, language)
    assert [t.text for t in targets] == parts
    for target in targets:  # each part carries its own span, a non-empty stretch of the text
        assert 5 <= target.start < target.end <= 5 + len(text)
    if len(targets) > 1:
        assert targets[0].end <= targets[1].start


def test_each_coordinated_goal_is_its_own_proposal_with_its_own_span() -> None:
    for language, text in (
        ("en", "We will expand investment in shipbuilding and establish a working group on port "
               "security by the end of 2026."),
        ("ja", "両国は、造船への投資を拡大し、2026年末までに港湾保安に関する作業部会を設置する。"),
    ):  # fmt: skip
        result = extract_commitments(text, document_date=date(2025, 10, 28), language=language)
        first, second = result.proposals
        assert first.span[1] <= second.span[0]
        assert first.deadline is None
        assert second.deadline is not None
        assert second.deadline.date == date(2026, 12, 31)
