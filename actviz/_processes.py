"""Worker processes for the commands that spread independent work over the cores
(``gallery``'s pictures, ``train``'s runs), with the behaviour a command line needs:
Ctrl-C or SIGTERM ends the workers at once, not after the work still queued.

concurrent.futures' executor is not used: on Ctrl-C every worker received SIGINT,
caught it as an exception of its current item and went on with the next, while the
executor's shutdown waited for the whole queue (an interrupted ``gallery`` drew on
for 51 s). Here the workers ignore SIGINT (the parent alone answers it) and
``Pool.terminate`` ends them when the parent leaves the pool for any reason.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool


def available_cores() -> int:
    """The cores this process may run on (its affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_method() -> str | None:
    """fork where the platform has it (workers inherit the parent's imports), else the default."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else None


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple) -> None:
    # Ctrl-C reaches the whole process group: only the parent answers it. SIGTERM ends a
    # worker at once (the parent's handler would raise inside the item being worked on).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # a worker's full collections skip the objects inherited from the parent (matplotlib,
    # scipy: ~80 000), which they walked again and again (~5% of a gallery picture)
    gc.freeze()
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def worker_pool(jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Iterator[Pool]:
    """A pool of ``jobs`` worker processes, ended (not drained) when the block is left,
    normally or by an exception (KeyboardInterrupt included)."""
    pool = multiprocessing.get_context(start_method()).Pool(jobs, initializer=_start_worker,
                                                            initargs=(initializer, initargs))
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()
