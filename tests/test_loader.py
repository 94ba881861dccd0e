"""Loading agreement files: validation errors by line and field, and all-or-nothing storage."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from pledgewatch.assess import review
from pledgewatch.capture import loader
from pledgewatch.capture.loader import load_agreement_file, load_thesaurus_file
from pledgewatch.cli.render import reason_in
from pledgewatch.errors import AgreementFileError, ConflictError
from pledgewatch.store import models
from pledgewatch.store.thesaurus import concept_matcher

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "example-agreement"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the documented example agreement, free to break."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    return folder / "agreement.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def last_line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert found, needle
    return found[-1]


def count_rows(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in models.Base.metadata.sorted_tables
        }


def test_example_loads_with_computed_deadlines(thesaurus_engine: Engine, example: Path) -> None:
    result = load_agreement_file(thesaurus_engine, example)
    assert (result.outcome, result.commitments, result.exact_spans) == ("created", 2, 2)
    with Session(thesaurus_engine) as session:
        agreement = session.get(models.Agreement, "example-port-resilience")
        assert agreement is not None
        by_code = {c.code: c for c in agreement.commitments}
        pr01, pr02 = by_code["PR-01"], by_code["PR-02"]
        assert pr01.deadline is not None
        assert pr02.deadline is not None
        assert pr01.deadline.due == date(2026, 4, 15)  # 90 days after 2026-01-15
        assert pr02.deadline.due == date(2027, 3, 31)  # Japan's FY2026 ends 31 March 2027
        assert pr02.deadline.precision == "fiscal_year"
        assert pr01.follow_ons[0].deadline.due is None  # waits for the event
        body = (pr01.text.body if pr01.text else None) or ""
        assert body[pr01.span_start : pr01.span_end].startswith("The Participants will establish")
        assert [s.key for s in agreement.documents[0].texts[0].sections] == ["preamble", "1", "2"]
        assert [h.status for h in pr01.history] == ["not_started"]


def test_loading_the_same_file_again_changes_nothing(
    thesaurus_engine: Engine, example: Path
) -> None:
    load_agreement_file(thesaurus_engine, example)
    before = count_rows(thesaurus_engine)
    assert load_agreement_file(thesaurus_engine, example).outcome == "unchanged"
    assert count_rows(thesaurus_engine) == before


def test_a_changed_file_needs_replace(thesaurus_engine: Engine, example: Path) -> None:
    load_agreement_file(thesaurus_engine, example)
    edit(example, "within 90 days\n", "within 120 days\n")
    with pytest.raises(ConflictError, match="--replace"):
        load_agreement_file(thesaurus_engine, example)
    assert load_agreement_file(thesaurus_engine, example, replace=True).outcome == "replaced"
    with Session(thesaurus_engine) as session:
        deadline = session.scalars(
            select(models.Deadline).where(models.Deadline.expression == "within 120 days")
        ).one()
        assert deadline.due == date(2026, 5, 15)


def test_the_first_history_entry_reads_in_both_languages(
    thesaurus_engine: Engine, example: Path
) -> None:
    load_agreement_file(thesaurus_engine, example)
    with Session(thesaurus_engine) as session:
        reasons = set(session.scalars(select(models.StatusChange.reason)))
    assert loader.REASON_SEPARATOR == review.REASON_SEPARATOR
    (reason,) = reasons
    assert reason_in(reason, "en") == "loaded from agreement.yaml; no evidence recorded yet"
    assert reason_in(reason, "ja") == "agreement.yamlから読み込み。確認済みの根拠はまだない"


def test_a_mirror_is_stored_beside_its_url(thesaurus_engine: Engine, example: Path) -> None:
    edit(
        example,
        "file: statement.en.txt",
        'url: "https://mirror.example/statement"\n        mirror: true\n'
        "        file: statement.en.txt",
    )
    load_agreement_file(thesaurus_engine, example)
    with Session(thesaurus_engine) as session:
        texts = session.scalars(select(models.DocumentText)).all()
        assert {(t.language, t.url, t.mirror) for t in texts} == {
            ("en", "https://mirror.example/statement", True),
            ("ja", None, False),
        }


def test_a_mirror_needs_its_url(thesaurus_engine: Engine, example: Path) -> None:
    edit(example, "file: statement.en.txt", "mirror: true\n        file: statement.en.txt")
    with pytest.raises(AgreementFileError) as caught:
        load_agreement_file(thesaurus_engine, example)
    messages = {p.field: p.message for p in caught.value.problems}
    assert "give the url too" in messages["documents[0].texts[0]"]


@pytest.mark.parametrize(
    ("old", "new", "needle", "field", "message"),
    [
        (
            "strength: binding",
            "strength: firm",
            "strength: firm",
            "commitments[0].strength",
            "binding",
        ),
        (
            "    sectors: [investment]",
            "    sectors: [investment]\n    colour: red",
            "colour: red",
            "commitments[1].colour",
            "unknown field",
        ),
        (
            "parties: [JP, AU]\n    responsible",
            "parties: [JP, XX]\n    responsible",
            "parties: [JP, XX]",
            "commitments[0].parties[1]",
            "'XX' is not one of the agreement's parties",
        ),
        (
            "expression: within 90 days",
            "expression: soon-ish",
            "soon-ish",
            "commitments[0].deadline.expression",
            "soon-ish",
        ),
        (
            'quote: "90日以内"',
            'quote: "100日以内"',
            "100日以内",
            "commitments[0].deadline.written_in.quote",
            "does not occur",
        ),
        (
            "sectors: [shipbuilding]",
            "sectors: [no-such-sector]",
            "no-such-sector",
            "commitments[0].sectors[0]",
            "no concept 'no-such-sector'",
        ),
        (
            "commitments: [PR-01]",
            "commitments: [PR-99]",
            "PR-99",
            "watch_points[0].commitments[0]",
            "no commitment 'PR-99'",
        ),
        ("date: 2026-01-15\nplace", "date: 2026-13-45\nplace", "2026-13-45", "date", "date"),
        (
            "file: statement.ja.txt",
            "file: ../../etc/passwd",
            "etc/passwd",
            "documents[0].texts[1].file",
            "must lie in the agreement file's folder",
        ),
        (
            "anchor: event:group-established",
            "anchor: event:nothing",
            "event:nothing",
            "commitments[0].follow_ons[0].deadline.anchor",
            "no event 'nothing'",
        ),
        ("  - id: PR-02", "  - id: PR-01", "  - id: PR-01\n", "commitments[1].id", "appears twice"),
        (
            "  - id: PR-02\n    parties: [JP, AU]",
            "  - id: PR-02\n    parties: [JP]\n    evidence_per_party: true",
            "evidence_per_party: true",
            "commitments[1].evidence_per_party",
            "needs at least two parties",
        ),
    ],
)
def test_bad_files_name_line_and_field_and_store_nothing(
    thesaurus_engine: Engine,
    example: Path,
    old: str,
    new: str,
    needle: str,
    field: str,
    message: str,
) -> None:
    before = count_rows(thesaurus_engine)
    edit(example, old, new)
    with pytest.raises(AgreementFileError) as caught:
        load_agreement_file(thesaurus_engine, example)
    problems = caught.value.problems
    matching = [p for p in problems if p.field == field]
    assert matching, [str(p) for p in problems]
    assert message in matching[0].message
    expected_line = last_line_of(example, needle.strip())
    assert matching[0].line == expected_line
    assert str(example) in str(caught.value)
    assert "nothing was stored" in str(caught.value)
    assert count_rows(thesaurus_engine) == before


def test_a_bad_replacement_leaves_the_stored_agreement_untouched(
    thesaurus_engine: Engine, example: Path
) -> None:
    load_agreement_file(thesaurus_engine, example)
    before = count_rows(thesaurus_engine)
    edit(example, "within 90 days\n", "within 120 days\n")
    edit(example, "strength: intent", "strength: maybe")
    with pytest.raises(AgreementFileError):
        load_agreement_file(thesaurus_engine, example, replace=True)
    assert count_rows(thesaurus_engine) == before
    with Session(thesaurus_engine) as session:
        expressions = set(session.scalars(select(models.Deadline.expression)))
    assert "within 90 days" in expressions
    assert "within 120 days" not in expressions


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("format: [unclosed\n", "YAML syntax"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
    ],
)
def test_unreadable_files_are_reported(
    thesaurus_engine: Engine, tmp_path: Path, content: str | bytes, message: str
) -> None:
    path = tmp_path / "broken.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(AgreementFileError, match=message):
        load_agreement_file(thesaurus_engine, path)


def test_a_missing_file_is_reported(thesaurus_engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(AgreementFileError, match="does not exist"):
        load_agreement_file(thesaurus_engine, tmp_path / "nowhere.yaml")


def test_unquoted_times_are_refused(thesaurus_engine: Engine, example: Path) -> None:
    # YAML 1.1 reads an unquoted 10:00 as the number 600; it must not become a time silently.
    edit(example, 'start: "10:00"', "start: 10:00")
    with pytest.raises(AgreementFileError) as caught:
        load_agreement_file(thesaurus_engine, example)
    assert [p.field for p in caught.value.problems] == ["program[0].start"]


def test_a_word_is_either_a_synonym_or_an_in_field_word(
    thesaurus_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "thesaurus.yaml"
    path.write_text(
        "format: pledgewatch-thesaurus/1\n"
        "concepts:\n"
        "  - id: shipbuilding\n"
        "    kind: sector\n"
        "    label: {en: Shipbuilding, ja: 造船}\n"
        "  - id: shipbuilding-technology\n"
        "    kind: topic\n"
        "    broader: shipbuilding\n"
        "    label: {en: Shipbuilding technology, ja: 建造技術}\n"
        "    synonyms: {en: [robots], ja: []}\n"
        "    in_field: {en: [robots], ja: [ロボット]}\n",
        encoding="utf-8",
    )
    with pytest.raises(AgreementFileError) as caught:
        load_thesaurus_file(thesaurus_engine, path)
    assert [p.field for p in caught.value.problems] == ["concepts[1].in_field.en"]
    path.write_text(path.read_text(encoding="utf-8").replace("en: [robots], ja: []", "en: []"))
    assert load_thesaurus_file(thesaurus_engine, path) == 2
    with Session(thesaurus_engine) as session:
        matcher = concept_matcher(session)
    assert "shipbuilding-technology" not in matcher.concepts_in("Robots at a car plant")
    assert "shipbuilding-technology" in matcher.concepts_in("造船所のロボット")


def test_a_commitment_may_need_one_of_its_actors_named(loaded_engine: Engine) -> None:
    with Session(loaded_engine) as session:
        rows = session.execute(
            select(models.Commitment.code, models.Commitment.evidence_names_actor)
        ).all()
    needs: dict[str, bool] = {row[0]: row[1] for row in rows}
    assert needs["INV-02"] is True
    assert not any(value for code, value in needs.items() if code != "INV-02")


def test_a_commitment_may_take_each_partys_own_action_as_evidence(loaded_engine: Engine) -> None:
    with Session(loaded_engine) as session:
        rows = session.execute(
            select(models.Commitment.code, models.Commitment.evidence_per_party)
        ).all()
    assert sorted(code for code, per_party in rows if per_party) == ["SB-02", "SB-05"]
