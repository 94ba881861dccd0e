"""Settings, built once at the edge (the CLI or the web app) and passed down.

Every setting can be given in the environment with the prefix PLEDGEWATCH_ (for example
PLEDGEWATCH_DATABASE_URL); docs/settings.md lists them all, and a test keeps that list complete.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

Language = Literal["en", "ja"]


def default_database_url() -> str:
    """The SQLite database in the user's data directory, where a personal install keeps it."""
    return f"sqlite:///{Path(user_data_dir('pledgewatch')) / 'pledgewatch.db'}"


def language_from_locale() -> Language:
    """Japanese when the user's locale is Japanese, English otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


class Settings(BaseSettings):
    """All of pledgewatch's settings, with their defaults."""

    model_config = SettingsConfigDict(env_prefix="PLEDGEWATCH_", extra="forbid", frozen=True)

    database_url: str = Field(
        default_factory=default_database_url,
        description=(
            "Where the data lives: sqlite:///PATH (the default, in the user's data directory) "
            "or postgresql+psycopg://USER@HOST:PORT/NAME for a team server."
        ),
    )
    lang: Language = Field(
        default_factory=language_from_locale,
        description="Language of output: 'en' or 'ja'. Defaults to the locale (LANG).",
    )
    today: str | None = Field(
        default=None,
        description=(
            "Pretend today is this date (YYYY-MM-DD) for days-left figures; "
            "for reproducible reports and demonstrations."
        ),
    )
