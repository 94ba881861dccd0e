"""The small additions made to temporal.py for expressions met in running text."""

from __future__ import annotations

from datetime import date

import pytest

from pledgewatch.errors import TemporalExpressionError
from pledgewatch.text.temporal import Precision, resolve_deadline

REFERENCE = date(2025, 10, 28)


@pytest.mark.parametrize(
    ("expression", "due", "precision"),
    [
        ("12/31/04", date(2004, 12, 31), Precision.DAY),
        ("by 12/31/2026", date(2026, 12, 31), Precision.DAY),
        ("2006-8", date(2008, 12, 31), Precision.YEAR),
        ("2007-2008", date(2008, 12, 31), Precision.YEAR),
        ("2006-2015", date(2015, 12, 31), Precision.YEAR),
        ("this November", date(2025, 11, 30), Precision.MONTH),
        ("next March", date(2026, 3, 31), Precision.MONTH),
        ("before the end of the year", date(2025, 12, 31), Precision.YEAR),
        ("later this year", date(2025, 12, 31), Precision.YEAR),
        ("during the course of this year", date(2025, 12, 31), Precision.YEAR),
        ("今月末", date(2025, 10, 31), Precision.MONTH),
        ("来月", date(2025, 11, 30), Precision.MONTH),
        ("来月中旬", date(2025, 11, 20), Precision.DAY),
        ("2029-01", date(2029, 1, 31), Precision.MONTH),
    ],
)
def test_additions(expression: str, due: date, precision: Precision) -> None:
    resolved = resolve_deadline(expression, reference=REFERENCE)
    assert resolved.date == due
    assert resolved.precision is precision


def test_an_ambiguous_numeric_date_is_refused() -> None:
    with pytest.raises(TemporalExpressionError, match="day/month or month/day"):
        resolve_deadline("3/4/05", reference=REFERENCE)
    with pytest.raises(TemporalExpressionError):
        resolve_deadline("2/3", reference=REFERENCE)
