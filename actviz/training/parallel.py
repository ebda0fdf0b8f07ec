"""Several planned training runs at once, one worker process per core.

A run is single-threaded (small matrix products on one BLAS thread, see
:mod:`actviz._blas`), so ``actviz train relu elu tanh`` on a 2-core machine leaves
one core idle unless the runs are spread over processes. Each run is computed by
the same code whichever process computes it, so the results are bit-for-bit those
of :meth:`~.loop.Plan.run` in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence

from .._processes import available_cores, start_method, worker_pool
from .loop import Plan, TrainResult

_POLL_SECONDS = 0.1
_steps_done = None  # in a worker: the shared array of steps done per run (set by _share)


def _share(steps_done) -> None:  # noqa: ANN001  (a shared multiprocessing array)
    global _steps_done  # noqa: PLW0603
    _steps_done = steps_done


def _run(index: int, planned: Plan) -> TrainResult:
    def report(done: int, _total: int) -> None:
        _steps_done[index] = done

    return planned.run(report)


def run_plans(plans: Sequence[Plan], jobs: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[TrainResult]:
    """:meth:`Plan.run` of every plan, in ``jobs`` worker processes (default: one per
    available core; 1 or a single plan: in this process), the results in the plans'
    order. ``progress(done, total)`` counts the steps of all runs together. The longest
    runs (by their estimate) start first, so that the workers finish together."""
    total = sum(p.steps for p in plans)
    jobs = min(len(plans), jobs or available_cores())
    if jobs <= 1:
        results, offset = [], 0
        for planned in plans:
            results.append(planned.run(None if progress is None else
                                       lambda done, _total, before=offset: progress(before + done, total)))
            offset += planned.steps
        return results
    steps_done = multiprocessing.get_context(start_method()).Array("q", len(plans), lock=False)
    with worker_pool(jobs, _share, (steps_done,)) as pool:
        order = sorted(range(len(plans)), key=lambda i: plans[i].seconds, reverse=True)
        pending = {i: pool.apply_async(_run, (i, plans[i])) for i in order}
        for index in order:
            while not pending[index].ready():
                pending[index].wait(_POLL_SECONDS)
                if progress is not None:
                    progress(sum(steps_done), total)
        return [pending[i].get() for i in range(len(plans))]
