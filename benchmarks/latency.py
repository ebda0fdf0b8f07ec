"""Whole-process latency of the quick commands, against ``python -c "import numpy"``.

    python -m benchmarks.latency [--runs 15]

Target: ``actviz list``, ``actviz info gelu`` and ``actviz props relu`` within
0.15 s of importing numpy (median wall time of interleaved runs), with neither
matplotlib nor scipy imported on those paths. Bytecode is compiled first and
PYTHONDONTWRITEBYTECODE is dropped, as for an installed package; wall and CPU
medians are both printed because CPU time is steadier on a busy machine.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

from benchmarks._installed import installed_env

COMMANDS = {
    "import numpy": [sys.executable, "-c", "import numpy"],
    "actviz list": [sys.executable, "-m", "actviz", "list"],
    "actviz info gelu": [sys.executable, "-m", "actviz", "info", "gelu"],
    "actviz props relu": [sys.executable, "-m", "actviz", "props", "relu"],
}
PROBE = "import sys, runpy; sys.argv = ['actviz', *{argv!r}]\ntry:\n    runpy.run_module('actviz', run_name='__main__')\nexcept SystemExit:\n    pass\nprint(' '.join(m for m in ('matplotlib', 'scipy') if m in sys.modules))"


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = installed_env()
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):  # interleaved, so drifting load hits every command alike
        for name, argv in COMMANDS.items():
            samples[name].append(run_once(argv, env))
    base_wall = statistics.median(w for w, _ in samples["import numpy"])
    base_cpu = statistics.median(c for _, c in samples["import numpy"])
    print(f"{'command':<20}{'wall ms':>9}{'+numpy':>8}{'cpu ms':>9}{'+numpy':>8}  heavy imports")
    failures = 0
    for name, runs in samples.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        heavy = ""
        if name != "import numpy":
            probe = PROBE.format(argv=COMMANDS[name][3:])
            heavy = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True).stdout.split()
            heavy = heavy[-1] if heavy and heavy[-1] in ("matplotlib", "scipy") else "none"
            failures += (wall - base_wall > 0.15) + (heavy != "none")
        print(f"{name:<20}{wall * 1e3:9.0f}{(wall - base_wall) * 1e3:8.0f}{cpu * 1e3:9.0f}{(cpu - base_cpu) * 1e3:8.0f}  {heavy}")
    print("target: +150 ms wall at most, no matplotlib/scipy:", "met" if not failures else f"{failures} misses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
