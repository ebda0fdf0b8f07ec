"""No command a user can type allocates more than it announced (issue 15).

Each command with sizes runs near the scale of its announced limit (scaled down for CI)
and its peak allocation is compared with the estimate the command refuses by:

* pictures (every picture command): :func:`actviz.plotting.style.picture_memory`, 4 bytes a
  pixel plus 16 MB; phase adds its grid, announced at 2 KB a cell (pcolormesh and contours);
* ``spectrum``: :func:`actviz.propagation.spectrum.run_memory`;
* ``decay``: :func:`actviz.propagation.montecarlo.run_cost`;
* ``train``: :func:`actviz.training.loop.plan`'s ``memory``.

Agg's pixel buffer and LAPACK's workspaces are allocated in C, outside tracemalloc, so the
pictures and the spectrum are measured by the peak resident size of a fresh process (the
growth of ``ru_maxrss`` from a small run of the same command to the large one); the pure-NumPy
runs (decay, train) by tracemalloc, which sees every NumPy array.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import actviz
from actviz.plotting.style import picture_memory
from actviz.propagation.montecarlo import run_cost, simulate
from actviz.propagation.spectrum import run_memory
from actviz.training.loop import plan

_GROWTH = """
import json, resource, sys
from actviz.cli.main import main

def run(argv):
    try:
        main(argv)
    except SystemExit as exit:
        if exit.code:
            raise
small, large = json.loads(sys.argv[1])
run(small)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
run(large)
print(1024 * (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before))
"""


def peak_growth(small: list[str], large: list[str], folder: Path) -> int:
    """Bytes the peak resident size of one process grows by when ``large`` runs after ``small``
    (imports, caches and fonts are paid by ``small``)."""
    env = {**os.environ, "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", _GROWTH, json.dumps([small, large])], cwd=folder, env=env,
                          capture_output=True, text=True, check=True, timeout=300)
    return int(done.stdout.strip().splitlines()[-1])


def traced_peak(run) -> int:  # noqa: ANN001
    """The peak of the memory tracemalloc sees (every NumPy array) while ``run()`` runs."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_picture_takes_at_most_its_announced_memory(tmp_path):
    # 10 million pixels, a quarter of the limit (40 million): measured 39.5 MB beyond a small picture
    growth = peak_growth(["plot", "relu", "--size", "400x225", "-o", "small.png"],
                         ["plot", "relu", "gelu", "--second", "--size", "4000x2500", "-o", "large.png"], tmp_path)
    assert growth <= picture_memory(4000, 2500), f"{growth / 2**20:.1f} MB"


PHASE_CELL = 2048
"""Bytes a cell of the phase diagram's grid is announced to take (README: Limits)."""


def test_the_phase_diagram_takes_at_most_its_picture_and_grid(tmp_path):
    # --resolution 200 (the limit is 400): 200 x 100 cells, measured 35 MB at a small picture
    growth = peak_growth(["phase", "relu", "--resolution", "8", "--size", "400x225", "-o", "small.png"],
                         ["phase", "relu", "--resolution", "200", "--size", "800x450", "-o", "large.png"], tmp_path)
    assert growth <= picture_memory(800, 450) + PHASE_CELL * 200 * 100, f"{growth / 2**20:.1f} MB"


def test_spectrum_takes_at_most_its_estimate(tmp_path):
    small = ["spectrum", "relu", "--width", "8", "--depth", "2", "--seeds", "1", "--format", "json"]
    large = ["spectrum", "relu", "tanh", "--width", "1024", "--depth", "2", "--seeds", "1", "--format", "json"]
    growth = peak_growth(small, large, tmp_path)
    assert growth <= run_memory(2, 1024), f"{growth / 2**20:.1f} MB against {run_memory(2, 1024) / 2**20:.1f} MB"


@pytest.mark.parametrize("sizes", [dict(depth=3000, width=2, batch=2), dict(depth=8, width=512, batch=64)],
                         ids=["deep", "wide"])
def test_decay_takes_at_most_its_estimate(sizes):
    # deep: the per-layer statistics dominate; wide: the weights and working arrays
    peak = traced_peak(lambda: simulate(actviz.get("tanh"), sigma_w2=1.0, **sizes))
    announced = run_cost(**sizes)[0]
    assert peak <= announced, f"{peak / 2**20:.1f} MB against {announced / 2**20:.1f} MB"


def test_train_takes_at_most_its_estimate():
    planned = plan("relu", "spirals", depth=2, width=256, seeds=2, steps=10, batch=512, measure_every=1)
    peak = traced_peak(planned.run)
    assert peak <= planned.memory, f"{peak / 2**20:.1f} MB against {planned.memory / 2**20:.1f} MB"
