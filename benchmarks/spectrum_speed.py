"""Speed of ``actviz spectrum`` and ``actviz init``: ``python -m benchmarks.spectrum_speed``.

1. ``actviz spectrum tanh relu --depth 100 --width 512 --seeds 3 --format json`` as a whole
   process (target: under 20 s), with OpenBLAS's default threads and with one thread
   (``OPENBLAS_NUM_THREADS=1``): on a shared 2-core machine the threaded BLAS can lose far
   more to waiting than it gains, so both are reported, with the CPU seconds the process used.
2. ``actviz init`` over the whole catalogue, ``--format json``, as a whole process (target:
   under 2 s), and the library call behind it (``init_constants`` of every pointwise entry, in
   this process, after one warm-up pass that loads every activation's lazy imports).

Each timing is the best of ``--repeat`` runs (default 2), the one least disturbed by other
processes; the load average is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

from benchmarks._installed import installed_env

SPECTRUM = ["spectrum", "tanh", "relu", "--depth", "100", "--width", "512", "--seeds", "3", "--format", "json"]
INIT = ["init", "--format", "json"]


def run(argv: list[str], **env: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of ``python -m actviz argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "actviz", *argv], env=installed_env(**env), check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def library_init() -> tuple[float, float]:
    """(wall, CPU seconds) of init_constants for every pointwise entry, in this process."""
    import actviz
    from actviz import registry
    from actviz.propagation.gains import init_constants

    acts = [actviz.get(name) for name in registry.names(pointwise=True)]
    start, cpu = time.perf_counter(), time.process_time()
    for act in acts:
        init_constants(act)
    return time.perf_counter() - start, time.process_time() - cpu


def best(repeat: int, argv: list[str], **env: str) -> tuple[float, float]:
    return min(run(argv, **env) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, env in (("default BLAS threads", {}), ("OPENBLAS_NUM_THREADS=1", {"OPENBLAS_NUM_THREADS": "1"})):
        wall, cpu = best(args.repeat, SPECTRUM, **env)
        print(f"spectrum tanh relu, depth 100, width 512, 3 seeds ({label}): {wall:.2f} s wall, "
              f"{cpu:.2f} s CPU  [target < 20 s]")
    wall, cpu = best(args.repeat, INIT)
    print(f"init, whole catalogue: {wall:.2f} s wall, {cpu:.2f} s CPU  [target < 2 s]")
    library_init()  # warm-up: every activation's lazy imports
    wall, cpu = min(library_init() for _ in range(args.repeat))
    print(f"init_constants over the catalogue (library, warm): {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
