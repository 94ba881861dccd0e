"""Read models of monitoring: sources with their health, items, stories.

Pydantic models, separate from the ORM classes, so the JSON the CLI prints is a contract.
Ingested text (titles, URLs) is carried as is; the faces escape it when they show it.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from pledgewatch.store.monitor_models import Item, Source
from pledgewatch.store.stories import StoryRow
from pledgewatch.store.timestamps import as_utc


class MonitorView(BaseModel):
    """Base of the monitoring views: immutable."""

    model_config = ConfigDict(frozen=True)


class HealthView(MonitorView):
    """How a source has been doing."""

    last_run: datetime | None
    last_success: datetime | None
    last_error_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    leased_by: str | None


class SourceView(MonitorView):
    """A monitored source."""

    name: str
    kind: str
    location: str
    language: str | None
    trust: str
    interval_minutes: int
    enabled: bool
    items: int
    health: HealthView


class ItemView(MonitorView):
    """One stored item."""

    id: int
    url: str
    canonical_url: str
    title: str
    published: date | None
    language: str | None
    story: int
    source: str | None
    """The source that found it first (None for a one-off ingest or a removed source)."""
    sources: list[str]
    """Every source that found or sighted it."""
    sightings: int
    kind: str
    trust: str
    revision: int
    origin_url: str | None
    fetched_at: datetime


class StoryView(MonitorView):
    """A story: items that tell the same thing, with every source that carried it."""

    id: int
    title: str
    first_seen: datetime
    first_published: date | None
    items: int
    sightings: int
    sources: list[str]
    languages: list[str]


class ResultView(MonitorView):
    """What storing one entry did (or would do), for JSON output."""

    outcome: str
    url: str
    item: int | None
    story: int | None
    title: str
    reason: str | None
    similarity: float | None


def _when(value: datetime | None) -> datetime | None:
    return as_utc(value) if value is not None else None


def source_view(source: Source, *, items: int) -> SourceView:
    """The view of a source."""
    return SourceView(
        name=source.name,
        kind=source.kind,
        location=source.location,
        language=source.language_hint,
        trust=source.trust,
        interval_minutes=source.interval_minutes,
        enabled=source.enabled,
        items=items,
        health=HealthView(
            last_run=_when(source.last_run_at),
            last_success=_when(source.last_success_at),
            last_error_at=_when(source.last_error_at),
            last_error=source.last_error,
            consecutive_failures=source.consecutive_failures,
            leased_by=source.leased_by,
        ),
    )


def item_view(item: Item) -> ItemView:
    """The view of an item; its sightings and their sources must be loaded."""
    names: list[str] = []
    if item.source is not None:
        names.append(item.source.name)
    for sighting in item.sightings:
        if sighting.source is not None and sighting.source.name not in names:
            names.append(sighting.source.name)
    return ItemView(
        id=item.id,
        url=item.url,
        canonical_url=item.canonical_url,
        title=item.title,
        published=item.published,
        language=item.language,
        story=item.story_id,
        source=item.source.name if item.source is not None else None,
        sources=names,
        sightings=len(item.sightings),
        kind=item.kind,
        trust=item.trust,
        revision=item.revision,
        origin_url=item.origin_url,
        fetched_at=as_utc(item.fetched_at),
    )


def story_view(row: StoryRow, *, source_names: dict[int, str]) -> StoryView:
    """The view of a story row."""
    return StoryView(
        id=row.story.id,
        title=row.story.title,
        first_seen=as_utc(row.story.first_seen_at),
        first_published=row.first_published,
        items=row.items,
        sightings=row.sightings,
        sources=[source_names[i] for i in row.source_ids if i in source_names],
        languages=row.languages,
    )
