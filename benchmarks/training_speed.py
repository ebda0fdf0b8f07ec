"""Speed of the training lab: ``python -m benchmarks.training_speed [--torch-python PATH]``.

1. The default run of the issue, as a user types it:
   ``actviz train relu leaky_relu elu sigmoid tanh --seeds 5`` (2-D spirals, 4 x 64, 2000 steps
   of batch 128, a picture written). Target: under 30 s on this 2-core machine.
2. One Adam step (forward, cross-entropy, backward, update) of a 4 x 256 relu MLP on a batch of
   256, float64, one thread: actviz here, PyTorch CPU in an interpreter that has torch
   (benchmarks/torch_side.py), side by side. Target: actviz within 1.5x of torch.

Step timings are the best of ``--repeat`` runs, the least disturbed by other processes on a
shared machine. BLAS runs on one thread on both sides (as ``actviz train`` does).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # read when NumPy loads: before the imports below

import argparse  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._installed import installed_env  # noqa: E402

from actviz.training import MLP  # noqa: E402
from actviz.training.optimizers import Optimizer  # noqa: E402


def default_run() -> float:
    """Seconds for the whole ``actviz train`` process of the issue's default run."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "actviz", "train", "relu", "leaky_relu", "elu", "sigmoid", "tanh",
                   "--seeds", "5", "-o", str(Path(folder) / "run.png")]
        start = time.perf_counter()
        subprocess.run(command, check=True, env=installed_env(), stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def actviz_step(repeat: int, path: str) -> float:
    """Best seconds of one Adam step of the 4 x 256 MLP on batch 256; saves weights and data to ``path``."""
    rng = np.random.default_rng(0)
    net = MLP("relu", widths=[256, 256, 256, 256, 256, 10], init="he", seed=0)
    x = rng.standard_normal((256, 256))
    y = rng.integers(0, 10, 256)
    np.savez(path, activation="relu", names=np.array(net.parameter_names()), x=x, y=y,
             **dict(zip(net.parameter_names(), net.parameters())))
    optimizer = Optimizer("adam", [net.flat], 1e-3)

    def one() -> None:
        _, grads, _ = net.batched_loss_and_gradients(x, y)
        optimizer.step([net.flatten(grads)])

    one()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        one()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--torch-python", default="/work/wt/torchenv/bin/python")
    parser.add_argument("--skip-default-run", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "step.npz")
        ours = actviz_step(args.repeat, path)
        worker = Path(__file__).with_name("torch_side.py")
        torch_env = {**os.environ, "OMP_NUM_THREADS": "1"}
        theirs = float(subprocess.run([args.torch_python, str(worker), "step", path], check=True, env=torch_env,
                                      capture_output=True, text=True).stdout)
    ratio = ours / theirs
    print(f"one adam step, 4 x 256 relu MLP, batch 256, float64, one thread: actviz {ours * 1e3:.2f} ms, "
          f"torch {theirs * 1e3:.2f} ms, ratio {ratio:.2f} (target <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})")
    if not args.skip_default_run:
        seconds = default_run()
        print(f"actviz train relu leaky_relu elu sigmoid tanh --seeds 5 (defaults, picture written): {seconds:.1f} s "
              f"(target < 30 s: {'met' if seconds < 30 else 'NOT met'})")


if __name__ == "__main__":
    main()
