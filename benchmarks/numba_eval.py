"""Would a numba path beat actviz's NumPy kernels? Speed, latency and accuracy of numba loops.

    python -m benchmarks.numba_eval                 # in an environment with numba (and torch, for ratios)

numba is not a dependency of actviz: install it in a throwaway environment
(``python -m venv /tmp/numbaenv && /tmp/numbaenv/bin/pip install numba icc-rt torch==2.13.0 -e .``);
without it this script says so and stops. It measures, for sigmoid, silu, gelu and sin
written as plain numba loops over float64 (``math.exp``, ``math.erfc``, ``math.sin``;
``parallel=False``; ``fastmath=True`` too where the loop has no cancellation to protect):

* import: ``import numba`` in a fresh interpreter, beside ``import numpy`` (the CLI latency
  budget is 0.15 s above ``import numpy``, benchmarks/latency.py);
* first call: compile time in a fresh interpreter without cache, then with ``cache=True``
  (a first run that writes the cache, a second that loads it);
* throughput on 10^7 values of N(0, 25): numba, actviz and (when importable) torch with one
  thread, alternating run by run (CPU time, medians of ``--repeat``);
* accuracy: worst error in the catalogue's units over the reference grids
  (tests/reference, 40-digit mpmath), as benchmarks/accuracy.py measures actviz.

Whether numba uses Intel's SVML (vectorised exp, erfc, sin) is printed: it needs an
SVML-patched llvmlite, which the PyPI wheels are not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

NAMES = ("sigmoid", "silu", "gelu", "sin")


def _fresh(code: str) -> float:
    """Seconds a fresh interpreter takes to run ``code`` (wall time of the subprocess)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def latency() -> None:
    baseline = min(_fresh("import numpy") for _ in range(3))
    with_numba = min(_fresh("import numpy, numba") for _ in range(3))
    print(f"import numpy {baseline:.3f} s; import numpy, numba {with_numba:.3f} s "
          f"(+{with_numba - baseline:.3f} s; the CLI budget is +0.15 s over import numpy)")
    with tempfile.TemporaryDirectory() as cache_dir:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
        for cache in (False, True):
            setup = (f"import time, numpy as np; from benchmarks import _numba_kernels as m; "
                     f"k = m.build(False, {cache}); x = np.zeros(8); ")
            label = "cache=True: first run, then from the cache" if cache else "no cache: two fresh runs"
            for name in NAMES:
                code = setup + f"s = time.perf_counter(); k[{name!r}](x); print(time.perf_counter() - s)"
                runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                             text=True, env=env).stdout) for _ in range(2)]
                print(f"  first call {name:<8} {label}: " + ", ".join(f"{r * 1e3:.0f} ms" for r in runs))


def throughput(kernels: dict, fast: dict, size: int, repeat: int) -> None:
    import actviz
    from benchmarks.throughput import load_torch, median_times, torch_kernels

    x = np.random.default_rng(0).standard_normal(size) * 5
    torch = load_torch()
    theirs = torch_kernels(torch, torch.from_numpy(x)) if torch is not None else {}
    for fn in (*kernels.values(), *fast.values()):
        fn(x[:8])  # compile outside the timing
    print(f"\n{size:.0e} float64 values, ms (medians of {repeat}); ratios are numba/torch and actviz/torch")
    print(f"{'':<9}{'numba':>8}{'fastmath':>9}{'numpy*':>8}{'actviz':>8}{'torch':>8}{'numba/t':>9}{'actviz/t':>9}")
    numpy_forms = {"sigmoid": lambda: 1.0 / (1.0 + np.exp(-x)), "silu": lambda: x / (1.0 + np.exp(-x)),
                   "gelu": None, "sin": lambda: np.sin(x)}  # fmt: skip
    for name in NAMES:
        act = actviz.get(name)
        forward = theirs.get(name, (None, None))[0]
        times = median_times([lambda: kernels[name](x), (lambda: fast[name](x)) if name in fast else None,
                              numpy_forms[name], lambda: act(x), forward], repeat)
        cells = "".join(f"{t * 1e3:8.1f}" if t is not None else f"{'-':>8}" for t in times)
        ratios = ""
        if times[4] is not None:
            ratios = f"{times[0] / times[4]:9.2f}{times[3] / times[4]:9.2f}"
        print(f"{name:<9}{cells}{ratios}")
    print("numpy*: the textbook NumPy expression (overflow warnings silenced there only); gelu has none")


def accuracy(kernels: dict, fast: dict) -> None:
    import actviz
    from tests.reference.tables import load
    from tests.reference.units import errors

    print("\nworst error of f in the catalogue's units over the reference grid (bound 4)")
    for name in NAMES:
        table = load(name)[0]
        cells = []
        for label, fn in (("numba", kernels[name]), ("fastmath", fast.get(name)), ("actviz", actviz.get(name))):
            if fn is None:
                continue
            with np.errstate(all="ignore"):
                y = fn(table.x.copy())
            err = errors(table, 0, y, np.dtype(np.float64))
            i = int(np.argmax(err))
            cells.append(f"{label} {err[i]:.3g} (x = {table.x[i]:.3g})")
        print(f"  {name:<8} " + "; ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**7)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    try:
        import numba
    except ImportError:
        print("numba is not installed here: nothing to measure (see the docstring for a throwaway environment)")
        return 0
    from numba.misc.numba_sysinfo import get_sysinfo

    svml = get_sysinfo().get("SVML Operational", False)
    print(f"numba {numba.__version__}; SVML operational: {svml}")
    from benchmarks import _numba_kernels

    kernels = _numba_kernels.build(fastmath=False, cache=False)
    fast = {name: fn for name, fn in _numba_kernels.build(fastmath=True, cache=False).items() if name in ("sigmoid", "sin")}
    latency()
    throughput(kernels, fast, args.size, args.repeat)
    accuracy(kernels, fast)
    return 0


if __name__ == "__main__":
    sys.exit(main())
