"""The money ledger: projects announced, selected and financed against the $550 billion pledge."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pledgewatch.assess.ledger import build_ledger, read_amount
from pledgewatch.assess.projects import NewProject, record_milestone
from pledgewatch.cli import app
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store.db import unit_of_work

AGREEMENT = "2025-10-28-japan-us"
BN = Decimal(10) ** 9
FIRST_PROJECTS = [  # the three projects selected on 2026-02-17, as reported then
    ("gas-power-ohio", "Gas-fired power plant, Ohio", "オハイオ州のガス火力発電所", "energy", 33),
    (
        "crude-export-texas",
        "Crude oil export terminal, Texas",
        "テキサス州の原油輸出施設",
        "oil",
        2.1,
    ),
    (
        "diamond-grit-georgia",
        "Synthetic diamond grit, Georgia",
        "ジョージア州の人工ダイヤ",
        "chemicals",
        0.6,
    ),
]


def select_first_three(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        for code, name_en, name_ja, sector, billions in FIRST_PROJECTS:
            record_milestone(
                session,
                agreement_id=AGREEMENT,
                project=code,
                status="selected",
                on=date(2026, 2, 17),
                recorded_by="analyst",
                reason="first projects selected under the strategic investment",
                amount_usd=Decimal(str(billions)) * BN,
                new_project=NewProject(name_en, name_ja, sector),
            )


def test_the_pledge_is_read_from_the_commitment_text() -> None:
    assert read_amount("Japan's US$550 billion strategic investment") == (
        Decimal(550) * BN,
        "US$550 billion",
    )
    assert read_amount("up to $1.5 billion") == (Decimal("1.5") * BN, "$1.5 billion")
    assert read_amount("no money here") is None


def test_the_ledger_sums_stages_by_sector_and_month(loaded_engine: Engine) -> None:
    select_first_three(loaded_engine)
    with unit_of_work(loaded_engine) as session:
        record_milestone(
            session,
            agreement_id=AGREEMENT,
            project="gas-power-ohio",
            status="financed",
            on=date(2026, 3, 25),
            recorded_by="analyst",
            reason="JBIC loan signed",
        )
        record_milestone(
            session,
            agreement_id=AGREEMENT,
            project="diamond-grit-georgia",
            status="declined",
            on=date(2026, 3, 30),
            recorded_by="analyst",
            reason="Japan declined to fund",
        )
    with Session(loaded_engine) as session:
        in_file = agreement_store.projects(session, AGREEMENT)
        ledger = build_ledger(session, agreement_id=None, as_of=date(2026, 4, 15))
        early = build_ledger(session, agreement_id=None, as_of=date(2026, 2, 1))
    assert ledger.pledge is not None
    assert ledger.pledge.amount_usd == 550 * BN
    assert ledger.pledge.commitment == "INV-01"
    file_total = sum((p.amount_usd or Decimal(0) for p in in_file), Decimal(0))
    new_total = sum(Decimal(str(b)) * BN for *_, b in FIRST_PROJECTS)
    totals = ledger.totals
    assert totals.announced == len(in_file) + 3
    assert totals.announced_usd == file_total + new_total
    assert (totals.selected, totals.selected_usd) == (2, Decimal("35.1") * BN)  # one declined
    assert (totals.financed, totals.financed_usd) == (1, 33 * BN)
    assert ledger.share(totals.selected_usd) == float(Decimal("35.1") / 550 * 100)
    assert ledger.by_sector["energy"].selected_usd == 33 * BN
    assert ledger.by_sector["oil"].selected == 1
    months = {m.month: m.totals for m in ledger.over_time}
    assert [m.month for m in ledger.over_time[:1]] == ["2025-10"]
    assert ledger.over_time[-1].month == "2026-04"
    assert months["2026-01"].selected == 0
    assert months["2026-02"].selected == 3
    assert months["2026-03"].selected == 2
    assert months["2026-03"].financed == 1
    assert early.totals.selected == 0
    assert early.totals.announced == len(in_file)

    db = loaded_engine.url.render_as_string(hide_password=False)
    record = ["ledger", "record", "copper-refinery", "--status", "selected"]
    result = CliRunner().invoke(
        app, [*record, "--date", "2026-04-10", "--note", "selected", "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert "2026-04-10" in result.stdout
    with Session(loaded_engine) as session:
        later = build_ledger(session, agreement_id=None, as_of=date(2026, 4, 15))
    copper = next(p for p in in_file if p.code == "copper-refinery")
    assert later.totals.selected == 3
    assert later.totals.selected_usd == Decimal("35.1") * BN + (copper.amount_usd or 0)


def test_the_ledger_command(loaded_url: str) -> None:
    runner = CliRunner(env={"COLUMNS": "220"})
    result = runner.invoke(
        app, ["ledger", "--db", loaded_url, "--as-of", "2026-03-01", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert view["pledge"] == {
        "amount_usd": "550000000000",
        "commitment": "INV-01",
        "text": "US$550 billion",
    }
    assert view["totals"]["selected"] == 0
    assert view["totals"]["selected_share"] == 0.0
    assert view["note"]["ja"]
    result = runner.invoke(
        app, ["ledger", "--db", loaded_url, "--as-of", "2026-03-01", "--lang", "ja"]
    )
    assert "資金の台帳" in result.stdout
    assert "ウェスチングハウス" in result.stdout
    assert "表明額: 5,500億ドル" in result.stdout
    assert "原子力" in result.stdout  # sectors by their thesaurus name
    assert "nuclear" not in result.stdout
    result = runner.invoke(app, ["ledger", "--db", loaded_url, "--as-of", "2026-03-01"])
    assert "Pledge: $550.00bn" in result.stdout
    assert "Nuclear power" in result.stdout
    result = runner.invoke(app, ["ledger", "--db", loaded_url, "-f", "csv"])
    assert result.stdout.startswith("project,name,sector,status")
    record = ["ledger", "record", "no-such-project", "--status", "selected"]
    result = runner.invoke(
        app, [*record, "--date", "2026-02-17", "--note", "x", "--db", loaded_url]
    )
    assert result.exit_code == 1
    assert "give its name and sector" in result.stderr
