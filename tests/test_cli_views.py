"""What a reader sees in `status`, `evidence` and `show`, in English and Japanese.

The views are read from a database that went through `make run`: the default agreement, the
offline sample source linked, and its curated review applied.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from pledgewatch.brief.labels import days_left_text, label, money
from pledgewatch.cli import app
from pledgewatch.cli.options import WIDE_OUTPUT, output_width

runner = CliRunner()
# A table line opens with one of these and, when nothing was cut off, closes with its partner.
BORDERS = {"┏": "┓", "┃": "┃", "┡": "┩", "│": "│", "└": "┘", "╭": "╮", "╰": "╯"}


def run(*args: str, columns: str | None = "200") -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": columns})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def curated(curated_url: str) -> str:
    """A database as `make run` leaves it (tests/conftest.py); read-only."""
    return curated_url


def assert_nothing_cut(out: str, width: int) -> None:
    """Every table and panel line ends with its right border, within the width."""
    boxed = [line.rstrip() for line in out.splitlines() if line[:1] in BORDERS]
    assert boxed
    for line in boxed:
        assert line.endswith(BORDERS[line[0]]), line
        assert cell_len(line) <= width, line


def header_cells(out: str, title: str) -> list[str]:
    """The header of the table titled ``title``, one text per column, spaces left out (a
    header folded over two lines is joined back)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == title)
    header = []
    for line in lines[start + 2 :]:
        if not line.startswith("┃"):
            break
        header.append([cell.strip() for cell in line.strip().strip("┃").split("┃")])
    return ["".join(column).replace(" ", "") for column in zip(*header, strict=True)]


def labels(keys: list[str], lang: str) -> list[str]:
    """The headers of ``keys`` as header_cells gives them."""
    return [label(key, lang).replace(" ", "") for key in keys]


def test_the_width_rule() -> None:
    class Stream(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    assert output_width(Stream(tty=True), {"COLUMNS": "80"}) is None  # rich asks the terminal
    assert output_width(Stream(tty=False), {"COLUMNS": "97"}) == 97
    assert output_width(Stream(tty=False), {}) == WIDE_OUTPUT
    assert output_width(Stream(tty=False), {"COLUMNS": "wide"}) == WIDE_OUTPUT


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_pipe_without_columns_gets_every_column_on_one_line(curated: str, lang: str) -> None:
    out = run("status", "--db", curated, "--as-of", "2026-03-19", "--lang", lang, columns=None)
    assert_nothing_cut(out, WIDE_OUTPUT)
    assert max(cell_len(line.rstrip()) for line in out.splitlines()) == WIDE_OUTPUT
    expected = ["id", "statement", "due", "days_left", "basis", "status"]
    assert header_cells(out, label("deadlines", lang)) == labels(expected, lang)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [80, 100])
