"""Regenerate reference tables: ``python -m tests.reference.generate [NAME...]``.

Without names, regenerates the tables that are missing or stale. Uses every
core (one process per activation).
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor

from . import REFERENCES
from .tables import build, load, path, save


def _generate(name: str) -> str:
    start = time.perf_counter()
    save(name, build(name))
    return f"{name}: {time.perf_counter() - start:.1f} s"


def _needs_work(name: str) -> bool:
    if not path(name).exists():
        return True
    try:
        load(name)
    except RuntimeError:
        return True
    return False


def main(argv: list[str]) -> None:
    names = argv or [n for n in REFERENCES if _needs_work(n)]
    unknown = [n for n in names if n not in REFERENCES]
    if unknown:
        sys.exit(f"no mpmath reference for: {', '.join(unknown)}")
    run_all(_generate, names)


def run_all(job, names: list[str]) -> None:  # noqa: ANN001
    """``job(name)`` for every name, one process per core, printing each returned line in order."""
    with ProcessPoolExecutor() as pool:
        for line in pool.map(job, names):
            print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
