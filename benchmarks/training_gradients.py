"""The training lab's hand-written gradients against torch autograd on the same weights and
data, in float64: ``python -m benchmarks.training_gradients [--torch-python PATH]``.

actviz runs here; torch runs in a separate interpreter that has it (default
/work/wt/torchenv/bin/python), reading the weights and data from a temporary .npz
(benchmarks/torch_side.py). Target: every gradient within 1e-12 of torch's, relative to the
largest entry of that gradient (both sum the same products in possibly different orders).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actviz.training import MLP  # noqa: E402

CASES = [  # (activation, widths, loss)
    ("relu", [5, 32, 32, 32, 4], "cross_entropy"),
    ("tanh", [5, 32, 32, 4], "mse"),
    ("sigmoid", [5, 16, 16, 16, 16, 3], "cross_entropy"),
    ("elu", [5, 32, 32, 4], "cross_entropy"),
    ("selu", [5, 32, 32, 32, 4], "mse"),
    ("gelu", [5, 32, 32, 4], "cross_entropy"),
    ("silu", [5, 32, 32, 4], "mse"),
    ("softplus", [5, 32, 32, 4], "cross_entropy"),
    ("leaky_relu", [5, 32, 32, 4], "cross_entropy"),
    ("prelu", [5, 32, 32, 32, 4], "cross_entropy"),
    ("prelu", [5, 32, 32, 4], "mse"),
]
TOLERANCE = 1e-12


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--torch-python", default="/work/wt/torchenv/bin/python")
    args = parser.parse_args()
    worker = Path(__file__).with_name("torch_side.py")
    worst = 0.0
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        for number, (activation, widths, loss) in enumerate(CASES):
            net = MLP(activation, widths=widths, init="he", seed=number, slopes="unit" if loss == "mse" else "layer")
            for name, p in zip(net.parameter_names(), net.parameters()):
                if name.startswith("b"):
                    p[...] = 0.1 * rng.standard_normal(p.shape)
            x = rng.standard_normal((64, widths[0]))
            y = rng.integers(0, widths[-1], 64) if loss == "cross_entropy" else rng.standard_normal((64, widths[-1]))
            value, grads = net.loss_and_gradients(x, y, loss)
            path = str(Path(folder) / f"case{number}.npz")
            names = net.parameter_names()
            np.savez(path, activation=activation, loss=loss, names=np.array(names), x=x, y=y,
                     **dict(zip(names, net.parameters())))
            subprocess.run([args.torch_python, str(worker), "gradients", path], check=True)
            theirs = np.load(path.replace(".npz", ".torch.npz"))
            errors = {name: float(np.max(np.abs(g - theirs[name])) / np.max(np.abs(theirs[name])))
                      for name, g in zip(names, grads)}
            name, error = max(errors.items(), key=lambda item: item[1])
            worst = max(worst, error, abs(value - float(theirs["loss"])) / abs(float(theirs["loss"])))
            print(f"{activation:<11} {'-'.join(map(str, widths)):<18} {loss:<13} loss {value:.6f}  "
                  f"largest relative gradient difference {error:.1e} ({name})")
    print(f"worst {worst:.1e}: {'within' if worst <= TOLERANCE else 'NOT within'} {TOLERANCE:g}")
    if worst > TOLERANCE:
        sys.exit(1)


if __name__ == "__main__":
    main()
