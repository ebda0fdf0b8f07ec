"""Speed of the training lab: ``python -m benchmarks.training_speed [--torch-python PATH]``.

1. The default run of the issue, as a user types it:
   ``actviz train relu leaky_relu elu sigmoid tanh --seeds 5`` (2-D spirals, 4 x 64, 2000 steps
   of batch 128, a picture written). Target: under 30 s on this 2-core machine.
2. One Adam step (forward, cross-entropy, backward, update) of a 4 x 256 relu MLP on a batch of
   256, float64, one thread: actviz here, PyTorch CPU in an interpreter that has torch
   (benchmarks/torch_side.py), side by side. Target: actviz within 1.5x of torch.

The step is timed in alternating rounds (``--rounds`` of ``--steps`` steps on each side, torch
in a worker process kept running), so both sides see the same load on a shared machine; each
round keeps its best step, and the ratio reported is the median over rounds, in thread CPU
time (the step's own cost, which other processes inflate least) and in wall time. BLAS runs
on one thread on both sides (as ``actviz train`` does); both sides compute in float64.
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

from actviz._blas import single_threaded_blas  # noqa: E402
from actviz._malloc import retain_freed_memory  # noqa: E402
from actviz.training import MLP  # noqa: E402
from actviz.training.backprop import Pass  # noqa: E402
from actviz.training.optimizers import Optimizer  # noqa: E402


def default_run() -> tuple[float, float]:
    """Wall and CPU seconds of the whole ``actviz train`` process of the issue's default run."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "actviz", "train", "relu", "leaky_relu", "elu", "sigmoid", "tanh",
                   "--seeds", "5", "-o", str(Path(folder) / "run.png")]
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, check=True, env=installed_env(), stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = os.times()
        return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


class ActvizStep:
    """Adam steps of the 4 x 256 relu MLP on one batch of 256 in actviz, as ``actviz train``
    takes them (one reused :class:`~actviz.training.backprop.Pass`, the optimiser in place);
    the weights and data saved to ``path`` for the torch side."""

    def __init__(self, path: str) -> None:
        rng = np.random.default_rng(0)
        self.net = MLP("relu", widths=[256, 256, 256, 256, 256, 10], init="he", seed=0)
        self.x = rng.standard_normal((256, 256))
        self.y = rng.integers(0, 10, 256)
        np.savez(path, activation="relu", names=np.array(self.net.parameter_names()), x=self.x, y=self.y,
                 **dict(zip(self.net.parameter_names(), self.net.parameters())))
        self.run = Pass(self.net, len(self.x))
        self.optimizer = Optimizer("adam", [self.net.flat], 1e-3)
        retain_freed_memory()  # as Plan.run does
        self.one()  # warm up

    def one(self) -> None:
        self.run.loss_and_gradients(self.x, self.y, "cross_entropy")
        self.optimizer.step([self.run.gradient])

    def best(self, steps: int) -> tuple[float, float]:
        """The least thread CPU time and the least wall time of one step among ``steps``."""
        cpu = wall = float("inf")
        with single_threaded_blas():
            for _ in range(steps):
                start_cpu, start_wall = time.thread_time(), time.perf_counter()
                self.one()
                cpu, wall = min(cpu, time.thread_time() - start_cpu), min(wall, time.perf_counter() - start_wall)
        return cpu, wall


def step_ratio(torch_python: str, rounds: int, steps: int) -> None:
    """Alternate rounds of ``steps`` steps in actviz and in torch (a worker process kept
    running), so both sides see the same load; print each side's best and the median of the
    rounds' ratios, in thread CPU time (what the step costs) and in wall time."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "step.npz")
        ours = ActvizStep(path)
        worker = subprocess.Popen([torch_python, str(Path(__file__).with_name("torch_side.py")), "serve", path],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  env={**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
        try:
            assert worker.stdout.readline().strip() == "ready"
            mine, theirs = [], []
            for _ in range(rounds):
                mine.append(ours.best(steps))
                worker.stdin.write(f"{steps}\n")
                worker.stdin.flush()
                theirs.append(tuple(float(v) for v in worker.stdout.readline().split()))
        finally:
            worker.stdin.close()
            worker.wait()
    print("one adam step, 4 x 256 relu MLP, batch 256, float64, one thread "
          f"({rounds} alternating rounds of {steps} steps, best step of each round):")
    for index, clock in enumerate(("CPU", "wall")):
        ratios = sorted(m[index] / t[index] for m, t in zip(mine, theirs))
        median = float(np.median(ratios))
        print(f"  {clock:<4} actviz {min(m[index] for m in mine) * 1e3:.2f} ms, torch "
              f"{min(t[index] for t in theirs) * 1e3:.2f} ms; ratio median {median:.2f} "
              f"[{ratios[0]:.2f}, {ratios[-1]:.2f}] (target <= 1.5: {'met' if median <= 1.5 else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--steps", type=int, default=10, help="steps per round on each side")
    parser.add_argument("--torch-python", default="/work/wt/torchenv/bin/python")
    parser.add_argument("--skip-default-run", action="store_true")
    args = parser.parse_args()
    step_ratio(args.torch_python, args.rounds, args.steps)
    if not args.skip_default_run:
        seconds, cpu = default_run()
        print(f"actviz train relu leaky_relu elu sigmoid tanh --seeds 5 (defaults, picture written): {seconds:.1f} s "
              f"wall, {cpu:.1f} s CPU, load average {os.getloadavg()[0]:.1f} "
              f"(target < 30 s: {'met' if seconds < 30 else 'NOT met'})")


if __name__ == "__main__":
    main()
