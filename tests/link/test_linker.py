"""The linker on texts written for these tests, in both languages, and on the stored agreement."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pledgewatch.capture.default import thesaurus_path
from pledgewatch.link import index as link_index
from pledgewatch.link.calibration import DEADLINE, SIGNALS, LinkSettings, calibrated
from pledgewatch.link.linker import ItemText, Linker, build_linker, concept_matcher
from pledgewatch.link.records import (
    CommitmentRecord,
    commitment_records,
    thesaurus_entries_from_file,
)

AGREED = date(2025, 10, 28)


def record(code: str, **fields: object) -> CommitmentRecord:
    values: dict[str, object] = {
        "key": f"test/{code}",
        "code": code,
        "agreement_date": AGREED,
        "statement_en": "",
        "statement_ja": "",
        "sectors": (),
        "parties": ("JP", "US"),
        "actors": (),
        "deadline": None,
    }
    values.update(fields)
    return CommitmentRecord(**values)  # type: ignore[arg-type]


RECORDS = [
    # English only: a Japanese article must still meet it.
    record(
        "WG",
        statement_en="Establish a Japan-US Shipbuilding Working Group to advance cooperation "
        "on shipbuilding and the maritime industry.",
        sectors=("shipbuilding", "shipbuilding-working-group"),
        actors=("Ministry of Land, Infrastructure, Transport and Tourism (MLIT)",),
    ),
    # Japanese only: an English article must still meet it.
    record(
        "MIN",
        statement_ja="180日以内に日米の鉱業・鉱物・金属投資閣僚会合を開催し、投資を促進する。",
        sectors=("critical-minerals", "minerals-ministerial"),
        deadline=AGREED + timedelta(days=180),
    ),
    record(
        "DEF",
        statement_en="Japan raises its defence spending, bringing forward to fiscal 2025 the "
        "level of 2% of GDP.",
        sectors=("defence", "defence-spending"),
        parties=("JP",),
        actors=("Ministry of Defense",),
    ),
    record(
        "MAG",
        statement_en="Mobilise government support for the mining and processing of rare earths "
        "for permanent magnets, with loans, equity and offtake arrangements.",
        sectors=("critical-minerals", "project-finance", "mining-processing", "permanent-magnets"),
    ),
    record(
        "LNG",
        statement_ja="日本の需要家による米国産LNGの購入を確保する。",
        sectors=("energy", "lng"),
        parties=("US",),
        actors=("JERA",),
    ),
]

WORKING_GROUP_JA = ItemText(
    title="日米の造船作業部会が初会合",
    text="国土交通省は、日米両政府の造船作業部会がワシントンで初会合を開いたと発表した。"
    "造船能力の拡大や人材育成について意見を交わした。",
    published=date(2026, 2, 19),
    language="ja",
)
MINISTERIAL_EN = ItemText(
    title="Japan and US hold minerals investment ministerial",
    text="Japan and the United States convened their bilateral minerals investment "
    "ministerial in Tokyo on Monday, Japan's trade minister said. Officials of both "
    "countries discussed investment priorities for critical minerals.",
    published=date(2026, 4, 20),
    language="en",
)
SHIP_ORDERS_EN = ItemText(
    title="China keeps its lead in new ship orders",
    text="Chinese shipyards won most of the world's new ship orders last year, a broker "
    "said; South Korean shipbuilders came second. Shipbuilding capacity keeps growing "
    "in China.",
    published=date(2026, 1, 9),
    language="en",
)
LNG_SETBACK_JA = ItemText(
    title="日本の需要家、米国産LNGの購入を延期",
    text="JERAは、米国産LNGの追加購入の契約を延期すると明らかにした。日本の需要家の間では、"
    "採算への懸念から慎重姿勢が広がっている。",
    published=date(2026, 1, 5),
    language="ja",
)
DEFENCE_PLAN_EN = ItemText(
    title="Japan's cabinet approves a record defence budget draft",
    text="Japan's cabinet approved a draft budget with record defence spending. The Ministry "
    "of Defense will ask the Diet to pass it, as Japan raises defence spending toward 2% "
    "of GDP.",
    published=date(2025, 12, 26),
    language="en",
)

# A company's own deal that recalls the summit in passing: evidence of nothing the parties did.
RECALLED_SUMMIT_JA = ItemText(
    title="商社、豪州産の重希土類を日本向けに輸入開始",
    text="大手商社は、豪州の鉱山会社がマレーシアで分離・精製した重希土類の日本向け輸入を開始したと"
    "発表した。永久磁石に使うジスプロシウムで、出資先の鉱山から長期契約で調達する。"
    "レアアースを巡っては、高市首相とトランプ大統領が供給確保に向けた枠組みに合意している。",
    published=date(2026, 1, 7),
    language="ja",
)
RECALLED_SUMMIT_EN = ItemText(
    title="Trading house starts importing heavy rare earths from Australia",
    text="A Japanese trading house said it had begun importing heavy rare earths mined in "
    "Australia and separated in Malaysia, for permanent magnets, under a long-term offtake "
    "contract with the miner it holds equity in. The imports come after Prime Minister "
    "Takaichi and President Trump agreed a framework on rare earths supply in October.",
    published=date(2026, 1, 7),
    language="en",
)
# The same deal when the other party takes a step of its own.
US_STEP_JA = "米エネルギー省は、同社の精製事業に融資と出資で支援すると表明した。"
US_STEP_EN = (
    " The US Department of Energy said it would support the refinery with loans and equity."
)


@pytest.fixture(scope="module")
def linker() -> Linker:
    thesaurus = thesaurus_entries_from_file(thesaurus_path())
    return Linker(RECORDS, concepts=concept_matcher(thesaurus), thesaurus=thesaurus)


def test_a_japanese_article_links_to_an_english_only_commitment(linker: Linker) -> None:
    found = linker.rank(WORKING_GROUP_JA)
    assert found[0].commitment == "test/WG"
    assert found[0].judgement == "achieved"  # a first meeting: the group is set up
    kinds = {reason.kind for reason in found[0].reasons}
    assert {"terms", "concept", "party", "actor", "cue"} <= kinds
    assert all(candidate.commitment != "test/DEF" for candidate in found)


def test_an_english_article_links_to_a_japanese_only_commitment(linker: Linker) -> None:
    found = linker.rank(MINISTERIAL_EN)
    assert found[0].commitment == "test/MIN"
    assert found[0].judgement == "achieved"
    assert any(r.kind == "time" and "before the deadline" in r.detail for r in found[0].reasons)
    assert 0.5 <= found[0].score <= 1.0


def test_a_same_topic_article_that_is_evidence_of_nothing_stays_unlinked(linker: Linker) -> None:
    assert linker.rank(SHIP_ORDERS_EN) == []


def test_a_summit_recalled_in_passing_does_not_make_the_item_bilateral(linker: Linker) -> None:
    for item, step in ((RECALLED_SUMMIT_JA, US_STEP_JA), (RECALLED_SUMMIT_EN, US_STEP_EN)):
        read = linker.read(item)
        assert "US" not in read.countries
        assert read.countries.get("JP", 0) >= 1
        assert linker.rank(item) == []
        with_step = ItemText(item.title, item.text + step, item.published, item.language)
        assert "US" in linker.read(with_step).countries
        assert linker.rank(with_step)[0].commitment == "test/MAG"


def test_leaders_agreeing_in_the_headline_is_the_event_itself(linker: Linker) -> None:
    for title in (
        "高市首相とトランプ大統領、レアアース供給で合意",
        "Takaichi and Trump agree on rare earths supply",
    ):
        item = ItemText(title, "", date(2026, 3, 19), None)
        assert {"JP", "US"} <= linker.read(item).countries.keys()


def test_setbacks_and_plans_are_judged_as_such(linker: Linker) -> None:
    setback = linker.rank(LNG_SETBACK_JA)
    assert setback[0].commitment == "test/LNG"
    assert setback[0].judgement == "setback"
    budget = linker.rank(DEFENCE_PLAN_EN)
    assert budget[0].commitment == "test/DEF"
    # A draft approved is a step: the commitment is to reach a level, not to pass a budget.
    assert budget[0].judgement == "progress"


def test_only_items_from_the_day_after_the_agreement_link(linker: Linker) -> None:
    # COMMITMENTS.md: only action after the agreement counts, from the day after; a report of
    # the summit day reports the agreement itself.
    for item in (WORKING_GROUP_JA, MINISTERIAL_EN, LNG_SETBACK_JA):
        for day in (AGREED - timedelta(days=1), AGREED):
            assert linker.rank(ItemText(item.title, item.text, day, item.language)) == []
    for item in (WORKING_GROUP_JA, MINISTERIAL_EN):
        day_after = ItemText(item.title, item.text, AGREED + timedelta(days=1), item.language)
        assert linker.rank(day_after)


def test_rank_many_is_rank_item_by_item(linker: Linker) -> None:
    items = [WORKING_GROUP_JA, MINISTERIAL_EN, SHIP_ORDERS_EN, LNG_SETBACK_JA, DEFENCE_PLAN_EN]
    one_by_one = [linker.rank(item, top=2) for item in items]
    assert linker.rank_many(items, top=2) == one_by_one
    many = items * 4  # enough for the work to be shared between two processes
    assert linker.rank_many(many, top=2, workers=2) == one_by_one * 4


def test_top_bounds_the_candidates(linker: Linker) -> None:
    assert len(linker.rank(WORKING_GROUP_JA, top=1)) == 1
    assert linker.rank(WORKING_GROUP_JA, top=0) == []


def test_a_higher_threshold_links_less() -> None:
    thesaurus = thesaurus_entries_from_file(thesaurus_path())
    strict = Linker(
        RECORDS,
        concepts=concept_matcher(thesaurus),
        thesaurus=thesaurus,
        settings=LinkSettings(threshold=0.99999),
    )
    assert strict.rank(DEFENCE_PLAN_EN) == []


def test_the_score_only_rises_when_a_signal_rises() -> None:
    settings = LinkSettings()
    assert all(settings.weight(name) >= 0 for name in SIGNALS)
    rng = np.random.default_rng(7)
    base = rng.random((len(SIGNALS), 50, 1)).astype(np.float32)
    before = calibrated(base, settings)
    assert np.all((before > 0) & (before < 1))
    for k in range(len(SIGNALS)):
        raised = base.copy()
        raised[k] = np.minimum(raised[k] + 0.25, 1.0)
        assert np.all(calibrated(raised, settings) >= before)


def test_the_stored_agreement_links_a_story_written_for_the_test(loaded_engine: Engine) -> None:
    with Session(loaded_engine) as session:
        records = commitment_records(session)
        linker = build_linker(session)
    assert len(records) == 30
    working_group = next(r for r in records if r.code == "SB-01")
    assert working_group.key == "2025-10-28-japan-us/SB-01"
    assert any("国土交通省" in actor for actor in working_group.actors)
    minerals = next(r for r in records if r.code == "CM-04")
    assert minerals.deadline == date(2026, 4, 26)
    found = {candidate.commitment: candidate for candidate in linker.rank(WORKING_GROUP_JA)}
    # The story also reports talks on capacity and training: those shipbuilding commitments
    # compete for the top, and only the working group's is achieved by a first meeting.
    assert all(key.startswith("2025-10-28-japan-us/SB-") for key in found)
    assert found["2025-10-28-japan-us/SB-01"].judgement == "achieved"
    assert all(c.judgement == "progress" for k, c in found.items() if not k.endswith("SB-01"))
    assert linker.rank(SHIP_ORDERS_EN) == []


def test_a_linker_without_commitments_links_nothing() -> None:
    thesaurus = thesaurus_entries_from_file(thesaurus_path())
    empty = Linker([], concepts=concept_matcher(thesaurus), thesaurus=thesaurus)
    assert empty.rank(WORKING_GROUP_JA) == []
    assert empty.rank_many([WORKING_GROUP_JA, MINISTERIAL_EN]) == [[], []]


def test_large_indexes_keep_term_weights_sparse_with_the_same_results(
    linker: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(link_index, "_DENSE_CELLS", 0)
    thesaurus = thesaurus_entries_from_file(thesaurus_path())
    sparse = Linker(RECORDS, concepts=concept_matcher(thesaurus), thesaurus=thesaurus)
    items = [WORKING_GROUP_JA, MINISTERIAL_EN, SHIP_ORDERS_EN, LNG_SETBACK_JA, DEFENCE_PLAN_EN]
    assert sparse.rank_many(items) == linker.rank_many(items)


@pytest.mark.parametrize("item", [MINISTERIAL_EN, WORKING_GROUP_JA], ids=["en", "ja"])
def test_closeness_to_a_deadline_is_zero_without_a_deadline_or_a_date(
    linker: Linker, item: ItemText
) -> None:
    undated = ItemText(title=item.title, text=item.text, published=None, language=item.language)
    signals = linker.signals([linker.read(item), linker.read(undated)])
    assert np.isfinite(signals).all()
    has_deadline = np.array([r.deadline is not None for r in linker.records])
    dated, no_date = signals[DEADLINE]
    assert (dated[has_deadline] > 0).all()  # MIN's deadline: 180 days after the summit
    assert (dated[~has_deadline] == 0).all()
    assert (no_date == 0).all()
