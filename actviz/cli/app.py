"""The complete command line: :data:`app` with every command registered.

Tests and ``actviz --help`` use this module; the console script goes through
:mod:`actviz.cli.main`, which imports only the command module it needs.
"""

from __future__ import annotations

from . import catalogue, initialisation, nonpointwise, plot, propagation, props, spectrum  # noqa: F401  (they register commands)
from .base import app
from .main import main

__all__ = ["app", "main"]
