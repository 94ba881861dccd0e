"""The command-line face of pledgewatch."""

from pledgewatch.cli import (  # noqa: F401 - importing registers the commands
    anchor,
    assess,
    capture,
    ledger,
    monitor,
    review,
)
from pledgewatch.cli.app import app, main

__all__ = ["app", "main"]
