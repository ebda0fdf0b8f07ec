"""One BLAS thread for the many small matrix products of the deep-stack Monte Carlo
and the training lab.

The stack multiplies width x width by width x batch matrices (256 x 256 by 256 x 128
in ``decay``'s default), too small for OpenBLAS's threads to pay for their
synchronisation; and on a machine whose other core is busy they spin against the
other load. Measured at width 256, batch 128, 500 layers (load average 9): 39 s wall
and 10.4 s CPU with NumPy's default two threads, 5.3 s wall and 1.5 s CPU with one;
at width 1024, 40 layers: 18.6 s against 13.9 s. Training (4 x 64, batches of 128)
likewise: two threads spent 12.2 s of CPU in 7.8 s of wall time on 400 steps of two
activations, where one thread does the same work alone.

threadpoolctl does this for every BLAS; it is not among actviz's dependencies, and
only NumPy's own OpenBLAS (the one its wheels bundle) matters here, so this module
calls that library's get/set functions through ctypes, and does nothing where it
finds no such library (another BLAS, another platform).
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_SUFFIXES = ("scipy_openblas_{}_num_threads64_", "scipy_openblas_{}_num_threads", "openblas_{}_num_threads64_",
             "openblas_{}_num_threads")  # fmt: skip


@functools.cache
def _openblas() -> tuple[object, object] | None:
    """(get, set) thread-count functions of the OpenBLAS loaded in this process, or None."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return None
    paths = {line.split()[-1] for line in maps.read_text().splitlines() if "openblas" in line.lower() and "/" in line}
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for pattern in _SUFFIXES:
            get, put = (getattr(library, pattern.format(verb), None) for verb in ("get", "set"))
            if get is not None and put is not None:
                return get, put
    return None


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run the block with NumPy's OpenBLAS on one thread, restoring its thread count after."""
    functions = _openblas()
    if functions is None:
        yield
        return
    get, put = functions
    before = get()
    put(1)
    try:
        yield
    finally:
        put(before)
