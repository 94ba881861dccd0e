"""Bring a database's schema to the current version with the Alembic migrations."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from pledgewatch.errors import DatabaseError

SCRIPT_LOCATION = "pledgewatch.store:migrations"


def alembic_config() -> Config:
    """The Alembic configuration pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Apply every migration up to ``revision``; safe to run again on a current database."""
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except OperationalError as exc:
        raise DatabaseError(
            f"cannot migrate the database at {engine.url.render_as_string()}: {exc.orig}",
            ja=f"データベース {engine.url.render_as_string()} を移行できません：{exc.orig}",
        ) from exc


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database is at; empty when it was never initialised."""
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def head_revisions() -> set[str]:
    """The newest revisions shipped with this version of pledgewatch."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to ``revision`` ('base' for an empty database)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
