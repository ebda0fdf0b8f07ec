"""How long ``actviz props`` takes, whole process, and where the time goes.

Run from the repository root::

    python -m benchmarks.props_speed [--runs 5]

Prints the median wall time of whole processes (``python -c "import numpy"`` as
the floor, ``actviz props relu``, ``actviz props`` over the whole catalogue as it
runs by default, without the cost column, and with ``--columns cost``, five timed
rounds) and, in this process, the split between imports, the analysis and the
timing of the cost column. The target: the whole catalogue
in under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _whole_process(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _in_process() -> dict[str, float]:
    start = time.perf_counter()
    import actviz
    from actviz.analysis.cost import relative_costs
    from actviz.analysis.properties import analyse

    imported = time.perf_counter()
    acts = [actviz.get(name) for name in actviz.names(pointwise=True)]
    for act in acts:  # lazy imports (scipy.special) would otherwise count as analysis
        act.derivative(act(0.5), 2)
    warmed = time.perf_counter()
    per_function = []
    for act in acts:
        t = time.perf_counter()
        analyse(act)
        per_function.append((time.perf_counter() - t, act.name))
    analysed = time.perf_counter()
    relative_costs(acts)
    costed = time.perf_counter()
    slowest = sorted(per_function, reverse=True)[:5]
    return {
        "functions": len(acts),
        "import actviz": imported - start,
        "first evaluation (lazy imports)": warmed - imported,
        "analysis": analysed - warmed,
        "cost column": costed - analysed,
        "slowest analyses": ", ".join(f"{name} {1e3 * t:.1f} ms" for t, name in slowest),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs per command (median)")
    args = parser.parse_args()
    python = sys.executable
    commands = {
        'python -c "import numpy"': [python, "-c", "import numpy"],
        "actviz props relu": [python, "-m", "actviz", "props", "relu", "--format", "json"],
        "actviz props (whole catalogue)": [python, "-m", "actviz", "props", "--format", "json"],
        "actviz props (catalogue, --columns cost)": [python, "-m", "actviz", "props", "--format", "json",
                                                           "--columns", "range,continuity,mean,cost"],
    }
    print(f"whole process, median of {args.runs} runs:")
    for label, argv in commands.items():
        print(f"  {label:<42} {_whole_process(argv, args.runs):6.3f} s")
    print("inside one process:")
    for label, value in _in_process().items():
        shown = f"{value:6.3f} s" if isinstance(value, float) else str(value)
        print(f"  {label:<42} {shown}")


if __name__ == "__main__":
    main()
