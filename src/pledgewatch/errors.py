"""The exceptions pledgewatch raises, in one small hierarchy.

    PledgewatchError
    ├── ConfigurationError        a setting or option cannot be used
    ├── AgreementFileError        an agreement file is malformed (file, line, field)
    ├── TemporalExpressionError   a deadline expression cannot be resolved to a date
    ├── NotFoundError             an agreement, commitment or other record does not exist
    ├── ConflictError             the request contradicts what is stored
    ├── DatabaseError             the database cannot be reached or migrated
    ├── FetchError                a URL cannot be fetched (url, reason)
    │   ├── FetchRefusedError     refused before or while fetching: SSRF guard, scheme, redirects
    │   ├── FetchTooLargeError    the body is larger than the policy's max_bytes
    │   ├── FetchTimeoutError     the server did not answer in time
    │   └── FetchStatusError      the server answered with an error status (.status)
    ├── ExtractionError           a fetched document cannot be read (broken or encrypted PDF)
    ├── FeedError                 a document is not a feed or sitemap at all
    ├── SourceError               a monitored source as a whole cannot be read (source, reason)
    └── LexiconError              a lexicon data file (cues, actors) is missing or malformed

    InvalidValue (a ValueError)   a value refused by a validator or a parser, with its reason in
                                  both languages; wrapped into one of the above before a user
                                  sees it (pydantic and the date rules expect a ValueError)

Japanese and English are equal citizens: every error carries its message in both languages.
``str(error)`` is the English message and ``error.ja`` the Japanese one; ``message_in(error,
lang)`` picks the reader's. Technical parts (URLs, paths, settings, field names and values) are
the same in both.

Third-party errors (YAML, pydantic, SQLAlchemy, psycopg, httpx, pypdf) are translated into
these at the boundary where they occur. Exceptions carry data for the caller to format; they do
not log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


def in_language(english: str, japanese: str | None, lang: str) -> str:
    """``japanese`` for a Japanese reader when there is one, else ``english``."""
    return japanese if lang == "ja" and japanese else english


class PledgewatchError(Exception):
    """Base of every error pledgewatch raises on purpose; ``ja`` is its Japanese message."""

    def __init__(self, message: str, *, ja: str | None = None) -> None:
        super().__init__(message)
        self.ja = ja


def message_in(error: PledgewatchError, lang: str) -> str:
    """The error's message for a reader of ``lang``: Japanese for "ja" when it has one."""
    return in_language(str(error), error.ja, lang)


class InvalidValue(ValueError):  # noqa: N818 - a ValueError, as pydantic validators must raise
    """A value a validator or parser refuses; ``ja`` is the reason in Japanese."""

    def __init__(self, message: str, *, ja: str) -> None:
        super().__init__(message)
        self.ja = ja


def japanese_reason(error: BaseException, *, otherwise: str) -> str:
    """The Japanese reason of an error raised inside a parser or validator.

    Its own (an InvalidValue's), else ``otherwise`` with the English detail of a standard
    library error ('day is out of range for month') in brackets.
    """
    japanese = getattr(error, "ja", None)
    if isinstance(japanese, str) and japanese:
        return japanese
    return f"{otherwise}（{error}）"


class ConfigurationError(PledgewatchError):
    """A setting or command-line option has a value that cannot be used."""


@dataclass(frozen=True)
class FileProblem:
    """One problem in an agreement file: where it is and what is wrong, in both languages."""

    line: int | None
    field: str
    message: str
    ja: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "unknown line"
        field = f", field '{self.field}'" if self.field else ""
        return f"{where}{field}: {self.message}"

    def text_in(self, lang: str) -> str:
        """The problem for a reader of ``lang``: '12行目、フィールド 'id'：…' in Japanese."""
        if lang != "ja":
            return str(self)
        where = f"{self.line}行目" if self.line is not None else "行不明"
        field = f"、フィールド '{self.field}'" if self.field else ""
        return f"{where}{field}：{self.ja}"


class AgreementFileError(PledgewatchError):
    """An agreement file cannot be loaded; nothing of it was stored."""

    def __init__(self, path: Path | str, problems: list[FileProblem]) -> None:
        self.path = Path(path)
        self.problems = problems
        listed = "\n".join(f"  {self.path}: {problem}" for problem in problems)
        listed_ja = "\n".join(f"  {self.path}: {problem.text_in('ja')}" for problem in problems)
        super().__init__(
            f"{self.path}: {len(problems)} problem(s); nothing was stored\n{listed}",
            ja=f"{self.path}: 問題が{len(problems)}件あるため、何も保存していません\n{listed_ja}",
        )


