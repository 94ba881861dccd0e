"""Texts for the review and anchoring tests: re-typed copies of the shipped documents.

A re-typed copy is the same text as another person or site would type it: other line breaks,
spaces added and lost, 、。 swapped for ,. , full-width letters and digits, other quotes. The
"fuller" texts of the critical-minerals framework complete the shipped (cut) texts with
operative sections written for these tests in pledgewatch's own words from the reported
content of the framework; they are not the official wording.
"""

from __future__ import annotations

import re

from pledgewatch.capture.default import default_agreement_path

DOCUMENTS = default_agreement_path().parent / "documents"
AGREEMENT = "2025-10-28-japan-us"

_TO_FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ（）",
)
_TO_HALF_WIDTH = str.maketrans("（）：", "():")

CRITICAL_MINERALS_JA_REST = (
    "め、それぞれの資金支援の仕組み、適当な場合には貿易措置、及び備蓄制度を活用し、"
    "重要鉱物及びレアアースの供給の確保に向けた協力を強化する。両者はまた、サプライチェーンを"
    "多様化するため、上流及び下流の企業間の対話を促進する。\n"
    "2.資金の動員:両者は、採掘及び加工の事業に対し、補助金、保証、融資、出資、引取契約、"
    "保険及び規制上の円滑化を含む政府及び民間の支援を動員する意図を有し、永久磁石、電池、"
    "触媒及び光学材料等の派生製品を含む重要鉱物及びレアアースのサプライチェーンの欠落を補う"
    "関心案件を共同で特定する。\n"
    "両者は、6か月以内に、日本、米国及び同志国の需要家に最終製品を供給する選定された案件に"
    "対して資金支援を提供するための措置を講じる。\n"
    "3.投資:両者は、本枠組みの署名から180日以内に日米の鉱業・鉱物・金属投資閣僚会合を開催"
    "することにより投資を促進し、関係者と投資の優先分野について協議することを決定した。\n"
    "4.許認可:両者は、重要鉱物及びレアアースの採掘、分離及び加工に係る許認可を合理化し、"
    "迅速化することを目指す。\n"
)
CRITICAL_MINERALS_EN_REST = (
    "ning and processing of critical minerals and rare earths:\n\n"
    "I. Critical Minerals and Rare Earths\n\n"
    "1. Securing Supply: The Participants are intensifying their cooperation to secure the "
    "supply of critical minerals and rare earths for their domestic industries, drawing on their "
    "financial support mechanisms, trade measures where appropriate, and stockpiling systems, "
    "and they will encourage dialogue between upstream and downstream companies to diversify "
    "supply chains.\n\n"
    "2. Financing: The Participants intend to mobilize government and private support, such as "
    "grants, guarantees, loans, equity, offtake arrangements, insurance and regulatory "
    "facilitation, for mining and processing projects, and to identify together projects of "
    "interest that fill gaps in critical mineral and rare earth supply chains, including "
    "derivative products such as permanent magnets, batteries, catalysts and optical materials."
    " Within six months, the Participants will take measures to provide financial support to "
    "selected projects that deliver end products to buyers in Japan, the United States and "
    "like-minded countries.\n\n"
    "3. Investment: The Participants have decided to promote investment by convening a "
    "bilateral Japan-United States Mining, Minerals and Metals Investment Ministerial within "
    "180 days, where investment priorities will be discussed with stakeholders.\n\n"
    "4. Permitting: The Participants intend to streamline and speed up permitting for the "
    "mining, separation and processing of critical minerals and rare earths.\n"
)
UNRELATED_JA = (
    "本日の天気は晴れのち曇りで、午後からは所により雨が降るでしょう。\n"
    "週末には気温が下がり、山沿いでは雪の便りも届く見込みです。\n"
    "図書館の開館時間は午前九時から午後五時までです。\n"
)
UNRELATED_EN = (
    "The library opens at nine in the morning and closes at five in the afternoon.\n"
    "Visitors may borrow up to ten books for three weeks; audio books count as one loan.\n"
    "The reading room on the second floor is closed for repairs until next month.\n"
)


def shipped(name: str) -> str:
    """A document text shipped with the default agreement."""
    return (DOCUMENTS / name).read_text(encoding="utf-8")


def retype_ja(text: str) -> str:
    """The Japanese text as typed elsewhere: ,. for 、。, full-width Latin and digits, and
    other line breaks (blank lines dropped, lines broken after を通じた)."""
    text = text.replace("、", ",").replace("。", ".").translate(_TO_FULL_WIDTH)
    text = re.sub(r"\n\s*\n", "\n", text)
    return text.replace("を通じた", "を通じた\n")


def retype_en(text: str) -> str:
    """The English text as typed elsewhere: straight quotes, two spaces after a full stop,
    full-width digits, lines rewrapped at 60 characters, a space lost after some commas."""
    text = text.replace("“", '"').replace("”", '"').replace("’", "'")
    text = text.replace(". ", ".  ").replace(", and", ",and")
    text = re.sub(r"\d", lambda m: m.group().translate(_TO_FULL_WIDTH), text)
    lines = []
    for paragraph in text.split("\n"):
        words, line = paragraph.split(" "), ""
        for word in words:
            if len(line) + len(word) > 60:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "\n".join(lines)


def half_width(text: str) -> str:
    """Full-width brackets and colons typed half-width."""
    return text.translate(_TO_HALF_WIDTH)


def fuller_critical_minerals(language: str) -> str:
    """The cut framework text, completed with the operative sections written for the tests."""
    if language == "ja":
        return (
            shipped("critical-minerals-framework.ja.txt").rstrip("\n") + CRITICAL_MINERALS_JA_REST
        )
    return shipped("critical-minerals-framework.en.txt").rstrip("\n") + CRITICAL_MINERALS_EN_REST
