"""The docs cannot drift: every command, setting and file field is documented."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from pledgewatch.capture import agreement_file
from pledgewatch.cli.reference import cli_reference
from pledgewatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_the_cli_reference_is_current() -> None:
    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert documented.strip() == cli_reference().strip(), (
        "docs/cli.md is stale: python -m pledgewatch.cli.reference > docs/cli.md"
    )


def test_every_setting_is_documented() -> None:
    documented = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`PLEDGEWATCH_{name.upper()}`" in documented, name


def test_every_agreement_file_field_is_documented() -> None:
    documented = (ROOT / "docs" / "agreement-format.md").read_text(encoding="utf-8")
    models = [
        value
        for value in vars(agreement_file).values()
        if isinstance(value, type) and issubclass(value, BaseModel)
    ]
    missing = {
        f"{model.__name__}.{field}"
        for model in models
        for field in model.model_fields
        if field not in ("en", "ja") and f"`{field}`" not in documented
    }
    assert not missing


def test_the_readme_first_screen() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:60])
    assert "make run" in first_screen
    assert "make test" in first_screen
    assert re.search(r"[\u3040-\u30ff]", first_screen), "a Japanese paragraph"
