"""Migrations: from empty to head on both databases, matching the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from pledgewatch.store import migrate
from pledgewatch.store.db import make_engine
from pledgewatch.store.schema import Base


def test_migrations_from_empty_match_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    assert migrate.current_revisions(engine) == set()
    migrate.upgrade(engine)
    assert migrate.current_revisions(engine) == migrate.head_revisions()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_upgrade_is_safe_to_repeat(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert migrate.current_revisions(engine) == migrate.head_revisions()


def test_downgrade_to_empty_and_back(engine: Engine) -> None:
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert "commitment" in inspect(engine).get_table_names()
