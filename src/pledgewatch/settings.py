"""Settings, built once at the edge (the CLI or the web app) and passed down.

Every setting can be given in the environment with the prefix PLEDGEWATCH_ (for example
PLEDGEWATCH_DATABASE_URL); docs/settings.md lists them all, and a test keeps that list complete.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Literal

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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
    at_risk_days: int = Field(
        default=30,
        ge=0,
        description=(
            "Flag a deadline 'at risk' this many days before it falls due when no achieved "
            "evidence has been confirmed; after the date it is flagged 'missed?'."
        ),
    )
    link_threshold: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description=(
            "Least score (0 to 1) for the linker to propose a commitment for a story; "
            "unset uses the linker's calibrated threshold."
        ),
    )
    link_top: int = Field(
        default=3,
        ge=1,
        le=10,
        description=(
            "Most commitments the linker proposes for one story (1 to 10); a summit-eve report "
            "that touches many commitments needs more than the default 3."
        ),
    )
    allow_private_networks: bool = Field(
        default=False,
        description=(
            "Let fetches reach private, loopback, link-local and reserved addresses "
            "(an intranet, a local test server). Off by default: a feed URL must not be able "
            "to reach the machines behind the firewall."
        ),
    )
    allowed_networks: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description=(
            "Private networks (CIDR, such as 10.1.0.0/16) or host names that fetches may reach "
            "even though private networks are otherwise refused; comma-separated or a JSON list."
        ),
    )
    fetch_timeout_seconds: float = Field(
        default=20.0,
        gt=0,
        description="Time allowed for one fetch, redirects and body included, in seconds.",
    )
    fetch_max_bytes: int = Field(
        default=20_000_000,
        gt=0,
        description="Largest response body a fetch accepts, in bytes; larger ones are refused.",
    )
    fetch_max_redirects: int = Field(
        default=5,
        ge=0,
        description="Most redirects one fetch follows before it gives up.",
    )
    fetch_host_interval_seconds: float = Field(
        default=1.0,
        ge=0,
        description="Politeness: the least time between two requests to the same host, in seconds.",
    )

    monitor_index_days: int = Field(
        default=30,
        ge=1,
        description=(
            "Near-duplicate detection compares a new item with the items fetched in the last "
            "this many days; the index of their fingerprints is rebuilt from the database when "
            "a run starts."
        ),
    )
    monitor_lease_seconds: int = Field(
        default=900,
        ge=10,
        description=(
            "How long a worker holds a source while reading it; another worker may take the "
            "source over only after the lease runs out (when the first one died)."
        ),
    )
    # "auto" by default: reading pages is most of the cost of monitoring, and a pool of
    # processes reads them about 1.6 times faster on two cores, but takes most of a second to
    # start; so a run starts one only after its first pages (monitor/extraction.py).
    monitor_extract_workers: Annotated[int, Field(ge=0)] | Literal["auto"] = Field(
        default="auto",
        description=(
            "Processes that read fetched pages (HTML and PDF extraction) while the monitor keeps "
            "fetching: 'auto' reads the first pages in the monitor's own process and then starts "
            "one process per CPU (at most 4, none on one CPU), kept for later rounds; 0 reads "
            "every page in the monitor's own process; a number starts that many processes."
        ),
    )
    monitor_max_fetches: int = Field(
        default=100,
        ge=1,
        description=(
            "Articles fetched from one feed or sitemap per run at most; the rest are fetched "
            "in the next runs."
        ),
    )

    @field_validator("allowed_networks", mode="before")
    @classmethod
    def _split_networks(cls, value: object) -> object:
        """Accept "a, b" as well as a JSON list, as people write both in the environment."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value
