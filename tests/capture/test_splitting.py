"""Split by target, not by sentence (COMMITMENTS.md), in English and Japanese."""

from __future__ import annotations

from datetime import date

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
