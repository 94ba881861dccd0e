"""Alembic environment: migrations run on the connection pledgewatch hands over."""

from typing import Any

from alembic import context

from pledgewatch.store.schema import Base


def _ours(name: str | None, type_: str, parent_names: Any) -> bool:
    # procrastinate keeps its queue tables in the same PostgreSQL database; they are its own
    # schema, managed by it, and autogenerate must never propose to drop them.
    return type_ != "table" or name in Base.metadata.tables


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=_ours,
)
with context.begin_transaction():
    context.run_migrations()
