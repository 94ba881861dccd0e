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

Third-party errors (YAML, pydantic, SQLAlchemy, psycopg, httpx, pypdf) are translated into
these at the boundary where they occur. Exceptions carry data for the caller to format; they do
not log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PledgewatchError(Exception):
    """Base of every error pledgewatch raises on purpose."""


class ConfigurationError(PledgewatchError):
    """A setting or command-line option has a value that cannot be used."""


@dataclass(frozen=True)
class FileProblem:
    """One problem in an agreement file: where it is and what is wrong."""

    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "unknown line"
        field = f", field '{self.field}'" if self.field else ""
        return f"{where}{field}: {self.message}"


class AgreementFileError(PledgewatchError):
    """An agreement file cannot be loaded; nothing of it was stored."""

    def __init__(self, path: Path | str, problems: list[FileProblem]) -> None:
        self.path = Path(path)
        self.problems = problems
        listed = "\n".join(f"  {self.path}: {problem}" for problem in problems)
        super().__init__(f"{self.path}: {len(problems)} problem(s); nothing was stored\n{listed}")


class TemporalExpressionError(PledgewatchError):
    """A deadline expression is not one pledgewatch can turn into a date."""

    def __init__(self, expression: str, reason: str) -> None:
        self.expression = expression
        self.reason = reason
        super().__init__(f"cannot resolve {expression!r}: {reason}")


class NotFoundError(PledgewatchError):
    """A record asked for by its id does not exist."""

    def __init__(self, kind: str, key: str, hint: str = "") -> None:
        self.kind = kind
        self.key = key
        self.hint = hint
        message = f"no {kind} {key!r}"
        super().__init__(f"{message}; {hint}" if hint else message)


class ConflictError(PledgewatchError):
    """The request contradicts what is already stored."""


class DatabaseError(PledgewatchError):
    """The database cannot be reached, created or migrated."""


class FetchError(PledgewatchError):
    """A URL could not be fetched; `reason` says why in words a user can act on."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{self._verb} {url}: {reason}")

    _verb = "cannot fetch"


class FetchRefusedError(FetchError):
    """The fetch was refused: a private address, a scheme other than http(s), too many redirects."""

    _verb = "refused"


class FetchTooLargeError(FetchError):
    """The response body is larger than the fetch policy allows; reading stopped at the cap."""


class FetchTimeoutError(FetchError):
    """The server did not answer, or did not finish answering, within the time allowed."""


class FetchStatusError(FetchError):
    """The server answered with an HTTP error status (after any retries)."""

    def __init__(self, url: str, reason: str, *, status: int) -> None:
        self.status = status
        super().__init__(url, reason)


class ExtractionError(PledgewatchError):
    """A document cannot be read as what it claims to be (a broken or encrypted PDF)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"cannot read {source}: {reason}")


class FeedError(PledgewatchError):
    """A document is not a feed (RSS or Atom) or a sitemap at all."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"cannot read {url} as a feed or sitemap: {reason}")


class LexiconError(PledgewatchError):
    """A lexicon data file (event cues, actors) is missing or malformed."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class SourceError(PledgewatchError):
    """A monitored source as a whole cannot be read (its folder is gone); recorded in its health."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"source {source!r}: {reason}")
