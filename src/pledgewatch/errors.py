"""The exceptions pledgewatch raises, in one small hierarchy.

    PledgewatchError
    ├── ConfigurationError        a setting or option cannot be used
    ├── AgreementFileError        an agreement file is malformed (file, line, field)
    ├── TemporalExpressionError   a deadline expression cannot be resolved to a date
    ├── NotFoundError             an agreement, commitment or other record does not exist
    ├── ConflictError             the request contradicts what is stored
    └── DatabaseError             the database cannot be reached or migrated

Third-party errors (YAML, pydantic, SQLAlchemy, psycopg) are translated into these at the
boundary where they occur. Exceptions carry data for the caller to format; they do not log.
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
