"""pledgewatch's list of who acts for the parties (data/actors.yaml), read and checked once.

Capture reads it to see whose read-out a sentence is (capture/speakers.py); the linker reads it
to see which parties and offices an item names (link/actors.py). One schema and one loader
serve both, so a mistake in the file is reported the same way wherever it is read.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pledgewatch.errors import LexiconError


class ActorNames(BaseModel):
    """Names in each language."""

    model_config = ConfigDict(extra="forbid")

    en: list[str] = []
    ja: list[str] = []


class Country(BaseModel):
    """A country, with a party code when it can sign."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z]{2}$")
    names: ActorNames


class Actor(BaseModel):
    """An office, ministry, agency or office holder, and the party it acts for."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    party: str = Field(pattern=r"^[A-Z]{2}$")
    leader: bool = False  # the party's head of government
    names: ActorNames


class ActorFile(BaseModel):
    """The actors data file."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["pledgewatch-actors/1"]
    countries: list[Country]
    actors: list[Actor]
    # Words that hold a country's or an office's name but name neither: インド太平洋 holds
    # インド, 中国電力 (a Japanese utility) holds 中国.
    not_actors: ActorNames = ActorNames()


def load_actor_file(path: Path | None = None) -> ActorFile:
    """Read and check an actors file (the embedded one by default)."""
    source = path or Path(str(resources.files("pledgewatch") / "data" / "actors.yaml"))
    try:
        return ActorFile.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise LexiconError(
            source, str(exc), reason_ja=f"読み込めないか、形式が正しくありません（{exc}）"
        ) from exc


@lru_cache(maxsize=1)
def default_actor_file() -> ActorFile:
    """The embedded actors file, read once."""
    return load_actor_file()
