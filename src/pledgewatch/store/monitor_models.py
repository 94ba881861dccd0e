"""The ORM models of monitoring: sources, the items fetched from them, and stories.

An item is one article or release, stored once by its canonical URL. The same text seen again at
another URL or in another source is a sighting of that item, not a new item. Near-duplicates
(a wire story rewritten by twenty sites) are separate items grouped into one story, so one
event is counted once downstream while every source is kept.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pledgewatch.store.models import Base


class Source(Base):
    """A feed, page, sitemap, folder or upload that is monitored, with its health."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    location: Mapped[str] = mapped_column(Text)
    language_hint: Mapped[str | None] = mapped_column(String(2))
    trust: Mapped[str] = mapped_column(String(20))
    interval_minutes: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    # Two workers never read one source at once: a worker takes the lease with one atomic
    # UPDATE that succeeds only when no lease is held or the holder's lease ran out.
    leased_by: Mapped[str | None] = mapped_column(String(200))
    leased_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Story(Base):
    """Items that tell the same story: syndicated copies and near-duplicates."""

    __tablename__ = "story"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    items: Mapped[list[Item]] = relationship(back_populates="story", order_by="Item.id")


class Item(Base):
    """One fetched news article or official release, stored once.

    A canonical URL names one item; only a watched page or file whose text changed gets a
    new item at the same URL, with the next ``revision``.
    """

    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("canonical_url", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(String(2000))
    revision: Mapped[int] = mapped_column(Integer, default=0)
    origin_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    language: Mapped[str | None] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(20))
    trust: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    raw_hash: Mapped[str | None] = mapped_column(String(64))
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)

    story: Mapped[Story] = relationship(back_populates="items")
    source: Mapped[Source | None] = relationship()
    sightings: Mapped[list[Sighting]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Sighting.id"
    )


class Sighting(Base):
    """Where and when an item was seen: its first URL, and every exact copy found later.

    The URL is in canonical form, so one page linked with different tracking parameters is
    one sighting per source.
    """

    __tablename__ = "sighting"
    __table_args__ = (UniqueConstraint("item_id", "url", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("source.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    item: Mapped[Item] = relationship(back_populates="sightings")
    source: Mapped[Source | None] = relationship()
