"""The review flow as a user runs it: link, review with single keys, list, show, status."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from pledgewatch.cli import app

AddNews = Callable[..., int]
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "220"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_link_then_review_with_single_keys_and_options(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    db = url_of(loaded_engine)
    add_news("ministerial_ja")
    add_news("tariff_ruling_ja")
    # One proposal per story: the review flow, not the ranking, is under test here.
    code, out, _ = run("link", "--db", db, "--lang", "ja", "--top", "1")
    assert code == 0, out
    assert "ストーリー2件のうち2件" in out

    code, out, _ = run("evidence", "--db", db, "--format", "json")
    queue = json.loads(out)
    assert {e["state"] for e in queue} == {"proposed"}
    first = queue[0]  # the earliest item first: the tariff ruling of 2026-02-20
    assert first["commitment"] == "TAR-02"
    assert set(first["item"]) >= {"url", "title", "published"}
    assert {"commitment", "score", "judgement", "state", "reasons"} <= set(first)

    # Confirm the first, change the next one's judgement to progress and confirm it, then quit.
    keys = "c\nj\np\nc\nq\n"
    code, out, _ = run("review", "evidence", "--db", db, "--lang", "en", "--by", "kb", stdin=keys)
    assert code == 0, out
    assert "最高裁、IEEPA関税を違憲と判断" in out
    assert "https://news.example/" in out
    assert "TAR-02" in out
    assert "[c]onfirm" in out
    assert "Status now (US): setback" in out

    code, out, _ = run("evidence", "--db", db, "--state", "confirmed", "--format", "json")
    confirmed = json.loads(out)
    assert [(e["commitment"], e["judgement"]) for e in confirmed] == [
        ("TAR-02", "setback"),
        ("CM-04", "progress"),
    ]
    assert confirmed[1]["proposed_judgement"] == "achieved"
    assert {e["reviewed_by"] for e in confirmed} == {"kb"}

    for lang, words in {
        "en": ["in progress", "Compliance", "Evidence", "progress"],
        "ja": ["進行中", "遵守状況", "根拠", "進展"],
    }.items():
        code, out, _ = run("show", "CM-04", "--db", db, "--lang", lang)
        assert code == 0, out
        assert "日米、重要鉱物の投資閣僚会合を開催" in out
        for word in words:
            assert word in out
    for lang, words in {
        "en": ["2 confirmed", "waiting for review", "Deadlines to review", "at risk"],
        "ja": ["確認済み2件", "審査待ち", "確認が必要な期限", "期限迫る"],
    }.items():
        code, out, _ = run("status", "--db", db, "--lang", lang, "--as-of", "2026-04-01")
        assert code == 0, out
        for word in words:
            assert word in out

    # The same decisions as options, for scripts.
    add_news("shipbuilding_ja")
    assert run("link", "--db", db)[0] == 0
    queue = json.loads(run("evidence", "--db", db, "--format", "json")[1])
    queue = [e for e in queue if e["commitment"].startswith("SB-")]
    best = next(e for e in queue if e["commitment"] == "SB-01")
    other = next(e for e in queue if e["id"] != best["id"])

    code, out, _ = run(
        "review", "evidence", "--db", db, "--confirm", str(best["id"]), "--by", "script"
    )
    assert code == 0, out
    assert f"Confirmed #{best['id']}: SB-01" in out
    code, out, _ = run("review", "evidence", "--db", db, "--reject", str(other["id"]))
    assert code == 0, out
    code, out, _ = run("review", "evidence", "--db", db, "--list")
    assert code == 0
    code, out, _ = run("evidence", "--db", db, "--commitment", "SB-01", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("id,agreement,commitment,state,judgement")
    assert ",confirmed,achieved," in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "evidence", "--confirm", "999"], "no evidence '999'"),
        (["review", "evidence", "--judge", "1"], "--judge needs --judgement"),
        (["evidence", "--state", "maybe"], "--state must be one of"),
        (["evidence", "--commitment", "XX-1"], "no commitment 'XX-1'"),
        (["review", "deadlines", "--mark-missed", "CM-04"], "needs --note"),
    ],
)
def test_review_mistakes_get_a_message(loaded_url: str, args: list[str], message: str) -> None:
    code, out, err = run(*args, "--db", loaded_url)
    assert code == 1
    assert message in err
    assert "Traceback" not in out + err


def linked_loan_reports(engine: Engine, add_news: AddNews) -> tuple[str, str]:
    """The tariff ruling (first in the queue), then one loan reported in English and Japanese.

    Returns the database and the keys that skip the ruling's cards.
    """
    db = url_of(engine)
    add_news("tariff_ruling_ja")
    add_news("jbic_loan_en")
    add_news("jbic_loan_ja")
    assert run("link", "--db", db)[0] == 0
    queue = json.loads(run("evidence", "--db", db, "--format", "json")[1])
    ruling = [e for e in queue if not e["item"]["title"].startswith(("JBIC", "国際協力"))]
    assert queue[: len(ruling)] == ruling
    return db, "n\n" * len(ruling)


@pytest.mark.parametrize(
    ("lang", "announced"),
    [
        ("en", "The report of the same event in the other language comes next"),
        ("ja", "同じ出来事の他言語の報道を次に表示します"),
    ],
)
def test_the_other_language_report_of_an_event_is_reviewed_next(
    loaded_engine: Engine, add_news: AddNews, lang: str, announced: str
) -> None:
    db, skip = linked_loan_reports(loaded_engine, add_news)
    queue = json.loads(run("evidence", "--db", db, "--format", "json")[1])
    first_loan = next(e for e in queue if e["item"]["title"].startswith("JBIC"))
    # Skip the ruling, confirm the first proposal of the English report, then the next card.
    keys = skip + "c\nc\nq\n"
    code, out, _ = run("review", "evidence", "--db", db, "--lang", lang, "--by", "kb", stdin=keys)
    assert code == 0, out
    assert f"{announced}: #" in out
    confirmed = json.loads(
        run("evidence", "--db", db, "--state", "confirmed", "--format", "json")[1]
    )
    assert [e["commitment"] for e in confirmed] == [first_loan["commitment"]] * 2
    assert {e["item"]["title"][:4] for e in confirmed} == {"JBIC", "国際協力"}


def test_link_top_bounds_the_proposals_per_story(loaded_engine: Engine, add_news: AddNews) -> None:
    # The working group's first meeting touches several shipbuilding commitments.
    db = url_of(loaded_engine)
    add_news("shipbuilding_ja")
    assert run("link", "--db", db, "--top", "1")[0] == 0
    code, out, _ = run("evidence", "--db", db, "--format", "json")
    assert len(json.loads(out)) == 1
    assert run("link", "--db", db, "--relink", "--top", "5")[0] == 0
    code, out, _ = run("evidence", "--db", db, "--format", "json")
    assert 1 < len(json.loads(out)) <= 5
    code, out, err = run("link", "--db", db, "--top", "0", "--lang", "ja")
    assert code == 2
    assert "--top" in out + err


@pytest.mark.parametrize(("lang", "legend"), [("en", "[s]ame as #"), ("ja", "と同じ判断")])
@pytest.mark.parametrize(("first_key", "state"), [("c", "confirmed"), ("r", "rejected")])
def test_the_other_report_of_an_event_takes_the_same_decision_with_one_key(
    loaded_engine: Engine, add_news: AddNews, lang: str, legend: str, first_key: str, state: str
) -> None:
    db, skip = linked_loan_reports(loaded_engine, add_news)
    # Skip the ruling, decide the English report's first proposal, then 's' for its twin.
    keys = f"{skip}{first_key}\ns\nq\n"
    code, out, _ = run("review", "evidence", "--db", db, "--lang", lang, "--by", "kb", stdin=keys)
    assert code == 0, out
    assert legend in out
    decided = json.loads(run("evidence", "--db", db, "--state", state, "--format", "json")[1])
    assert {e["item"]["title"][:4] for e in decided} == {"JBIC", "国際協力"}
    assert len({(e["commitment"], e["judgement"]) for e in decided}) == 1
    # 's' means nothing on a card that is not the other report of the last decision.
    code, out, _ = run("review", "evidence", "--db", db, "--lang", lang, stdin="s\nq\n")
    assert legend not in out


def linked_shipyard_subsidy(engine: Engine, add_news: AddNews) -> tuple[str, list[Any], Any]:
    """Japan's own shipyard subsidy, linked: the database, the queue and its SB-02 proposal."""
    db = url_of(engine)
    add_news("shipyard_subsidy_ja")
    assert run("link", "--db", db)[0] == 0
    queue = json.loads(run("evidence", "--db", db, "--format", "json")[1])
    return db, queue, next(e for e in queue if e["commitment"] == "SB-02")


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", ["evidence for", "party: JP (its own part)", "Status now (JP): in progress"]),
        ("ja", ["根拠の対象", "当事国: JP（自国の取り組みとして）"]),
    ],
)
def test_a_partys_own_measure_is_reviewed_as_its_part(
    loaded_engine: Engine, add_news: AddNews, lang: str, shown: list[str]
) -> None:
    db, queue, sb02 = linked_shipyard_subsidy(loaded_engine, add_news)
    assert sb02["party"] == "JP"
    # Confirm each card until SB-02's is decided.
    keys = "c\n" * (queue.index(sb02) + 1) + "q\n"
    code, out, _ = run("review", "evidence", "--db", db, "--lang", lang, "--by", "kb", stdin=keys)
    assert code == 0, out
    for text in shown:
        assert text in out
    listed = ("evidence", "--db", db, "--state", "confirmed", "--commitment", "SB-02")
    confirmed = json.loads(run(*listed, "--format", "json")[1])
    assert [e["party"] for e in confirmed] == ["JP"]


def test_a_one_party_proposal_is_widened_with_party_all(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    db, _, sb02 = linked_shipyard_subsidy(loaded_engine, add_news)
    code, out, _ = run(
        "review", "evidence", "--db", db, "--confirm", str(sb02["id"]), "--party", "all"
    )
    assert code == 0, out
    assert "(US): in progress" in out
    confirmed = json.loads(
        run("evidence", "--db", db, "--state", "confirmed", "--format", "json")[1]
    )
    assert [e["party"] for e in confirmed] == [None]
