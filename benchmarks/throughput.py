"""Throughput of every catalogue f and f' on 10^7 values, against PyTorch's CPU kernels.

    python -m benchmarks.throughput                 # every pointwise activation, float64
    python -m benchmarks.throughput --dtype float32 gelu silu

Times are the best of ``--repeat`` runs, in ms and in units of one ``x.copy()`` of
the same array (memory bandwidth; ``np.exp`` is printed for scale). Where torch is
importable (install it in a separate environment, never as a dependency of
actviz:  python -m venv bench && bench/bin/pip install torch==2.13.0 -e .), the
same functions run through torch with one thread, f' through torch's backward
kernel (aten::*_backward with an all-ones gradient), and the ratio actviz/torch
is printed (below 1: actviz is faster). The last line gives geometric means.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable

import numpy as np


import actviz


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by other load)."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="activations (default: every pointwise one)")
    parser.add_argument("--size", type=int, default=10**7)
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    x = (np.random.default_rng(0).standard_normal(args.size) * 5).astype(args.dtype)
    copy = best_time(x.copy, args.repeat)
    print(f"{args.size:.0e} {args.dtype} values; one copy = {copy * 1e3:.2f} ms; "
          f"np.exp = {best_time(lambda: np.exp(x), args.repeat) / copy:.2f} copies")
    try:
        import torch

        torch.set_num_threads(1)
        theirs = torch_kernels(torch, torch.from_numpy(x))
    except ImportError:
        theirs = {}
        print("(torch not importable: no ratios)")

    names = args.names or actviz.names(pointwise=True)
    print(f"{'activation':<18}{'f ms':>9}{'f copies':>10}{'f/torch':>9}{'df ms':>9}{'df copies':>10}{'df/torch':>9}")
    ratios: dict[str, list[float]] = {"f": [], "df": [], "f_copies": [], "df_copies": []}
    for name in names:
        act = actviz.get(name)
        t_f = best_time(lambda: act(x), args.repeat)
        t_df = best_time(lambda: act.derivative(x), args.repeat)
        ratios["f_copies"].append(t_f / copy)
        ratios["df_copies"].append(t_df / copy)
        cells = [f"{t_f * 1e3:9.1f}", f"{t_f / copy:10.2f}", " " * 9, f"{t_df * 1e3:9.1f}", f"{t_df / copy:10.2f}", " " * 9]
        forward, backward = theirs.get(name, (None, None))
        if forward is not None:
            r = t_f / best_time(forward, args.repeat)
            ratios["f"].append(r)
            cells[2] = f"{r:9.2f}"
        if backward is not None:
            r = t_df / best_time(backward, args.repeat)
            ratios["df"].append(r)
            cells[5] = f"{r:9.2f}"
        print(f"{name:<18}" + "".join(cells), flush=True)

    def geomean(values: list[float]) -> str:
        return f"{math.exp(sum(map(math.log, values)) / len(values)):.2f}" if values else "n/a"

    print(f"geometric means: f {geomean(ratios['f_copies'])} copies, f' {geomean(ratios['df_copies'])} copies; "
          f"actviz/torch: f {geomean(ratios['f'])} over {len(ratios['f'])}, f' {geomean(ratios['df'])} over {len(ratios['df'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
