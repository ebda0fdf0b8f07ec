"""Throughput of every catalogue f and f' on 10^7 values, against PyTorch's CPU kernels.

    python -m benchmarks.throughput                      # every pointwise activation, float64 and float32
    python -m benchmarks.throughput --dtype float32 gelu silu
    python -m benchmarks.throughput --torch-only         # only the functions torch also has

Times are medians of ``--repeat`` runs (CPU time of the process), in ms and in units of one ``x.copy()``
of the same array (memory bandwidth; ``np.exp`` is printed for scale). Where
torch is importable (install it in a separate environment, never as a
dependency of actviz:  python -m venv bench && bench/bin/pip install
torch==2.13.0 -e .), the same functions run through torch with one thread, f'
through torch's backward kernel (aten::*_backward with an all-ones gradient),
actviz and torch alternating run by run so both see the same load, and the
ratio actviz/torch is printed (below 1: actviz is faster). Each dtype ends with
the worst ratio and the geometric means; without torch a message says so and
only actviz's own times are printed.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

import actviz

Timed = Callable[[], object]


def one_run(fn: Timed) -> float:
    # CPU time of this process, not wall time: the machine is shared, and time spent
    # descheduled is not the kernel's (both sides run on this one thread).
    start = time.process_time()
    fn()
    return time.process_time() - start


def median_times(fns: list[Timed | None], repeat: int) -> list[float | None]:
    """Median seconds of each function over ``repeat`` rounds, the functions alternating
    within each round (so a burst of load elsewhere touches all of them alike)."""
    runs: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, times in zip(fns, runs):
            if fn is not None:
                times.append(one_run(fn))
    return [statistics.median(times) if times else None for times in runs]


def torch_kernels(torch, x):  # noqa: ANN001,ANN201
    """{name: (forward, backward)} of torch's kernels for the activations both have."""
    F, aten = torch.nn.functional, torch.ops.aten
    g = torch.ones_like(x)
    # Backward kernels that take the forward's result get it precomputed, so only the
    # backward is timed.
    sig, tanh = torch.sigmoid(x), torch.tanh(x)
    return {
        "relu": (lambda: torch.relu(x), lambda: aten.threshold_backward(g, x, 0)),
        "sigmoid": (lambda: torch.sigmoid(x), lambda: aten.sigmoid_backward(g, sig)),
        "tanh": (lambda: torch.tanh(x), lambda: aten.tanh_backward(g, tanh)),
        "silu": (lambda: F.silu(x), lambda: aten.silu_backward(g, x)),
        "gelu": (lambda: F.gelu(x), lambda: aten.gelu_backward(g, x)),
        "gelu_tanh": (lambda: F.gelu(x, approximate="tanh"), lambda: aten.gelu_backward(g, x, approximate="tanh")),
        "mish": (lambda: F.mish(x), lambda: aten.mish_backward(g, x)),
        "softplus": (lambda: F.softplus(x), lambda: aten.softplus_backward(g, x, 1.0, 20.0)),
        "elu": (lambda: F.elu(x), lambda: aten.elu_backward(g, 1.0, 1.0, 1.0, False, x)),
        "selu": (lambda: F.selu(x), lambda: aten.elu_backward(g, 1.6732632423543772, 1.0507009873554805, 1.0, False, x)),
        "celu": (lambda: F.celu(x), lambda: aten.elu_backward(g, 1.0, 1.0, 1.0, False, x)),
        "leaky_relu": (lambda: F.leaky_relu(x), lambda: aten.leaky_relu_backward(g, x, 0.01, False)),
        "relu6": (lambda: F.relu6(x), lambda: aten.hardtanh_backward(g, x, 0.0, 6.0)),
        "hardtanh": (lambda: F.hardtanh(x), lambda: aten.hardtanh_backward(g, x, -1.0, 1.0)),
        "hardsigmoid": (lambda: F.hardsigmoid(x), lambda: aten.hardsigmoid_backward(g, x)),
        "hardswish": (lambda: F.hardswish(x), lambda: aten.hardswish_backward(g, x)),
        "softsign": (lambda: F.softsign(x), None),
        "tanhshrink": (lambda: F.tanhshrink(x), None),
        "softshrink": (lambda: F.softshrink(x), lambda: aten.softshrink_backward(g, x, 0.5)),
        "hardshrink": (lambda: F.hardshrink(x), lambda: aten.hardshrink_backward(g, x, 0.5)),
        "log_sigmoid": (lambda: F.logsigmoid(x), None),
        "exponential": (lambda: torch.exp(x), None),
        "sin": (lambda: torch.sin(x), None),
    }


