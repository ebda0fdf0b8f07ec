"""Worst error of every catalogue f, f', f'' over the whole float64 line.

    python -m benchmarks.accuracy            # every activation with a reference table
    python -m benchmarks.accuracy gelu elu   # some
    python -m benchmarks.accuracy --edges    # each parameter at the edges of its domain
                                             # (tests/reference/edges.py), the others at defaults

Errors are in the catalogue's units (tests/reference/units.py): one unit is
ulp(ref) + eps*|x g'(x)|; the bounds are 4 units for f and f', 64 for f''.
The grid (tests/reference/grid.py) covers ±1e-300 ... ±1.7e308 by decades,
[-50, 50] finely, irregular points, exp's overflow edges and each kink's
neighbourhood; references are 40-digit mpmath values (tests/reference/).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

import actviz
from tests.reference import REFERENCES
from tests.reference.edges import load_edges, names as edge_names
from tests.reference.tables import load
from tests.reference.units import BOUND, table_errors

DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


def worst(name: str, edges: bool = False) -> dict[tuple[str, int], tuple[float, float]]:
    """{(dtype, order): (worst error in units, x where it occurs)} over every parameter case
    (with ``edges``, over the parameter-edge tables instead)."""
    result: dict[tuple[str, int], tuple[float, float]] = {}
    for table in load_edges(name) if edges else load(name):
        act = actviz.get(name, **table.params)
        for dtype in DTYPES:
            for order, x, _, err in table_errors(table, act, dtype):
                i = int(np.argmax(err))
                key = (dtype.name, order)
                if key not in result or err[i] > result[key][0]:
                    result[key] = (float(err[i]), float(x[i]))
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="activations (default: every one with a reference table)")
    parser.add_argument("--edges", action="store_true", help="each parameter at the edges of its domain")
    args = parser.parse_args(argv)
    edges = args.edges
    known = set(edge_names()) if edges else set(REFERENCES)
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(f"no {'edge ' if edges else ''}reference table for {', '.join(unknown)}")
    names = args.names or sorted(known)
    header = f"{'activation':<18}" + "".join(f"{d.name[5:]}:{o}".rjust(10) for d in DTYPES for o in ("f", "f'", "f''"))
    print(header + "   (worst error in units; bounds 4, 4, 64)")
    failures = 0
    overall = {(d.name, k): 0.0 for d in DTYPES for k in range(3)}
    for name in names:
        w = worst(name, edges)
        cells = []
        for dtype in DTYPES:
            for order in range(3):
                value, _ = w[(dtype.name, order)]
                overall[(dtype.name, order)] = max(overall[(dtype.name, order)], value)
                bad = value > BOUND[order]
                failures += bad
                cells.append(f"{value:9.2f}{'!' if bad else ' '}")
        print(f"{name:<18}" + "".join(cells))
    print(f"{'worst':<18}" + "".join(f"{overall[(d.name, k)]:9.2f} " for d in DTYPES for k in range(3)))
    print(f"{len(names)} activations, {failures} results above their bound")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
