"""The complete command line: :data:`app` with every command registered.

Tests and ``actviz --help`` use this module; the console script goes through
:mod:`actviz.cli.main`, which imports only the command module it needs.
"""

from __future__ import annotations

from . import catalogue, claims, nonpointwise, plot, propagation, props, training  # noqa: F401  (they register commands)
from .base import app
from .main import main

__all__ = ["app", "main"]
