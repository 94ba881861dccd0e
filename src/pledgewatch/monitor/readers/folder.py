"""A local folder: new or changed files become items; unchanged files are not read again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pledgewatch.errors import ConfigurationError, SourceError
from pledgewatch.monitor.documents import Entry, EntryError, Seen, raw_hash
from pledgewatch.monitor.files import SUPPORTED_SUFFIXES, folder_files, read_file
from pledgewatch.monitor.readers.base import ReadContext, SourceSpec, StoredLookup
from pledgewatch.monitor.urls import file_url


class FolderReader:
    """Files under a folder (recursively): .html, .htm, .txt, .pdf and feed files (.xml)."""

    kind = "folder"
    description = (
        f"local folder of {', '.join(sorted(SUPPORTED_SUFFIXES))} files: new or changed "
        "files are stored"
    )

    def check_location(self, location: str) -> str:
        """A folder is named by its absolute path; it must exist."""
        path = Path(location).expanduser()
        if not path.exists():
            raise ConfigurationError(
                f"the folder {location} does not exist",
                ja=f"フォルダ {location} は存在しません",
            )
        if not path.is_dir():
            raise ConfigurationError(
                f"{location} is a file, not a folder; ingest a single file with "
                "'pledgewatch ingest PATH'",
                ja=f"{location} はフォルダではなくファイルです。一つのファイルは "
                "'pledgewatch ingest PATH' で取り込んでください",
            )
        return str(path.resolve())

    def read(self, spec: SourceSpec, context: ReadContext) -> Iterator[Entry]:
        """Every file: unchanged ones as sightings, new or changed ones read."""
        folder = Path(spec.location)
        if not folder.is_dir():
            raise SourceError(
                spec.name,
                f"the folder {spec.location} no longer exists",
                reason_ja=f"フォルダ {spec.location} はもう存在しません",
            )
        yield from folder_entries(folder, context.lookup, language_hint=spec.language_hint)


def folder_entries(
    folder: Path, lookup: StoredLookup, *, language_hint: str | None = None
) -> Iterator[Entry]:
    """The entries of every file under a folder; files stored from the same bytes are Seen."""
    for path in folder_files(folder):
        url = file_url(path)
        try:
            content = path.read_bytes()
        except OSError as exc:
            yield EntryError.unreadable(url, exc)
            continue
        if lookup.unchanged(url, raw_hash(content)):
            yield Seen(url)
            continue
        yield from read_file(path, content=content, language_hint=language_hint)
