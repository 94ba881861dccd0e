"""Error messages in Japanese and English: a user's mistake is explained in the reader's language.

Japanese and English are equal citizens: every error carries both messages. The Japanese one is
checked to hold no English sentence while keeping the technical parts (ids, URLs, paths,
settings, field names and values) as they are; the English one is checked word for word, as
users and scripts have always read it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

import pledgewatch
from pledgewatch.cli import app
from pledgewatch.errors import (
    KINDS_JA,
    AgreementFileError,
    ConfigurationError,
    ConflictError,
    DatabaseError,
    ExtractionError,
    FeedError,
    FetchError,
    FetchRefusedError,
    FetchStatusError,
    FetchTimeoutError,
    FetchTooLargeError,
    FileProblem,
    LexiconError,
    NotFoundError,
    PledgewatchError,
    SourceError,
    TemporalExpressionError,
    message_in,
)
from pledgewatch.text.temporal import resolve_deadline

runner = CliRunner()
SOURCE = Path(pledgewatch.__file__).parent

# Parts of a message that stay as they are in both languages: quoted values, URLs and paths,
# options, setting names.
_TECHNICAL = re.compile(r"'[^']*'|\"[^\"]*\"|\S*[/:.=<>]\S*|--?[a-z][a-z-]*|\b[A-Z][A-Z0-9_]+\b")
_ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;]+[A-Za-z]{2,}){2,}\b")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def assert_japanese(message: str) -> None:
    """Japanese words, and no English sentence once the technical parts are set aside."""
    assert _JAPANESE.search(message), message
    plain = _TECHNICAL.sub(" ", message)
    english = _ENGLISH_WORDS.search(plain)
    assert english is None, f"English words {english.group()!r} in: {message}"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run a command; return its exit code and its error output."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", **(env or {})})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def error_lines(stderr: str) -> list[str]:
    """The message: every line but the last one, which says where to read more."""
    lines = stderr.rstrip("\n").split("\n")
    assert lines[-1].startswith(("See: pledgewatch --help", "参照: pledgewatch --help"))
    return lines[:-1]


def failure(*args: str, env: dict[str, str] | None = None) -> list[str]:
    """The error lines of a command that fails on a user's mistake (exit code 1 checked)."""
    code, out = run(*args, env=env)
    assert code == 1, out
    return error_lines(out)


# --- the command line --------------------------------------------------------------------------


def test_unknown_commitment(loaded_url: str) -> None:
    [line] = failure("show", "XX-99", "--db", loaded_url, "--lang", "ja")
    assert line == (
        "エラー: コミットメント 'XX-99' は見つかりません。"
        "一覧は 'pledgewatch commitments' で確認できます"
    )
    assert_japanese(line)
    assert failure("show", "XX-99", "--db", loaded_url, "--lang", "en") == [
        "Error: no commitment 'XX-99'; list them with 'pledgewatch commitments'"
    ]


def test_bad_as_of_date(loaded_url: str) -> None:
    [line] = failure("status", "--as-of", "2026-13-01", "--db", loaded_url, "--lang", "ja")
    assert line == (
        "エラー: --as-of には YYYY-MM-DD 形式の日付を指定してください"
        "（'2026-13-01' は日付として読めません）"
    )
    assert_japanese(line)
    assert failure("status", "--as-of", "2026-13-01", "--db", loaded_url, "--lang", "en") == [
        "Error: --as-of must be a date YYYY-MM-DD, not '2026-13-01'"
    ]


def test_duplicate_source_name(engine: Engine) -> None:
    db = engine.url.render_as_string(hide_password=False)
    add = ("sources", "add", "https://www.meti.go.jp/feed.xml", "--name", "METI", "--db", db)
    assert run(*add)[0] == 0
    [line] = failure(*add, "--lang", "ja")
    assert line == ("エラー: 'METI' という名前の情報源はすでにあります。別の名前を指定してください")
    assert_japanese(line)
    assert failure(*add, "--lang", "en") == [
        "Error: a source named 'METI' exists already; choose another name"
    ]


