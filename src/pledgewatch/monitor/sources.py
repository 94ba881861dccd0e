"""The source registry: add, list and remove monitored sources, with their input checked.

Every check happens before anything is stored, and says what is wrong and how to fix it: an
unknown kind lists the kinds, a URL must be http(s), a folder must exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy import Engine

from pledgewatch.errors import ConfigurationError
from pledgewatch.fetch.guard import Allowances, refuse_named_address
from pledgewatch.fetch.policy import FetchPolicy
from pledgewatch.monitor.readers import SourceSpec, SourceState, reader_for
from pledgewatch.monitor.views import SourceView, source_view
from pledgewatch.store import sources as source_store
from pledgewatch.store.db import session_factory, unit_of_work
from pledgewatch.store.monitor_models import Source
from pledgewatch.store.timestamps import utc_now

TRUST_LEVELS: Final = ("official", "media")
LANGUAGES: Final = ("ja", "en")
DEFAULT_INTERVAL_MINUTES: Final = 60


@dataclass(frozen=True)
class NewSource:
    """What a user gives to register a source."""

    name: str
    kind: str
    location: str
    language_hint: str | None = None
    trust: str = "media"
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES


def checked(new: NewSource) -> NewSource:
    """The source with its location normalised; a ConfigurationError for any bad field."""
    name = new.name.strip()
    if not name:
        raise ConfigurationError(
            "a source needs a name, e.g. --name 'METI releases'",
            ja="情報源には名前が必要です（例：--name '経済産業省ニュースリリース'）",
        )
    if len(name) > 200:
        raise ConfigurationError(
            "a source name has at most 200 characters", ja="情報源の名前は200文字までです"
        )
    reader = reader_for(new.kind)
    if new.trust not in TRUST_LEVELS:
        raise ConfigurationError(
            f"trust must be one of {', '.join(TRUST_LEVELS)}, not {new.trust!r}",
            ja=f"信頼区分は {', '.join(TRUST_LEVELS)} のいずれかで指定してください"
            f"（{new.trust!r} は使えません）",
        )
    if new.language_hint is not None and new.language_hint not in LANGUAGES:
        raise ConfigurationError(
            f"the language hint must be one of {', '.join(LANGUAGES)}, not {new.language_hint!r}",
            ja=f"言語の指定は {', '.join(LANGUAGES)} のいずれかにしてください"
            f"（{new.language_hint!r} は使えません）",
        )
    if new.interval_minutes < 1:
        raise ConfigurationError(
            "the interval is a whole number of minutes, at least 1",
            ja="間隔は1以上の整数（分）で指定してください",
        )
    return NewSource(
        name=name,
        kind=new.kind,
        location=reader.check_location(new.location),
        language_hint=new.language_hint,
        trust=new.trust,
        interval_minutes=new.interval_minutes,
    )


def add_source(engine: Engine, new: NewSource, policy: FetchPolicy | None = None) -> SourceView:
    """Register a source after checking it; nothing is stored when a field is wrong.

    With the fetch ``policy``, a URL written with an address the guard refuses (127.0.0.1,
    10.0.0.5, localhost) is refused now rather than at its first run.
    """
    good = checked(new)
    if policy is not None and good.kind != "folder":
        refuse_named_address(good.location, Allowances.from_policy(policy))
    with unit_of_work(engine) as session:
        source = source_store.add_source(
            session,
            name=good.name,
            kind=good.kind,
            location=good.location,
            language_hint=good.language_hint,
            trust=good.trust,
            interval_minutes=good.interval_minutes,
            now=utc_now(),
        )
        return source_view(source, items=0)


def ensure_source(engine: Engine, new: NewSource) -> int:
    """The id of the source of this name, registered or updated to match; for built-in ones."""
    good = checked(new)
    with unit_of_work(engine) as session:
        source = source_store.find_source(session, name=good.name)
        if source is None:
            source = source_store.add_source(
                session,
                name=good.name,
                kind=good.kind,
                location=good.location,
                language_hint=good.language_hint,
                trust=good.trust,
                interval_minutes=good.interval_minutes,
                now=utc_now(),
            )
        else:
            # The package may have moved since (a reinstall): follow it.
            source.kind, source.location = good.kind, good.location
        return source.id


def list_sources(engine: Engine) -> list[SourceView]:
    """Every source with its health and item count."""
    with session_factory(engine)() as session:
        counts = source_store.item_counts(session)
        return [
            source_view(source, items=counts.get(source.id, 0))
            for source in source_store.list_sources(session)
        ]


def remove_source(engine: Engine, name: str) -> None:
    """Forget a source; the items it found stay."""
    with unit_of_work(engine) as session:
        source_store.remove_source(session, name=name)


def spec_of(source: Source) -> SourceSpec:
    """A stored source as readers see it."""
    return SourceSpec(
        name=source.name,
        kind=source.kind,
        location=source.location,
        language_hint=source.language_hint,
        trust=source.trust,
    )


def state_of(source: Source) -> SourceState:
    """What the last successful run remembered."""
    return SourceState(
        etag=source.etag, last_modified=source.last_modified, content_hash=source.content_hash
    )
