"""News written for these tests, in both languages, linked against the shipped agreement.

Each item says what a careful analyst would do with it: the commitment it is first evidence
for and the judgement, or nothing for an item with the same vocabulary that is evidence of
nothing the parties promised (another country's deal, China's own measure, a company's deal
that recalls the summit in passing).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pledgewatch.link.linker import ItemText, build_linker

WRITTEN: list[tuple[ItemText, str | None, str | None]] = [
    # (item, expected top commitment or None, expected judgement of it)
    (
        ItemText(
            "日米、重要鉱物の投資閣僚会合を東京で初開催",
            "経済産業省は4月20日、日米の鉱業・鉱物・金属投資閣僚会合を東京で開催したと発表した。"
            "赤沢経済産業相と米国のライト・エネルギー長官が出席し、精錬事業への投資の優先順位を協議した。",
            date(2026, 4, 20),
            "ja",
        ),
        "CM-04",
        "achieved",
    ),
    (
        ItemText(
            "Japan and US hold first minerals investment ministerial",
            "Japan and the United States held their first Mining, Minerals and Metals Investment "
            "Ministerial in Tokyo on Monday. Trade minister Akazawa and Energy Secretary "
            "Chris Wright "
            "discussed investment priorities for refining projects.",
            date(2026, 4, 20),
            "en",
        ),
        "CM-04",
        "achieved",
    ),
    (
        ItemText(
            "Japan-US shipbuilding talks postponed",
            "The second meeting of the Japan-US Shipbuilding Working Group, planned for June in "
            "Tokyo, "
            "has been postponed, Japan's transport ministry said. No new date has been set.",
            date(2026, 5, 28),
            "en",
        ),
        "SB-01",
        "setback",
    ),
    (
        ItemText(
            "日米造船作業部会の第2回会合、延期に",
            "国土交通省は、6月に東京で予定していた日米造船作業部会の第2回会合を延期すると発表した。"
            "新たな日程は決まっていない。",
            date(2026, 5, 28),
            "ja",
        ),
        "SB-01",
        "setback",
    ),
    (
        ItemText(
            "対米投資、第2弾の3案件を選定",
            "日米両政府は、5500億ドルの対米投資の第2弾として、小型モジュール炉の建設など3案件を"
            "選定したと発表した。日本側は国際協力銀行を通じて資金を拠出する。",
            date(2026, 3, 20),
            "ja",
        ),
        "INV-01",
        "progress",
    ),
    (
        ItemText(
            "US picks second tranche of Japan's $550 billion investment",
            "The United States and Japan announced the second tranche of projects under Japan's "
            "$550 billion strategic investment in the United States, including small modular "
            "reactors. "
            "JBIC will provide the financing.",
            date(2026, 3, 20),
            "en",
        ),
        "INV-01",
        "progress",
    ),
    (
        ItemText(
            "防衛費のGDP比2%、今年度中に達成へ　補正予算が成立",
            "防衛力強化のための補正予算が国会で成立し、防衛費と関連経費は今年度、GDP比2%の水準に"
            "達する見通しとなった。防衛省が明らかにした。",
            date(2025, 12, 16),
            "ja",
        ),
        "SEC-01",
        "progress",
    ),
    # An English report of Japan's budget may never write "Japan": yen amounts and the governing
    # party say whose budget it is, as 閣議 and 政府 do in Japanese.
    (
        ItemText(
            "Record defence spending in the fiscal 2027 budget draft",
            "The cabinet approved a draft budget with record defence spending of 9.4 trillion "
            "yen, bringing defence and related spending above 2% of GDP; the governing LDP "
            "welcomed the increase.",
            date(2026, 12, 26),
            "en",
        ),
        "SEC-01",
        "progress",
    ),
    (
        ItemText(
            "2027年度予算案、防衛費が過去最大",
            "2027年度予算案が閣議決定され、防衛関係費は過去最大の約9兆4000億円となった。"
            "防衛費と関連経費はGDP比2%を上回る。",
            date(2026, 12, 26),
            "ja",
        ),
        "SEC-01",
        "progress",
    ),
    (
        ItemText(
            "Japan revises its three security documents",
            "Japan's cabinet revised the National Security Strategy, the National Defense "
            "Strategy and "
            "the Defense Buildup Program on Friday, a year ahead of the original schedule, the "
            "Ministry of Defense said.",
            date(2026, 12, 18),
            "en",
        ),
        "SEC-02",
        "achieved",
    ),
    # Security cooperation in the words of its meetings (2+2, command and control).
    (
        ItemText(
            "日米2プラス2、指揮統制の連携強化で一致",
            "日米両政府は外務・防衛担当閣僚による安全保障協議委員会（2プラス2）を開き、自衛隊と"
            "在日米軍の指揮統制の連携を強化することで一致した。",
            date(2026, 3, 5),
            "ja",
        ),
        "SEC-03",
        "progress",
    ),
    (
        ItemText(
            "Japan, US agree to upgrade command ties at 2+2",
            "Japan and the United States agreed at their 2+2 security talks to upgrade command "
            "and control cooperation between the Self-Defense Forces and US forces in Japan.",
            date(2026, 3, 5),
            "en",
        ),
        "SEC-03",
        "progress",
    ),
    # Setbacks, in the words and tenses news uses.
    (
        ItemText(
            "Japan declines to fund a selected US project",
            "Japan declined to provide funds for a US data-centre power project selected by "
            "President Trump under the $550 billion investment agreement, refusing to finance it "
            "within the 45-day window, officials said.",
            date(2026, 5, 1),
            "en",
        ),
        "INV-01",
        "setback",
    ),
    (
        ItemText(
            "日本、選定案件への資金拠出を拒否",
            "日本政府は、5500億ドルの対米投資の枠組みでトランプ大統領が選定したデータセンター向け"
            "電源事業について、45日以内の資金拠出を拒否した。",
            date(2026, 5, 1),
            "ja",
        ),
        "INV-01",
        "setback",
    ),
    (
        ItemText(
            "Japanese utilities refuse Alaska LNG offtake",
            "Japanese utilities JERA and Tokyo Gas refused to sign offtake contracts for the "
            "Alaska LNG project, citing cost concerns.",
            date(2026, 3, 1),
            "en",
        ),
        "ENR-01",
        "setback",
    ),
    (
        ItemText(
            "JERAと東京ガス、アラスカLNGの購入契約を見送り",
            "JERAと東京ガスは、コスト面の懸念からアラスカLNG事業の購入契約の締結を見送った。",
            date(2026, 3, 1),
            "ja",
        ),
        "ENR-01",
        "setback",
    ),
    (
        ItemText(
            "造船作業部会、第2回会合の開催めど立たず",
            "日米造船作業部会の第2回会合は、米側の人事の遅れで開催のめどが立っていない。",
            date(2026, 6, 1),
            "ja",
        ),
        "SB-01",
        "setback",
    ),
    (
        ItemText(
            "Japan pushes back revision of its security documents",
            "Japan's government is pushing back the revision of its three national security "
            "documents to 2027, abandoning the plan to finish within the year.",
            date(2026, 9, 1),
            "en",
        ),
        "SEC-02",
        "setback",
    ),
    # Same vocabulary, evidence of nothing the parties promised.
    (
        ItemText(
            "Korea and US sign shipbuilding cooperation deal",
            "South Korea and the United States signed a shipbuilding cooperation agreement in "
            "Seoul; "
            "Korean yards will build and repair US Navy vessels.",
            date(2026, 1, 15),
            "en",
        ),
        None,
        None,
    ),
    (
        ItemText(
            "中国、レアアースの輸出規制を強化",
            "中国商務省は、レアアース関連技術の輸出規制を強化すると発表した。対象は精錬と磁石の製造技術。",
            date(2026, 1, 9),
            "ja",
        ),
        None,
        None,
    ),
    (
        ItemText(
            "商社、豪州産の重希土類を輸入開始",
            "大手商社は、豪州の鉱山会社がマレーシアで精製した重希土類の日本向け輸入を開始したと発表した。"
            "レアアースを巡っては、高市首相とトランプ大統領が供給確保の枠組みに合意している。",
            date(2026, 1, 7),
            "ja",
        ),
        None,
        None,
    ),
    # Words that belong to a commitment's field only there: robots and training at a car plant
    # are not shipbuilding technology or workforce; a crude-oil stockpile is not a minerals
    # stockpile; an LNG offtake is not financing for minerals projects.
    (
        ItemText(
            "トヨタ、米国工場にロボット導入",
            "トヨタ自動車は米ケンタッキー州の工場でロボットによる自動化を進め、人材育成にも投資すると"
            "発表した。日米の技術協力の一環という。",
            date(2026, 3, 1),
            "ja",
        ),
        None,
        None,
    ),
    (
        ItemText(
            "Toyota adds robots at its Kentucky plant",
            "Toyota said it would expand automation and robotics at its Kentucky plant and "
            "invest in workforce development, as Japan and the United States deepen industrial "
            "ties.",
            date(2026, 3, 1),
            "en",
        ),
        None,
        None,
    ),
    (
        ItemText(
            "日米、原油の共同備蓄を検討",
            "日米両政府は原油の共同備蓄と港湾施設の整備を検討している。",
            date(2026, 3, 1),
            "ja",
        ),
        None,
        None,
    ),
    (
        ItemText(
            "JERA signs Alaska LNG offtake deal",
            "JERA signed a heads of agreement to buy 1 million tonnes a year of LNG from the "
            "Alaska LNG project for 20 years, the first Japanese utility to commit to the project "
            "backed by the Trump administration.",
            date(2026, 3, 5),
            "en",
        ),
        "ENR-01",
        "progress",
    ),
    # Both parties and a US office named, but nothing of any commitment's subject.
    (
        ItemText(
            "Japanese tourists to the US drop",
            "The number of Japanese tourists visiting the United States fell 8% last year, the "
            "US Commerce Department said, citing the weak yen.",
            date(2026, 2, 10),
            "en",
        ),
        None,
        None,
    ),
    (
        ItemText(
            "日本人の訪米客が減少",
            "米商務省によると、昨年米国を訪れた日本人旅行者は8%減少した。円安が響いた。",
            date(2026, 2, 10),
            "ja",
        ),
        None,
        None,
    ),
    (
        ItemText(
            "Toyota opens battery plant in North Carolina",
            "Toyota Motor said it had opened its battery plant in North Carolina, part of an "
            "investment "
            "plan announced in 2021.",
            date(2026, 2, 3),
            "en",
        ),
        None,
        None,
    ),
]


def test_written_news_is_linked_as_an_analyst_would(loaded_engine: Engine) -> None:
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    wrong = []
    for item, code, judgement in WRITTEN:
        found = linker.rank(item)
        got = (found[0].commitment.rpartition("/")[2], found[0].judgement) if found else None
        expected = (code, judgement) if code is not None else None
        if got != expected:
            wrong.append(f"{item.title}: expected {expected}, got {got}")
    assert wrong == []


def test_an_item_outside_a_commitments_field_is_not_its_evidence(loaded_engine: Engine) -> None:
    # The offtake words of an LNG deal are project-finance words, and the minerals-financing
    # commitment (CM-03) has them too; without the minerals field it is not a candidate.
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    for item, code, _ in WRITTEN:
        if code == "ENR-01":
            assert [c.commitment.rpartition("/")[2] for c in linker.rank(item)] == ["ENR-01"]


TOYOTA_EN = ItemText(
    "Toyota to invest $10 billion in US plants",
    "Japanese automaker Toyota said it would invest an additional $10 billion in its US "
    "manufacturing plants over five years, expanding production of hybrid vehicles and "
    "batteries in Kentucky and North Carolina.",
    date(2025, 11, 18),
    "en",
)
TOYOTA_JA = ItemText(
    "トヨタ、米工場に100億ドル追加投資",
    "日本のトヨタ自動車は、米国の工場に今後5年間で100億ドルを追加投資すると発表した。"
    "ケンタッキー州などでハイブリッド車と電池の生産を増やす。",
    date(2025, 11, 18),
    "ja",
)
WESTINGHOUSE_EN = ItemText(
    "Westinghouse and Japanese partners agree on AP1000 build plan",
    "Westinghouse and its Japanese partners Mitsubishi Heavy Industries and IHI agreed on a plan "
    "to build AP1000 reactors in the United States, backed by Japan's strategic investment.",
    date(2026, 3, 10),
    "en",
)
WESTINGHOUSE_JA = ItemText(
    "ウェスチングハウスと日本企業、AP1000の建設計画で合意",
    "ウェスチングハウスと三菱重工業、IHIは、日本の対米投資を活用して米国でAP1000原子炉を建設する"
    "計画で合意した。",
    date(2026, 3, 10),
    "ja",
)


def test_the_fact_sheet_projects_need_one_of_their_companies(loaded_engine: Engine) -> None:
    # INV-02 promises to advance the projects listed in the fact sheet: Toyota's own plants
    # are not among them, Westinghouse's reactors are.
    with Session(loaded_engine) as session:
        linker = build_linker(session)

    def codes(item: ItemText) -> list[str]:
        return [c.commitment.rpartition("/")[2] for c in linker.rank(item)]

    assert "INV-02" not in codes(TOYOTA_EN) + codes(TOYOTA_JA)
    assert "INV-02" in codes(WESTINGHOUSE_EN)
    assert "INV-02" in codes(WESTINGHOUSE_JA)


@pytest.mark.parametrize(
    "item",
    [
        ItemText(
            "Japan, US sign rare earth development pact",
            "Japan and the United States signed an agreement to jointly develop rare earth "
            "deposits and magnet supply chains, with JOGMEC and the US Department of Energy "
            "providing equity and loans.",
            date(2026, 3, 20),
            "en",
        ),
        ItemText(
            "日米、レアアースの共同開発で協定に署名",
            "日米両政府は、レアアース鉱床と磁石のサプライチェーンを共同で開発する協定に署名した。"
            "JOGMECと米エネルギー省が出資と融資を行う。",
            date(2026, 3, 20),
            "ja",
        ),
    ],
)
def test_joint_development_with_public_money_is_proposed_for_cm_02(
    loaded_engine: Engine, item: ItemText
) -> None:
    # Deposits and a magnet supply chain, in the minerals field, are CM-02's mining and magnets.
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    assert "CM-02" in [c.commitment.rpartition("/")[2] for c in linker.rank(item)]


def test_the_written_news_covers_both_languages_and_distractors() -> None:
    languages = {(item.language, code is None) for item, code, _ in WRITTEN}
    assert languages == {("ja", False), ("en", False), ("ja", True), ("en", True)}


# A commitment each party fulfils on its own (SB-02: expand both countries' shipbuilding
# capacity; SB-05: train each country's shipbuilding workforce) is advanced by one party's own
# measure. The proposal is for that party's part only.
JAPAN_SHIPYARDS_JA = ItemText(
    "国交省、造船所の設備更新に補助　建造能力の倍増目指す",
    "国土交通省は、国内の造船所の設備更新と造船所の統合を支援する補助制度を創設すると発表した。"
    "2035年までに国内の船舶建造能力を倍増させる目標の一環で、政府は官民で投資を進める。",
    date(2026, 4, 2),
    "ja",
)
JAPAN_SHIPYARDS_EN = ItemText(
    "Japan to subsidise shipyard upgrades to double shipbuilding capacity",
    "Japan's transport ministry said it would subsidise the modernisation and consolidation of "
    "Japanese shipyards, part of a government plan to double the country's shipbuilding "
    "capacity by 2035 with public and private investment.",
    date(2026, 4, 2),
    "en",
)
US_RARE_EARTH_FUNDING = ItemText(
    "Commerce offers funding to a rare earth magnet maker",
    "The US Commerce Department signed a letter of intent to provide a domestic rare earth "
    "magnet maker with direct funding and a loan to expand production capacity in Texas.",
    date(2026, 2, 2),
    "en",
)
US_RARE_EARTH_FUNDING_JA = ItemText(
    "米商務省、レアアース磁石メーカーに資金支援",
    "米商務省は、国内のレアアース磁石メーカーに直接の資金と融資を提供する意向書に署名した。"
    "テキサス州での生産能力の拡大を支える。",
    date(2026, 2, 2),
    "ja",
)
KOREA_NAVY_SHIPS = ItemText(
    "韓国、米海軍艦艇の国内建造を模索",
    "韓国政府は、米海軍の補給艦などを韓国の造船所で建造できるよう制度改善を検討している。"
    "韓国の造船各社は米国への投資も拡大しており、韓国国内の雇用への影響も議論されている。",
    date(2026, 1, 20),
    "ja",
)


@pytest.mark.parametrize("item", [JAPAN_SHIPYARDS_JA, JAPAN_SHIPYARDS_EN])
def test_one_partys_own_measure_is_evidence_for_its_part(
    loaded_engine: Engine, item: ItemText
) -> None:
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    found = {c.commitment.rpartition("/")[2]: c for c in linker.rank(item)}
    assert "SB-02" in found
    assert found["SB-02"].party == "JP"
    assert "party: JP (its own part)" in [r.detail for r in found["SB-02"].reasons]
    # The working group is the two governments' own body: Japan alone does not advance it.
    assert "SB-01" not in found


def test_a_report_on_both_parties_is_evidence_for_the_whole_commitment(
    loaded_engine: Engine,
) -> None:
    item = ItemText(
        "Japan and US shipbuilders agree to expand capacity",
        "Japanese and US shipbuilders agreed to modernise shipyards in both countries and expand "
        "shipbuilding capacity, Japan's transport ministry and the US Commerce Department said.",
        date(2026, 4, 2),
        "en",
    )
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    found = {c.commitment.rpartition("/")[2]: c for c in linker.rank(item)}
    assert "SB-02" in found
    assert found["SB-02"].party is None


@pytest.mark.parametrize(
    "item", [US_RARE_EARTH_FUNDING, US_RARE_EARTH_FUNDING_JA, KOREA_NAVY_SHIPS]
)
def test_another_fields_or_another_countrys_news_is_not_a_partys_own_part(
    loaded_engine: Engine, item: ItemText
) -> None:
    # Funding for magnets shares "investment" with the shipyards commitment but is not about
    # shipbuilding, its field; Korea's plan names the US, but is about Korea.
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    codes = [c.commitment.rpartition("/")[2] for c in linker.rank(item)]
    assert not {"SB-02", "SB-03", "SB-05"} & set(codes)


# China's export controls are the reason the parties act, not their act: a meeting on supply
# chains amid them is not CM-06 (markets and pricing). Coordinating minerals trade policy is.
SUPPLY_CHAIN_MEETING = [
    ItemText(
        "日米財務相、重要鉱物の供給網強化で一致",
        "片山財務相とベセント米財務長官は12日、ワシントンで会談し、重要鉱物の供給網を強化し、"
        "レアアースの中国依存を早期に引き下げることで一致した。中国は日本向けのレアアースの輸出規制を"
        "強めている。",
        date(2026, 1, 12),
        "ja",
    ),
    ItemText(
        "Japan, US finance chiefs agree to shore up mineral supply chains",
        "Finance Minister Katayama and Treasury Secretary Bessent agreed in Washington on Monday "
        "to strengthen critical mineral supply chains and quickly reduce reliance on China for "
        "rare earths, as Beijing tightens export controls on shipments to Japan.",
        date(2026, 1, 12),
        "en",
    ),
]
TRADE_POLICY_PARTNERSHIP = [
    ItemText(
        "日米、重要鉱物の貿易政策で連携",
        "米通商代表部（USTR）と経済産業省は、重要鉱物の貿易政策で連携する枠組みを立ち上げたと"
        "発表した。レアアース市場の価格メカニズムや基準づくりで協力する。",
        date(2026, 2, 5),
        "ja",
    ),
    ItemText(
        "USTR and Japan launch critical minerals trade policy partnership",
        "The US Trade Representative and Japan's trade ministry announced a partnership to "
        "coordinate their critical minerals trade policies, including price mechanisms and "
        "standards for rare earth markets.",
        date(2026, 2, 5),
        "en",
    ),
]


@pytest.mark.parametrize("item", SUPPLY_CHAIN_MEETING)
def test_a_third_countrys_export_controls_do_not_make_a_markets_story(
    loaded_engine: Engine, item: ItemText
) -> None:
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    assert "CM-06" not in [c.commitment.rpartition("/")[2] for c in linker.rank(item)]


@pytest.mark.parametrize("item", TRADE_POLICY_PARTNERSHIP)
def test_coordinating_minerals_trade_policy_is_cm_06(loaded_engine: Engine, item: ItemText) -> None:
    with Session(loaded_engine) as session:
        linker = build_linker(session)
    found = linker.rank(item)
    assert found
    assert found[0].commitment.rpartition("/")[2] == "CM-06"