def test_private_address_refused_as_a_source(engine: Engine) -> None:
    db = engine.url.render_as_string(hide_password=False)
    add = ("sources", "add", "http://127.0.0.1/feed.xml", "--name", "a", "--db", db)
    [line] = failure(*add, "--lang", "ja")
    assert line == (
        "エラー: http://127.0.0.1/feed.xml の取得を拒否しました：127.0.0.1 は"
        "ループバックアドレスです。許可するには PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS を"
        "設定するか、PLEDGEWATCH_ALLOWED_NETWORKS に追加してください"
    )
    assert_japanese(line)
    assert failure(*add, "--lang", "en") == [
        "Error: refused http://127.0.0.1/feed.xml: 127.0.0.1 is a loopback address (set "
        "PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS or add it to PLEDGEWATCH_ALLOWED_NETWORKS to "
        "allow it)"
    ]


MALFORMED = """\
format: pledgewatch-agreement/1
id: test-agreement
title: {en: Test, ja: テスト}
date: 2025-13-01
place: {en: Tokyo, ja: 東京}
colour: blue
parties:
  - code: JP
    name: {en: Japan, ja: 日本}
documents:
  - id: outcome
    title: {en: Outcome, ja: 成果文書}
    role: readout
    issuer: {en: Japan, ja: 日本}
    date: 2025-10-28
"""


def test_malformed_agreement_file(engine: Engine, tmp_path: Path) -> None:
    db = engine.url.render_as_string(hide_password=False)
    path = tmp_path / "agreement.yaml"
    path.write_text(MALFORMED, encoding="utf-8")
    lines = failure("load", str(path), "--db", db, "--lang", "ja")
    assert lines == [
        f"エラー: {path}: 問題が3件あるため、何も保存していません",
        f"  {path}: 4行目、フィールド 'date'：正しい日付を YYYY-MM-DD の形で書いてください",
        f"  {path}: 11行目、フィールド 'documents[0]'：一方の当事者の発表（readout）には、"
        "発表した当事者（'published_by'）が必要です",
        f"  {path}: 6行目、フィールド 'colour'：未知の項目です"
        "（使える項目は docs/agreement-format.md を参照してください）",
    ]
    for line in lines:
        assert_japanese(line)
    assert failure("load", str(path), "--db", db, "--lang", "en") == [
        f"Error: {path}: 3 problem(s); nothing was stored",
        f"  {path}: line 4, field 'date': Input should be a valid date or datetime, month value "
        "is outside expected range of 1-12",
        f"  {path}: line 11, field 'documents[0]': Value error, a read-out must say which party "
        "published it ('published_by')",
        f"  {path}: line 6, field 'colour': unknown field (see docs/agreement-format.md for the "
        "fields allowed)",
    ]


def test_missing_file_to_extract(tmp_path: Path) -> None:
    # extract's --lang is the document's language; the output follows PLEDGEWATCH_LANG.
    missing = str(tmp_path / "missing.txt")
    [line] = failure("extract", missing, env={"PLEDGEWATCH_LANG": "ja"})
    assert line == (
        f"エラー: ファイル '{missing}' は見つかりません。"
        "テキスト、HTML、PDF ファイルのパスを指定してください"
    )
    assert_japanese(line)
    assert failure("extract", missing, env={"PLEDGEWATCH_LANG": "en"}) == [
        f"Error: no file '{missing}'; give the path of a text, HTML or PDF file"
    ]


def test_an_ingested_file_that_cannot_be_read(engine: Engine, tmp_path: Path) -> None:
    db = engine.url.render_as_string(hide_password=False)
    (tmp_path / "minutes.docx").write_bytes(b"PK")
    target = str(tmp_path / "minutes.docx")
    result = runner.invoke(app, ["ingest", target, "--db", db, "--lang", "ja"])
    line = result.stdout.splitlines()[0]
    assert line.startswith("エラー ファイルの種類 .docx には対応していません。")
    assert line.endswith(f"のファイルを使ってください {Path(target).as_uri()}")
    assert_japanese(line)
    result = runner.invoke(app, ["ingest", target, "--db", db, "--lang", "en"])
    assert result.stdout.splitlines()[0].startswith("Error unsupported file type .docx; use ")


# --- every error class, every raise site ----------------------------------------------------


def _subclasses(cls: type[PledgewatchError]) -> set[type[PledgewatchError]]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def _temporal_error() -> TemporalExpressionError:
    with pytest.raises(TemporalExpressionError) as caught:
        resolve_deadline("2026年2月30日", reference=date(2025, 10, 28))
    return caught.value


