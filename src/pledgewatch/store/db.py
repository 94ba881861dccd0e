"""One way to open the database, whichever backend the settings name."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from pledgewatch.errors import ConfigurationError


def make_engine(url: str) -> Engine:
    """Create the engine for a sqlite:/// or postgresql+psycopg:// URL.

    SQLite gets WAL (readers never wait for the writer), foreign keys and a busy timeout, so
    concurrent use from the CLI and the web app waits instead of failing.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(
            f"database URL {url!r} is not valid; use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST:PORT/NAME",
            ja=f"データベースの URL {url!r} は正しくありません。sqlite:///PATH か "
            "postgresql+psycopg://USER@HOST:PORT/NAME の形で指定してください",
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise ConfigurationError(
        f"database backend {backend!r} is not supported; use sqlite or postgresql+psycopg",
        ja=f"データベースの種類 {backend!r} には対応していません。sqlite か postgresql+psycopg "
        "を使ってください",
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """The session maker every service uses; objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back entirely on any error."""
    with session_factory(engine)() as session, session.begin():
        yield session