def load_torch():  # noqa: ANN201
    """torch with one thread, or None with a message saying why there are no ratios."""
    try:
        import torch
    except ImportError:
        print("torch is not installed here: actviz's own times only, no ratios "
              "(install torch==2.13.0 in a separate environment, see the docstring)")
        return None
    torch.set_num_threads(1)
    return torch


def geomean(values: list[float]) -> float:
    return math.exp(sum(map(math.log, values)) / len(values)) if values else math.nan


def run_dtype(dtype: str, names: list[str], size: int, repeat: int, torch) -> None:  # noqa: ANN001
    """Time every name's f and f' (and torch's, when given) on ``size`` values of N(0, 25) in ``dtype``."""
    x = (np.random.default_rng(0).standard_normal(size) * 5).astype(dtype)
    copy, exp = median_times([x.copy, lambda: np.exp(x)], repeat)
    print(f"\n{size:.0e} {dtype} values; one copy = {copy * 1e3:.2f} ms; np.exp = {exp / copy:.2f} copies")
    theirs = torch_kernels(torch, torch.from_numpy(x)) if torch is not None else {}
    print(f"{'activation':<18}{'f ms':>9}{'f copies':>10}{'f/torch':>9}{'df ms':>9}{'df copies':>10}{'df/torch':>9}")
    ratios: dict[str, list[tuple[float, str]]] = {"f": [], "df": []}
    copies: dict[str, list[float]] = {"f": [], "df": []}
    for name in names:
        act = actviz.get(name)
        forward, backward = theirs.get(name, (None, None))
        t_f, t_df, t_forward, t_backward = median_times(
            [lambda: act(x), lambda: act.derivative(x), forward, backward], repeat
        )
        cells = []
        for kind, ours, other in (("f", t_f, t_forward), ("df", t_df, t_backward)):
            copies[kind].append(ours / copy)
            cells += [f"{ours * 1e3:9.1f}", f"{ours / copy:10.2f}"]
            if other is None:
                cells.append(" " * 9)
            else:
                ratios[kind].append((ours / other, name))
                cells.append(f"{ours / other:9.2f}")
        print(f"{name:<18}" + "".join(cells), flush=True)
    print(f"geometric means in copies: f {geomean(copies['f']):.2f}, f' {geomean(copies['df']):.2f}")
    if torch is not None:
        for kind, label in (("f", "f "), ("df", "f'")):
            values = ratios[kind]
            if values:
                worst, worst_name = max(values)
                print(f"{dtype} actviz/torch {label}: geometric mean {geomean([r for r, _ in values]):.2f} "
                      f"over {len(values)}, worst {worst:.2f} ({worst_name})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="activations (default: every pointwise one)")
    parser.add_argument("--size", type=int, default=10**7)
    parser.add_argument("--dtype", choices=("float64", "float32"), action="append",
                        help="repeatable; default: float64 and float32")
    parser.add_argument("--repeat", type=int, default=5, help="runs per function; medians are printed")
    parser.add_argument("--torch-only", action="store_true", help="only the activations torch also has (when torch is installed)")
    args = parser.parse_args()

    torch = load_torch()
    names = args.names or actviz.names(pointwise=True)
    if args.torch_only and torch is not None:
        both = torch_kernels(torch, torch.zeros(1, dtype=torch.float64))
        names = [name for name in names if name in both]
    for dtype in args.dtype or ["float64", "float32"]:
        run_dtype(dtype, names, args.size, args.repeat, torch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
