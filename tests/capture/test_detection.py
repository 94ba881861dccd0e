"""Commitment or not, strength and grey zones, in English and Japanese (COMMITMENTS.md)."""

from __future__ import annotations

import pytest

from pledgewatch.brief.labels import LABELS
from pledgewatch.capture.detection import GREY_ZONES, grey_zone_key, is_fragment, judge

COMMITMENTS = [
    # English: binding, intent, aspiration
    ("en", "The Participants will convene a ministerial meeting within 180 days.", "binding"),
    ("en", "We are determined to close the financing gap by 2005.", "binding"),
    ("en", "We reaffirm our commitment to universal primary education by 2015.", "binding"),
    ("en", "We, along with other donors, are committed to a unified approach.", "binding"),
    ("en", "France and Germany shall report on progress.", "binding"),
    ("en", "We direct our finance ministers to review the mechanisms by September.", "binding"),
    ("en", "Within six months, measures will be taken to support selected projects.", "binding"),
    ("en", "The Participants intend to collaborate on fusion energy.", "intent"),
    ("en", "We aim to double the fund.", "intent"),
    ("en", "We will seek to develop compatible technical specifications.", "aspiration"),
    ("en", "We hope to conclude the negotiations soon.", "aspiration"),
    ("en", "Recognizing the impact of pollutants, we will reduce emissions.", "binding"),
    # Japanese
    ("ja", "日本と米国は、日米造船作業部会を設置する。", "binding"),
    ("ja", "今後、米国との協力関係を深めてまいります。", "binding"),
    ("ja", "両首脳は、抑止力を一層強化していくことで一致した。", "binding"),
    ("ja", "防衛費の増額に引き続き取り組んでいく決意をお伝えした。", "binding"),
    ("ja", "両者は、研究開発で協力する意図を有する。", "intent"),
    ("ja", "温室効果ガスを46％削減することを目指す。", "intent"),
    ("ja", "両国は、協力の拡大に努める。", "aspiration"),
    ("ja", "造船協力に関する会議体を設置し、以下の分野で協力を促進", "binding"),
    # read-outs: what one side said it will do
    ("en", "Prime Minister Takaichi stated that she will strengthen the Alliance.", "binding"),
    ("en", "President Trump emphasized that he would help Japan at any time.", "binding"),
    ("en", "The two leaders confirmed that they will deepen cooperation on AI.", "binding"),
    ("ja", "高市総理から、日米同盟の抑止力を一層強化していく旨述べた。", "binding"),
    ("ja", "トランプ大統領は、日本の造船業を支援していくと述べた。", "binding"),
    ("ja", "茂木外務大臣から、協力を更に深めていきたい旨述べた。", "intent"),
]


@pytest.mark.parametrize(("language", "text", "strength"), COMMITMENTS)
def test_commitments_and_their_strength(language: str, text: str, strength: str) -> None:
    judgement = judge(text, language)
    assert judgement.commitment, judgement.reason
    assert judgement.strength == strength
    assert judgement.grey_zone is None


NOT_COMMITMENTS = [
    ("en", "Whereas, critical minerals are essential for advanced technologies;", "recital"),
    ("en", "Noting the longstanding collaboration under the existing Agreement;", "recital"),
    ("en", "The purpose of this Memorandum is to strengthen collaboration.", "purpose"),
    ("en", "Prime Minister TAKAICHI welcomed President Trump's visit to Japan.", "welcome"),
    ("en", "The leaders held a summit meeting on October 28.", "past"),
    ("en", "The Japan-U.S. Alliance is the foundation for peace and stability.", "action"),
    ("en", "Aid for developing countries will increase, according to the OECD.", "action"),
    ("en", "This Agreement shall be open for signature by States.", "action"),
    ("en", "In this context, we are putting in place our contributions.", "action"),
    ("ja", "重要鉱物及びレアアースは、先端技術の生成に不可欠であり、", "action"),
    ("ja", "両者は、関心を有していることを歓迎した。", "歓迎"),
    ("ja", "様々な取組が推進されることについて、強い期待を表明しました。", "期待"),
    ("ja", "金子国土交通大臣は、協力覚書に署名しました。", "past"),
    ("ja", "両国の企業は、具体的な事業を実施している。", "ongoing"),
    ("ja", "本枠組みは、両者が協力する限り継続する。", "other than the parties"),
    ("ja", "両者は、以下の認識を共有した。", "past"),
    # a prediction or a wish reported in a read-out is not an undertaking
    ("en", "President Trump stated that the relationship would be stronger than ever.", "action"),
    ("en", "The minister said that the market would recover next year.", "action"),
    ("ja", "高市総理から、日米同盟は地域の平和の基盤であると述べた。", "fact"),
    ("ja", "トランプ大統領は、協力の進展を期待すると述べた。", "fact"),
]


@pytest.mark.parametrize(("language", "text", "why"), NOT_COMMITMENTS)
def test_not_commitments_and_why(language: str, text: str, why: str) -> None:
    judgement = judge(text, language)
    assert not judgement.commitment
    assert why in judgement.reason


def test_the_preamble_is_never_a_commitment() -> None:
    assert not judge("The Participants will cooperate.", "en", preamble=True).commitment
    assert not judge("両者は、協力する。", "ja", preamble=True).commitment


GREY = [
    ("en", "We call on all states to ratify the conventions.", "grey_call"),
    ("en", "We urge the DPRK to resume the dialogue.", "grey_call"),
    ("en", "We strongly support efforts to phase out fossil fuel subsidies.", "grey_support"),
    ("en", "We believe that the negotiations should be accelerated.", "grey_belief"),
    ("en", "supporting programmes that help mothers and children;", "grey_list_item"),
    ("en", "Ratify the convention by 1993", "grey_list_item"),
    ("ja", "両首脳は、台湾海峡の平和と安定の重要性を改めて確認した。", "grey_confirm"),
    ("ja", "日米両国は、両岸問題の平和的解決を促す。", "grey_call"),
    ("ja", "両国は、同志国の取組を支持する。", "grey_support"),
]


@pytest.mark.parametrize(("language", "text", "key"), GREY)
def test_grey_zones_are_proposed_with_their_reason(language: str, text: str, key: str) -> None:
    judgement = judge(text, language)
    assert judgement.commitment
    assert judgement.grey_zone == GREY_ZONES[key]
    assert grey_zone_key(judgement.grey_zone) == key


def test_a_welcome_with_an_action_of_the_parties_is_a_commitment() -> None:
    judgement = judge("We welcome the initiative and will support its implementation.", "en")
    assert judgement.commitment
    assert judgement.grey_zone is None


def test_every_grey_zone_has_labels_in_both_languages() -> None:
    for key, english in GREY_ZONES.items():
        assert LABELS[key][0] == english
        assert LABELS[key][1]


@pytest.mark.parametrize(
    ("language", "text", "fragment"),
    [
        ("en", "identify projects of mutual interest;", True),
        ("en", "Supporting the Polio Eradication Initiative", True),
        ("en", "Recognizing the importance of cooperation,", False),
        ("en", "We will act.", False),
        ("ja", "日米造船能力の拡大", True),
        ("ja", "両者は、協力する。", False),
    ],
)
def test_fragments(language: str, text: str, fragment: bool) -> None:
    assert is_fragment(text, language) is fragment
