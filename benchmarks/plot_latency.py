"""Whole-process latency of ``actviz plot NAME --derivative -o x.png`` against a
minimal hand-written matplotlib script drawing the same two curves at the same
pixel size (2000x1125, the default slide at 150 dpi), and a check that
``actviz list`` imports neither matplotlib nor scipy.

Run by hand from the repository root:  python -m benchmarks.plot_latency [gelu|sigmoid] [runs]
Target: actviz within 1.3x of the minimal script.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._installed import installed_env

# The curves a person would write by hand: f and f' from their textbook formulas.
MINIMAL = {
    "gelu": """
from scipy.special import erf
Phi = 0.5 * (1 + erf(x / np.sqrt(2)))
f, df = x * Phi, Phi + x * np.exp(-x * x / 2) / np.sqrt(2 * np.pi)
""",
    "sigmoid": """
s = 1 / (1 + np.exp(-x))
f, df = s, s * (1 - s)
""",
}

SCRIPT = """
import sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
x = np.linspace(-5, 5, 2001)
{curves}
fig, (a, b) = plt.subplots(1, 2, figsize=(40 / 3, 7.5), dpi=150)
a.plot(x, f)
b.plot(x, df)
a.set_title("f")
b.set_title("f'")
fig.savefig(sys.argv[1])
"""


def _run(argv: list[str], cwd: str) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one process."""
    env = installed_env(MPLBACKEND="Agg")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _interleaved(commands: dict[str, list[str]], runs: int, cwd: str) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command, runs interleaved so that a
    change in the machine's load hits every command alike."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for name, argv in commands.items():  # warm-up: the same file cache for all
        _run(argv, cwd)
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(_run(argv, cwd))
    return {name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got)) for name, got in samples.items()}


def _modules_of_actviz_list() -> set[str]:
    code = ("import sys; sys.argv = ['actviz', 'list']\nfrom actviz.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('MODULES', *sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=installed_env()).stdout
    return set(out.split("MODULES", 1)[1].split())


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "gelu"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "minimal.py"
        script.write_text(SCRIPT.format(curves=MINIMAL[name]))
        result = _interleaved({
            "minimal": [sys.executable, str(script), "m.png"],
            "actviz": [sys.executable, "-m", "actviz", "plot", name, "--derivative", "-o", "x.png"],
            "list": [sys.executable, "-m", "actviz", "list"],
        }, runs, folder)
    (mw, mc), (aw, ac), (lw, lc) = result["minimal"], result["actviz"], result["list"]
    print(f"medians of {runs} interleaved runs      wall      cpu")
    print(f"minimal matplotlib script ({name}):  {mw:6.3f} s  {mc:6.3f} s")
    print(f"actviz plot {name} --derivative:     {aw:6.3f} s  {ac:6.3f} s   ratio {aw / mw:.2f}x wall, {ac / mc:.2f}x cpu (target <= 1.30x)")
    print(f"actviz list:                      {lw:6.3f} s  {lc:6.3f} s")
    heavy = sorted(m for m in ("matplotlib", "scipy") if m in _modules_of_actviz_list())
    print("actviz list imports matplotlib/scipy:", ", ".join(heavy) if heavy else "neither (ok)")


if __name__ == "__main__":
    main()