class TemporalExpressionError(PledgewatchError):
    """A deadline expression is not one pledgewatch can turn into a date."""

    def __init__(self, expression: str, reason: str, *, reason_ja: str) -> None:
        self.expression = expression
        self.reason = reason
        self.reason_ja = reason_ja
        super().__init__(
            f"cannot resolve {expression!r}: {reason}",
            ja=f"{expression!r} を日付にできません：{reason_ja}",
        )


# The Japanese name of each kind of record a NotFoundError can name.
KINDS_JA: dict[str, str] = {
    "agreement": "合意",
    "commitment": "コミットメント",
    "document": "文書",
    "event": "事象",
    "evidence": "根拠",
    "extraction run": "抽出",
    "file": "ファイル",
    "item": "記事",
    "project": "投資案件",
    "proposal": "提案",
    "sector": "分野",
    "source": "情報源",
    "story": "ストーリー",
}


class NotFoundError(PledgewatchError):
    """A record asked for by its id does not exist.

    The Japanese message is built from KINDS_JA and ``hint_ja``; ``ja`` replaces it whole where
    the kind is not a plain noun ("single commitment").
    """

    def __init__(
        self,
        kind: str,
        key: str,
        hint: str = "",
        *,
        hint_ja: str | None = None,
        ja: str | None = None,
    ) -> None:
        self.kind = kind
        self.key = key
        self.hint = hint
        message = f"no {kind} {key!r}"
        if ja is None:
            ja = f"{KINDS_JA.get(kind, kind)} {key!r} は見つかりません"
            hint_shown = hint_ja if hint_ja is not None else hint
            ja = f"{ja}。{hint_shown}" if hint_shown else ja
        super().__init__(f"{message}; {hint}" if hint else message, ja=ja)


class ConflictError(PledgewatchError):
    """The request contradicts what is already stored."""


class DatabaseError(PledgewatchError):
    """The database cannot be reached, created or migrated."""


class FetchError(PledgewatchError):
    """A URL could not be fetched; `reason` says why in words a user can act on."""

    _verb: ClassVar[str] = "cannot fetch"
    _ja: ClassVar[str] = "{url} を取得できません：{reason}"

    def __init__(self, url: str, reason: str, *, reason_ja: str) -> None:
        self.url = url
        self.reason = reason
        self.reason_ja = reason_ja
        super().__init__(
            f"{self._verb} {url}: {reason}", ja=self._ja.format(url=url, reason=reason_ja)
        )


class FetchRefusedError(FetchError):
    """The fetch was refused: a private address, a scheme other than http(s), too many redirects."""

    _verb = "refused"
    _ja = "{url} の取得を拒否しました：{reason}"


class FetchTooLargeError(FetchError):
    """The response body is larger than the fetch policy allows; reading stopped at the cap."""


class FetchTimeoutError(FetchError):
    """The server did not answer, or did not finish answering, within the time allowed."""


class FetchStatusError(FetchError):
    """The server answered with an HTTP error status (after any retries)."""

    def __init__(self, url: str, reason: str, *, reason_ja: str, status: int) -> None:
        self.status = status
        super().__init__(url, reason, reason_ja=reason_ja)


class ExtractionError(PledgewatchError):
    """A document cannot be read as what it claims to be (a broken or encrypted PDF)."""

    def __init__(self, source: str, reason: str, *, reason_ja: str) -> None:
        self.source = source
        self.reason = reason
        self.reason_ja = reason_ja
        super().__init__(
            f"cannot read {source}: {reason}", ja=f"{source} を読み込めません：{reason_ja}"
        )


class FeedError(PledgewatchError):
    """A document is not a feed (RSS or Atom) or a sitemap at all."""

    def __init__(self, url: str, reason: str, *, reason_ja: str) -> None:
        self.url = url
        self.reason = reason
        self.reason_ja = reason_ja
        super().__init__(
            f"cannot read {url} as a feed or sitemap: {reason}",
            ja=f"{url} をフィードまたはサイトマップとして読み込めません：{reason_ja}",
        )


class LexiconError(PledgewatchError):
    """A lexicon data file (event cues, actors) is missing or malformed."""

    def __init__(self, path: Path | str, reason: str, *, reason_ja: str) -> None:
        self.path = Path(path)
        self.reason = reason
        self.reason_ja = reason_ja
        super().__init__(f"{self.path}: {reason}", ja=f"{self.path}: {reason_ja}")


class SourceError(PledgewatchError):
    """A monitored source as a whole cannot be read (its folder is gone); recorded in its health."""

    def __init__(self, source: str, reason: str, *, reason_ja: str) -> None:
        self.source = source
        self.reason = reason
        self.reason_ja = reason_ja
        super().__init__(f"source {source!r}: {reason}", ja=f"情報源 {source!r}：{reason_ja}")
