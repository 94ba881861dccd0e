"""Fixtures: a fresh database per test on SQLite and on PostgreSQL, and loaded ones to read.

PostgreSQL is required, never skipped: when it cannot be reached the run stops with a message
saying how to start it. PLEDGEWATCH_TEST_POSTGRES_URL points the tests at another server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from pledgewatch.capture.default import default_agreement_path, thesaurus_path
from pledgewatch.capture.loader import load_agreement_file, load_thesaurus_file
from pledgewatch.cli import app
from pledgewatch.store import migrate
from pledgewatch.store.db import make_engine

POSTGRES_URL = os.environ.get(
    "PLEDGEWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ["sqlite", "postgresql"]
SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once, with a clear message, when PostgreSQL cannot be reached."""
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except OperationalError as exc:
        pytest.exit(
            f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc.orig}\n"
            "The tests run on SQLite and on PostgreSQL. Start PostgreSQL (bash .ci/run does it, "
            "installing it where missing) or set PLEDGEWATCH_TEST_POSTGRES_URL.",
            returncode=1,
        )


@contextmanager
def _fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """A new empty database: a file on SQLite, a database of its own on PostgreSQL."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'pledgewatch.db'}"
        return
    name = f"pledgewatch_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database, once per backend."""
    with _fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A fresh database migrated to the current schema, once per backend."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def thesaurus_engine(engine: Engine) -> Engine:
    """A fresh database holding the shipped thesaurus only."""
    load_thesaurus_file(engine, thesaurus_path())
    return engine


@pytest.fixture
def loaded_engine(thesaurus_engine: Engine) -> Engine:
    """A fresh database holding the thesaurus and the default agreement; free to change."""
    load_agreement_file(thesaurus_engine, default_agreement_path())
    return thesaurus_engine


@pytest.fixture(scope="session", params=BACKENDS)
def loaded_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database with the default agreement, shared by read-only tests; do not write to it."""
    with _fresh_database(request.param, tmp_path_factory.mktemp(request.param)) as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        load_thesaurus_file(engine, thesaurus_path())
        load_agreement_file(engine, default_agreement_path())
        engine.dispose()
        yield url


@pytest.fixture(scope="session", params=BACKENDS)
def curated_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database as `make run` leaves it: the default agreement, the offline sample source
    linked and its curated review applied. Shared by read-only tests; do not write to it."""
    runner = CliRunner()
    with _fresh_database(request.param, tmp_path_factory.mktemp(f"curated-{request.param}")) as url:
        for command in (["init"], ["ingest", "--sample", "--quiet"], ["link"], ["review", "apply"]):
            result = runner.invoke(app, [*command, "--db", url])
            assert result.exit_code == 0, result.output
        yield url