def test_status_keeps_every_column_in_a_narrow_console(curated: str, lang: str, width: int) -> None:
    args = ("status", "--db", curated, "--as-of", "2026-05-01", "--lang", lang)
    out = run(*args, columns=str(width))
    assert_nothing_cut(out, width)
    watch = ["id", "watch_points", "commitments", "due", "days_left", "status"]
    assert header_cells(out, label("watch_points", lang)) == labels(watch, lang)
    deadlines = ["id", "statement", "due", "days_left", "basis", "status"]
    assert header_cells(out, label("deadlines", lang)) == labels(deadlines, lang)
    flags = ["id", "statement", "due", "days_left", "status"]
    assert header_cells(out, label("flags", lang)) == labels(flags, lang)
    view = json.loads(run("status", "--db", curated, "--as-of", "2026-05-01", "-f", "json"))
    rows = out.split(label("deadlines", lang), 1)[1]
    for deadline in view["deadlines"]:
        code = deadline["follow_on"] or deadline["commitment"]
        line = next(line for line in rows.splitlines() if line.startswith(f"│ {code} "))
        assert deadline["due"] in line
        assert f" {label(deadline['status'], lang)} " in line


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_evidence_keeps_state_and_link_score_in_a_narrow_console(curated: str, lang: str) -> None:
    out = run("evidence", "--db", curated, "--lang", lang, columns="80")
    assert_nothing_cut(out, 80)
    keys = ["id", "published", "title", "source", "commitment", "judgement", "state", "link_score"]
    assert len(header_cells(out, label("evidence", lang))) == len(keys)
    for key in ("published", "commitment", "judgement", "state", "link_score"):
        assert label(key, lang) in out
    rows = [line for line in out.splitlines() if re.match(r"│ +\d+ │", line)]
    evidence = json.loads(run("evidence", "--db", curated, "-f", "json"))
    assert len(rows) == len(evidence)
    for row, e in zip(rows, evidence, strict=True):
        cells = [cell.strip() for cell in row.strip("│").split("│")]
        assert cells[0] == str(e["id"])
        assert cells[1] == e["item"]["published"]
        assert cells[-4:] == [
            e["commitment"] + (f" ({e['party']})" if e["party"] else ""),
            label(e["judgement"], lang),
            label(e["state"], lang),
            f"{e['score']:.2f}" if e["score"] is not None else "—",
        ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_show_fits_a_narrow_console(curated: str, lang: str) -> None:
    out = run(
        "show", "CM-04", "--db", curated, "--as-of", "2026-05-01", "--lang", lang, columns="80"
    )
    assert_nothing_cut(out, 80)
    history = ["date", "status", "parties", "recorded_by", "reason", "evidence"]
    assert header_cells(out, label("history", lang)) == labels(history, lang)


@pytest.mark.parametrize(
    ("lang", "names", "ids"),
    [
        ("en", ["Critical minerals and rare earths", "Shipbuilding"], ["critical-minerals"]),
        ("ja", ["重要鉱物・レアアース", "造船"], ["critical-minerals"]),
    ],
)
def test_the_dashboard_names_sectors_in_the_readers_language(
    curated: str, lang: str, names: list[str], ids: list[str]
) -> None:
    out = run("status", "--db", curated, "--as-of", "2026-03-19", "--lang", lang)
    by_sector = out.split(label("by_sector", lang), 1)[1].split(label("by_party", lang), 1)[0]
    for name in names:
        assert f"│ {name} " in by_sector
    for sector_id in ids:
        assert sector_id not in by_sector


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize(("as_of", "later"), [("2026-01-31", 0), ("2026-03-19", 3)])
def test_the_dashboard_money_is_the_ledgers(
    curated: str, lang: str, as_of: str, later: int
) -> None:
    ledger: dict[str, Any] = json.loads(
        run("ledger", "--db", curated, "--as-of", as_of, "-f", "json")
    )
    status = json.loads(run("status", "--db", curated, "--as-of", as_of, "-f", "json"))
    totals, projects = ledger["totals"], status["projects"]
    for key in ("announced", "announced_usd", "selected", "selected_usd", "financed"):
        assert Decimal(str(projects[key])) == Decimal(str(totals[key])), key
    assert projects["first_reported_later"] == later
    assert projects["announced"] == projects["named"] + later

    out = run("status", "--db", curated, "--as-of", as_of, "--lang", lang)
    ledger_out = run("ledger", "--db", curated, "--as-of", as_of, "--lang", lang)
    announced = money(Decimal(str(totals["announced_usd"])), lang)
    assert announced in out
    assert announced in ledger_out
    assert label("announced_split", lang).format(named=projects["named"], later=later) in out
    if lang == "ja":
        assert "億ドル" in out
        assert "$" not in out.split(label("projects", lang), 1)[1]


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        (
            "en",
            [
                "critical-minerals-framework, signed",
                "counted from the agreement's date (2025-10-28)",
                "180 days after 2025-10-28",
                "a third-party copy, not the issuer's own page",
                "loaded from agreement.yaml; no evidence recorded yet",
                "Critical minerals and rare earths",
            ],
            ["から読み込み", "署名文書"],
        ),
        (
            "ja",
            [
                "critical-minerals-framework、署名文書",
                "起点: 合意日（2025-10-28）",
                "2025-10-28から180日後",
                "第三者による転載（発行元のページではない）",
                "agreement.yamlから読み込み",
                "重要鉱物・レアアース",
            ],
            ["loaded from", "180 days after", ", signed", "agreement (2025"],
        ),
    ],
)
def test_show_speaks_the_readers_language(
    curated: str, lang: str, expected: list[str], absent: list[str]
) -> None:
    out = run("show", "CM-04", "--db", curated, "--lang", lang, columns="240")
    flat = re.sub(r"\s*│\s*", " ", out)
    for text in expected:
        assert text in flat, text
    for text in absent:
        assert text not in flat, text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_show_marks_only_third_party_copies(curated: str, lang: str) -> None:
    mirror = label("mirror", lang)
    assert mirror in run("show", "ENR-01", "--db", curated, "--lang", lang, columns="240")
    official = run("show", "SEC-01", "--db", curated, "--lang", lang, columns="240")
    assert "https://www.mofa.go.jp/" in official
    assert mirror not in official
    view = json.loads(run("show", "SEC-01", "--db", curated, "-f", "json"))
    assert view["source"]["mirror"] is False


@pytest.mark.parametrize(("lang", "missed"), [("en", "missed?"), ("ja", "未達の疑い")])
def test_show_as_of_a_day(curated: str, lang: str, missed: str) -> None:
    def shown(as_of: str) -> dict[str, Any]:
        view: dict[str, Any] = json.loads(
            run("show", "CM-04", "--db", curated, "--as-of", as_of, "-f", "json")
        )
        return view

    assert shown("2026-01-31")["evidence"] == []  # the ministerial news is dated 2026-02-04
    assert shown("2026-03-19")["evidence"]
    assert shown("2026-03-19")["flags"] == []
    assert [f["kind"] for f in shown("2026-05-01")["flags"]] == ["missed?"]
    out = run("show", "CM-04", "--db", curated, "--as-of", "2026-05-01", "--lang", lang)
    assert f"{missed} CM-04" in out
    assert days_left_text(-5, lang) in out


def test_the_as_of_help_says_what_the_day_means() -> None:
    for command in ("show", "status", "ledger", "compliance"):
        out = re.sub(r"\s+", " ", run(command, "--help"))
        assert "as it stood on this date" in out, command
        assert "evidence dated on or before it" in out, command
        assert "この日時点の状況" in out, command


def test_the_reference_documents_show_as_of() -> None:
    documented = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text("utf-8")
    show = documented.split("pledgewatch show [OPTIONS]", 1)[1].split("## ", 1)[0]
    assert "--as-of" in show