EXAMPLES: dict[type[PledgewatchError], Callable[[], PledgewatchError]] = {
    PledgewatchError: lambda: PledgewatchError("something failed", ja="処理に失敗しました"),
    ConfigurationError: lambda: ConfigurationError(
        "--limit must be at least 1", ja="--limit には1以上を指定してください"
    ),
    ConflictError: lambda: ConflictError(
        "a source named 'a' exists already", ja="'a' という名前の情報源はすでにあります"
    ),
    DatabaseError: lambda: DatabaseError(
        "the database is not initialised", ja="データベースは初期化されていません"
    ),
    AgreementFileError: lambda: AgreementFileError(
        "a.yaml", [FileProblem(3, "id", "Field required", "必須の項目がありません")]
    ),
    TemporalExpressionError: _temporal_error,
    NotFoundError: lambda: NotFoundError(
        "story", "7", "list them with 'pledgewatch stories'", hint_ja="一覧は 'pledgewatch stories'"
    ),
    FetchError: lambda: FetchError(
        "https://example.org/", "the URL has no host", reason_ja="URL にホストがありません"
    ),
    FetchRefusedError: lambda: FetchRefusedError(
        "https://example.org/", "redirect loop", reason_ja="リダイレクトがループしています"
    ),
    FetchTooLargeError: lambda: FetchTooLargeError(
        "https://example.org/",
        "the body is larger than 10 bytes",
        reason_ja="本文が 10 バイトを超えています",
    ),
    FetchTimeoutError: lambda: FetchTimeoutError(
        "https://example.org/",
        "no complete answer within 5 s",
        reason_ja="5秒以内に応答が完了しませんでした",
    ),
    FetchStatusError: lambda: FetchStatusError(
        "https://example.org/",
        "the server answered 404 Not Found",
        reason_ja="サーバーがエラー 404 Not Found を返しました",
        status=404,
    ),
    ExtractionError: lambda: ExtractionError(
        "PDF", "it is encrypted with a password", reason_ja="パスワードで暗号化されています"
    ),
    FeedError: lambda: FeedError(
        "https://example.org/feed", "the document is empty", reason_ja="文書が空です"
    ),
    SourceError: lambda: SourceError(
        "METI", "the folder /x no longer exists", reason_ja="フォルダ /x はもう存在しません"
    ),
    LexiconError: lambda: LexiconError(
        "cues.yaml", "commitment_acts name unknown kinds", reason_ja="未知の種類があります"
    ),
}


def test_every_error_class_has_an_example() -> None:
    assert set(EXAMPLES) == _subclasses(PledgewatchError) | {PledgewatchError}


@pytest.mark.parametrize("kind", list(EXAMPLES), ids=lambda kind: kind.__name__)
def test_every_error_class_has_a_japanese_message(kind: type[PledgewatchError]) -> None:
    error = EXAMPLES[kind]()
    assert type(error) is kind
    assert error.ja
    assert_japanese(error.ja)
    assert message_in(error, "ja") == error.ja
    assert message_in(error, "en") == str(error)
    assert not _JAPANESE.search(str(error).replace("年", "").replace("月", "").replace("日", ""))


def test_messages_built_from_data_keep_the_english_form() -> None:
    assert str(EXAMPLES[FetchRefusedError]()) == "refused https://example.org/: redirect loop"
    assert str(EXAMPLES[FetchTimeoutError]()) == (
        "cannot fetch https://example.org/: no complete answer within 5 s"
    )
    assert str(EXAMPLES[NotFoundError]()) == "no story '7'; list them with 'pledgewatch stories'"
    assert str(_temporal_error()) == (
        "cannot resolve '2026年2月30日': day is out of range for month"
    )
    assert _temporal_error().ja == "'2026年2月30日' を日付にできません：その月にない日です"


def _raises(kinds: set[str]) -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in kinds
            ):
                found.append((f"{path.relative_to(SOURCE)}:{node.lineno}", node))
    return found


def test_every_raised_message_has_its_japanese_text() -> None:
    # Errors whose message is written at the raise site must be given their Japanese there;
    # the others build it from their data (their constructors require the Japanese parts).
    plain = {"PledgewatchError", "ConfigurationError", "ConflictError", "DatabaseError"}
    sites = _raises(plain)
    assert len(sites) > 80
    missing = [where for where, call in sites if "ja" not in {k.arg for k in call.keywords}]
    assert missing == []


def test_every_kind_of_record_not_found_has_a_japanese_name() -> None:
    unnamed = [
        where
        for where, call in _raises({"NotFoundError"})
        if "ja" not in {k.arg for k in call.keywords}
        and not (
            call.args and isinstance(call.args[0], ast.Constant) and call.args[0].value in KINDS_JA
        )
    ]
    assert unnamed == []
