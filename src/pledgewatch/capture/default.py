"""The embedded default: the Japan-US summit of 2025-10-28 and the bilingual thesaurus."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT_AGREEMENT_ID = "2025-10-28-japan-us"


def data_path() -> Path:
    """The folder of data shipped inside the package."""
    return Path(str(files("pledgewatch") / "data"))


def thesaurus_path() -> Path:
    """The shipped bilingual thesaurus."""
    return data_path() / "thesaurus.yaml"


def default_agreement_path() -> Path:
    """The agreement file of the embedded default agreement."""
    return data_path() / "agreements" / DEFAULT_AGREEMENT_ID / "agreement.yaml"
