"""The command-line face of pledgewatch."""

from pledgewatch.cli.app import app, main

__all__ = ["app", "main"]
