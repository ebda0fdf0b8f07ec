"""mpmath references for actviz.catalog.exponential."""

from __future__ import annotations

import mpmath as mp  # noqa: F401

from . import reference  # noqa: F401
