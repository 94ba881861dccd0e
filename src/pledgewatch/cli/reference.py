"""The CLI reference in docs/cli.md, generated from the commands' own help so it cannot drift.

Regenerate it with ``python -m pledgewatch.cli.reference > docs/cli.md``; a test fails when the
file and the commands disagree.
"""

from __future__ import annotations

import typer.main
from typer.testing import CliRunner

from pledgewatch.cli import app


def command_paths() -> list[list[str]]:
    """Every command and command group, as the words that invoke it, in a stable order."""
    paths: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        paths.append(path)
        children: dict[str, object] = getattr(command, "commands", {})
        for name in sorted(children):
            walk(children[name], [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


def help_text(command: list[str]) -> str:
    """The --help output of one command, at a fixed width so the reference is stable."""
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    return result.stdout.rstrip()


def cli_reference() -> str:
    """Markdown with the --help of every command and command group."""
    parts = [
        "# Command reference\n",
        "Generated from the commands' `--help`; regenerate with "
        "`python -m pledgewatch.cli.reference > docs/cli.md`.\n",
    ]
    for command in command_paths():
        title = " ".join(["pledgewatch", *command])
        parts.append(f"## {title}\n\n```text\n{help_text(command)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference())  # noqa: T201 - this module's job is to print the reference
