"""Open the database named by the settings, checking that its schema is current."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from pledgewatch.errors import DatabaseError
from pledgewatch.store import migrate
from pledgewatch.store.db import make_engine


def normalise_url(value: str) -> str:
    """Accept a plain file path as shorthand for an SQLite database at that path."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def open_database(url: str, *, create: bool = False) -> Engine:
    """An engine on a database at the current schema; ``create`` migrates it first."""
    engine = make_engine(normalise_url(url))
    if create:
        migrate.upgrade(engine)
        return engine
    try:
        current = migrate.current_revisions(engine)
    except OperationalError as exc:
        raise DatabaseError(
            f"cannot open the database {engine.url.render_as_string()}: {exc.orig}",
            ja=f"データベース {engine.url.render_as_string()} を開けません：{exc.orig}",
        ) from exc
    if not current:
        raise DatabaseError(
            f"the database {engine.url.render_as_string()} is not initialised; "
            "run 'pledgewatch init' first",
            ja=f"データベース {engine.url.render_as_string()} は初期化されていません。"
            "先に 'pledgewatch init' を実行してください",
        )
    if current != migrate.head_revisions():
        needed = ", ".join(sorted(migrate.head_revisions()))
        raise DatabaseError(
            f"the database is at schema {', '.join(sorted(current))}, this pledgewatch needs "
            f"{needed}; run 'pledgewatch init' to migrate it",
            ja=f"データベースのスキーマは {', '.join(sorted(current))} ですが、この pledgewatch "
            f"には {needed} が必要です。'pledgewatch init' で移行してください",
        )
    return engine
