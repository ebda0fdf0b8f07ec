"""Rows of results as CSV text: the one CSV writer of actviz."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


def _field(value: object) -> object:
    """A CSV field: ``true``/``false`` for booleans, empty for None, numbers at full precision."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return value


def to_csv(rows: Sequence[dict]) -> str:
    """CSV text with a header row (the keys of the first row) and one line per row;
    None is an empty field, booleans are ``true``/``false``."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _field(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()
