"""Read YAML while remembering on which line each value stands, for errors a person can fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pledgewatch.errors import AgreementFileError, FileProblem

Location = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """The safe loader, leaving dates as text so a bad date is reported with its field."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDocument:
    """The parsed data of a YAML file and the line of every mapping key and list item."""

    path: Path
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int | None:
        """The line of ``location`` or of its nearest enclosing value that has one."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return None

    def problem(self, location: Location, message: str, ja: str) -> FileProblem:
        """A problem at ``location``, with its line and dotted field name; ``ja`` in Japanese."""
        return FileProblem(self.line_of(location), dotted(location), message, ja)


def dotted(location: Location) -> str:
    """Render a location as 'commitments[3].deadline.expression'."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_yaml(path: Path) -> YamlDocument:
    """Parse ``path`` safely; a syntax error names the file and line."""
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AgreementFileError(
            path, [FileProblem(None, "", "the file does not exist", "ファイルが存在しません")]
        ) from exc
    except UnicodeDecodeError as exc:
        raise AgreementFileError(
            path,
            [
                FileProblem(
                    None,
                    "",
                    f"the file is not UTF-8 text ({exc.reason})",
                    f"ファイルが UTF-8 のテキストではありません（{exc.reason}）",
                )
            ],
        ) from exc
    try:
        node = yaml.compose(source, Loader=_Loader)
        data = yaml.load(source, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or "invalid YAML"
        raise AgreementFileError(
            path, [FileProblem(line, "", f"YAML syntax: {reason}", f"YAML の構文エラー：{reason}")]
        ) from exc
    except yaml.YAMLError as exc:
        raise AgreementFileError(
            path, [FileProblem(None, "", f"YAML syntax: {exc}", f"YAML の構文エラー：{exc}")]
        ) from exc
    lines: dict[Location, int] = {}
    if node is not None:
        _index(node, (), lines)
    return YamlDocument(path=path, data=data, lines=lines)


def _index(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*location, key)] = key_node.start_mark.line + 1
            _index(value_node, (*location, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*location, position), lines)
