"""``train``: mini-batch training of several seeds together, measured every k steps."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .._blas import single_threaded_blas
from .._malloc import retain_freed_memory
from ..errors import ActvizError
from .backprop import Pass
from .measure import Checkpoint, evaluation_passes, frobenius, measure, side_by_side
from .network import MLP, seed_stream
from .optimizers import OPTIMIZERS, Optimizer, check_learning_rate
from .tasks import Task, make_task

_STREAM_BATCHES = 1
MEMORY_LIMIT = 2 * 2**30  # bytes a run may hold
TIME_LIMIT = 3600.0  # seconds a run may take
# A rough cost model for refusing runs up front, not a prediction: a few GFLOP/s in small matmuls
# on one thread and tens of microseconds of NumPy calls per layer and step (the order of magnitude
# benchmarks.training_speed shows on a 2-core machine).
_FLOPS_PER_SECOND = 3e9
_SECONDS_PER_LAYER_STEP = 40e-6


@dataclass(frozen=True)
class TrainResult:
    """Every series measured by :func:`train`.

    Arrays are indexed (seed, checkpoint) or (seed, checkpoint, layer); ``steps`` gives the
    step of each checkpoint (0 = before training). Hidden-layer series (``dead_fraction``,
    ``inactive_fraction``, ``revived_fraction``, ``saturated_fraction``, ``preactivation_mean``,
    ``preactivation_var``, ``slopes``) have one column per hidden layer; weight-layer series
    (``grad_norm``, ``weight_norm``, ``update_ratio``) one per weight matrix W1..WL, measured
    on the mini-batch of the step that follows the checkpoint (the last checkpoint takes no
    step: its update ratio is nan). ``revived_fraction`` is the share of units dead at an
    earlier checkpoint and alive at this one. ``slopes`` (PReLU only, else None) is the mean
    learned slope per layer; ``final_slopes`` every slope at the end. A seed whose loss
    became inf or nan stops at ``diverged_at[seed]`` (its later values are nan).
    """

    activation: str
    task: str
    widths: tuple[int, ...]
    init: str
    optimizer: str
    lr: float
    batch: int
    seeds: tuple[int, ...]
    steps: np.ndarray
    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    dead_fraction: np.ndarray
    inactive_fraction: np.ndarray
    revived_fraction: np.ndarray
    saturated_fraction: np.ndarray
    preactivation_mean: np.ndarray
    preactivation_var: np.ndarray
    grad_norm: np.ndarray
    weight_norm: np.ndarray
    update_ratio: np.ndarray
    slopes: np.ndarray | None = field(default=None, repr=False)
    final_slopes: list[np.ndarray] | None = field(default=None, repr=False)
    diverged_at: tuple[int | None, ...] = ()

    @property
    def stopped_at(self) -> int | None:
        """The step where the run stopped because every seed diverged, else None."""
        if self.diverged_at and all(step is not None for step in self.diverged_at):
            return max(self.diverged_at)
        return None

    def dead_share(self) -> np.ndarray:
        """The dead share of all hidden units (seed, checkpoint), layers weighted by width."""
        hidden = np.array(self.widths[1:-1], dtype=np.float64)
        return (self.dead_fraction * hidden).sum(axis=2) / hidden.sum()

    def steps_to_loss(self, target: float) -> list[int | None]:
        """Per seed, the first checkpoint step whose training loss is <= ``target`` (None: never)."""
        out = []
        for row in self.train_loss:
            reached = np.flatnonzero(row <= target)
            out.append(int(self.steps[reached[0]]) if reached.size else None)
        return out


def _check_int(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ActvizError(f"invalid {name} {value!r}: expected an integer >= {low}")
    return int(value)


def estimate(widths: Sequence[int], seeds: int, batch: int, steps: int, evaluated: int,
             checkpoints: int) -> tuple[float, float]:
    """(seconds, bytes) a run is expected to take: forward + backward cost 6 flops per weight
    and sample, each checkpoint 2 per weight and evaluated point; memory for parameters with
    gradients and optimiser state, the activations of a batch and of the evaluation set, and
    the series."""
    weights = sum(a * b for a, b in zip(widths[:-1], widths[1:]))
    units = sum(widths)
    depth = len(widths) - 1
    flops = seeds * (6.0 * batch * weights * steps + 2.0 * evaluated * weights * checkpoints)
    seconds = flops / _FLOPS_PER_SECOND + _SECONDS_PER_LAYER_STEP * depth * (steps + 3 * checkpoints)
    memory = 8.0 * seeds * (5 * weights + 4 * batch * units + 4 * evaluated * units + 16 * depth * checkpoints)
    return seconds, memory


def _duration(seconds: float) -> str:
    return f"{seconds / 3600:.1f} hours" if seconds >= 3600 else f"{seconds / 60:.0f} minutes"


@dataclass(frozen=True)
class Plan:
    """A checked run, not started: what :func:`train` will do and its estimated cost."""

    spec: object
    task: Task
    widths: tuple[int, ...]
    init: str
    optimizer: str
    lr: float
    steps: int
    seeds: tuple[int, ...]
    batch: int
    measure_every: int
    saturation_threshold: float
    slopes: str
    seconds: float
    memory: float

    def run(self, progress: Callable[[int, int], None] | None = None) -> TrainResult:
        """Train as planned; ``progress(done, total)`` is called as steps are done."""
        net = MLP(self.spec, self.widths, self.init, list(self.seeds), slopes=self.slopes)
        retain_freed_memory()  # every step frees and allocates the same arrays: see actviz._malloc
        with single_threaded_blas():  # small matmuls: see actviz._blas
            return _Run(net, self.task, self.optimizer, self.lr, self.batch, self.measure_every,
                        self.saturation_threshold).go(self.steps, progress)


def plan(spec, task: str | Task = "spirals", *, depth: int = 4, width: int = 64,  # noqa: ANN001,PLR0913
         init: str = "he", optimizer: str = "adam", lr: float = 1e-3, steps: int = 2000,
         seeds: int | Sequence[int] = 5, batch: int = 128, measure_every: int | None = None,
         saturation_threshold: float = 0.01, slopes: str = "layer", data_seed: int = 0) -> Plan:
    """Check the arguments of :func:`train` and estimate its cost, without training:
    every bad value, and a run estimated to need more than 2 GB or an hour, is an
    ActvizError naming it."""
    if not isinstance(task, Task):
        task = make_task(task, seed=data_seed)
    # a count is checked against the limits below before any list of seeds is made
    # (seeds=10**23 raised OverflowError in range(), found by the long fuzz)
    counted = isinstance(seeds, (int, np.integer))
    seed_list = None if counted else list(seeds)
    n_seeds = _check_int("seeds", seeds, 1) if counted else len(seed_list)
    depth, width = _check_int("depth", depth, 1), _check_int("width", width, 1)
    steps, batch = _check_int("steps", steps, 1), _check_int("batch", batch, 1)
    check_learning_rate(lr)
    if not (isinstance(saturation_threshold, (int, float)) and math.isfinite(saturation_threshold)
            and saturation_threshold > 0):
        raise ActvizError(f"invalid saturation_threshold {saturation_threshold!r}: expected a positive number")
    if optimizer not in OPTIMIZERS:
        Optimizer(optimizer, [], lr)  # raises the error naming the choices
    every = max(1, steps // 50) if measure_every is None else _check_int("measure_every", measure_every, 1)
    n_train = len(task.x_train)
    if batch > n_train:
        raise ActvizError(f"invalid batch {batch}: the task has {n_train} training points")
    widths = (task.inputs, *([width] * depth), task.outputs)
    checkpoints = steps // every + 2
    seconds, memory = estimate(widths, n_seeds, batch, steps, n_train + len(task.x_test), checkpoints)
    if memory > MEMORY_LIMIT:
        raise ActvizError(f"this run would hold about {memory / 2**30:.1f} GB (limit {MEMORY_LIMIT / 2**30:.0f} GB): "
                          "lower steps / measure_every, seeds, width or depth")
    if seconds > TIME_LIMIT:
        raise ActvizError(f"this run would take about {_duration(seconds)} (limit 1 hour): "
                          "lower steps, seeds, width, depth or batch")
    seed_list = list(range(n_seeds)) if counted else seed_list
    MLP(spec, widths[:2], init, seed_list, slopes=slopes)  # a one-layer net checks spec, init, slopes, seeds
    return Plan(spec, task, widths, init, optimizer, float(lr), steps, tuple(seed_list), batch, every,
                float(saturation_threshold), slopes, seconds, memory)


def train(spec, task: str | Task = "spirals", *, progress: Callable[[int, int], None] | None = None,  # noqa: ANN001
          **options: object) -> TrainResult:
    """Train ``depth`` hidden layers of ``width`` units with activation ``spec`` on ``task``
    (a name of :data:`~actviz.training.tasks.TASKS` or a :class:`Task`) by ``optimizer``
    (sgd, momentum, adam) with learning rate ``lr`` for ``steps`` mini-batches of ``batch``
    points, every seed of ``seeds`` (a count n for seeds 0..n-1, or a list) together, and
    measure the network before training, every ``measure_every`` steps (default: steps / 50)
    and at the end. Options and defaults are those of :func:`plan`: depth=4, width=64,
    init="he", optimizer="adam", lr=1e-3, steps=2000, seeds=5, batch=128,
    saturation_threshold=0.01, slopes="layer" (PReLU: one slope per layer, or "unit"),
    data_seed=0.

    Each seed draws its own weights and its own order of mini-batches (an epoch is a
    permutation of the training set; the last incomplete batch is skipped); the data set
    comes from ``data_seed`` and is the same for every seed. ``progress(done, total)`` is
    called as steps are done.
    """
    return plan(spec, task, **options).run(progress)


class _Run:
    """The state of one :func:`train` call: the network, its optimiser, the batch order, the series."""

    def __init__(self, net: MLP, task: Task, optimizer: str, lr: float, batch: int, every: int,
                 threshold: float) -> None:
        self.net, self.task, self.batch, self.every, self.threshold = net, task, batch, every, threshold
        self.optimizer = Optimizer(optimizer, [net.flat], lr)
        self.streams = [seed_stream(s, _STREAM_BATCHES) for s in net.seeds]
        self.order = np.zeros((len(net.seeds), 0), dtype=np.int64)
        self.active = np.ones(len(net.seeds), dtype=bool)
        self.diverged_at: list[int | None] = [None] * len(net.seeds)
        self.series: dict[str, list[np.ndarray]] = {}
        self.ever_dead = [np.zeros((len(net.seeds), w), dtype=bool) for w in net.widths[1:-1]]
        self.pass_ = Pass(net, batch)  # the step's arrays, reused every step (see .backprop)
        self.evaluation = evaluation_passes(net, task)

    def _next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        if self.order.shape[1] < self.batch:
            n = len(self.task.x_train)
            self.order = np.stack([rng.permutation(n) for rng in self.streams])
        index, self.order = self.order[:, : self.batch], self.order[:, self.batch :]
        return self.task.x_train[index], self.task.y_train[index]

    def _record(self, **values: np.ndarray) -> None:
        for key, value in values.items():
            self.series.setdefault(key, []).append(value)

    def _diverge(self, step: int, losses: np.ndarray) -> None:
        """Stop the seeds whose loss is no longer finite: note the step and zero their slice
        of every parameter and optimiser buffer, so the batched arithmetic stays finite."""
        for index in np.flatnonzero(self.active & ~np.isfinite(losses)):
            self.active[index] = False
            self.diverged_at[index] = step
            for buffer in (self.net.flat, *self.optimizer.state()):
                for block in self.net.views(buffer):
                    block[index] = 0.0

    def _checkpoint(self, step: int) -> None:
        point: Checkpoint = measure(self.net, self.task, self.threshold, self.evaluation)
        self._diverge(step, point.train_loss + point.test_loss)
        revived = []
        for layer, dead in enumerate(point.dead):
            revived.append((self.ever_dead[layer] & ~dead).mean(axis=1))
            self.ever_dead[layer] |= dead
        seeds = len(self.net.seeds)
        dead = side_by_side([m.mean(axis=1) for m in point.dead], seeds)
        inactive = side_by_side([m.mean(axis=1) for m in point.inactive], seeds)
        self._record(step=np.array(step), train_loss=point.train_loss, test_loss=point.test_loss,
                     train_accuracy=point.train_accuracy, test_accuracy=point.test_accuracy,
                     dead_fraction=dead, inactive_fraction=inactive,
                     revived_fraction=side_by_side(revived, seeds), saturated_fraction=point.saturated_fraction,
                     preactivation_mean=point.preactivation_mean, preactivation_var=point.preactivation_var,
                     weight_norm=frobenius(self.net.weights))
        if self.net.learns_slopes:
            self._record(slopes=side_by_side([a.mean(axis=1) for a in self.net.slopes], seeds))

    def go(self, steps: int, progress: Callable[[int, int], None] | None) -> TrainResult:
        # A diverging seed overflows to inf/nan within the step in which it diverges; it is
        # found right after (its loss is not finite) and its slice zeroed. The overflow is
        # the event being measured, not a formula to repair, so its warnings are silenced here.
        with np.errstate(over="ignore", invalid="ignore"):
            for step in range(steps + 1):
                measuring = step % self.every == 0 or step == steps
                if measuring:
                    self._checkpoint(step)
                if step == steps or not self.active.any():
                    break
                self._step(step, measuring)
                if progress is not None and (step + 1) % self.every == 0:
                    progress(step + 1, steps)
        if progress is not None:
            progress(steps, steps)
        return self._result()

    def _step(self, step: int, measuring: bool) -> None:
        x, y = self._next_batch()
        losses = self.pass_.loss_and_gradients(x, y, self.task.loss)
        self._diverge(step, losses)
        if not self.active.all():
            for block in self.pass_.gradients:
                block[~self.active] = 0.0
        before = [w.copy() for w in self.net.weights] if measuring else None
        self.optimizer.step([self.pass_.gradient])
        if measuring:
            stride = 3 if self.net.learns_slopes else 2
            self._record(grad_norm=frobenius(self.pass_.gradients[::stride][: self.net.depth]),
                         update_ratio=frobenius([w - b for w, b in zip(self.net.weights, before)])
                         / frobenius(before))

    def _result(self) -> TrainResult:
        net, count = self.net, len(self.series["step"])
        arrays = {}
        for key, values in self.series.items():
            if key == "step":
                continue
            stacked = np.stack(values, axis=1)
            if key in ("grad_norm", "update_ratio") and stacked.shape[1] < count:
                pad = np.full((stacked.shape[0], count - stacked.shape[1], *stacked.shape[2:]), np.nan)
                stacked = np.concatenate([stacked, pad], axis=1)
            arrays[key] = stacked
        steps = np.array(self.series["step"])
        for index, at in enumerate(self.diverged_at):
            if at is not None:
                for key, value in arrays.items():
                    value[index, steps >= at] = np.nan
        slopes = arrays.pop("slopes", None)
        final = [a.copy() for a in net.slopes] if net.learns_slopes else None
        return TrainResult(net.act.spec, self.task.name, net.widths, net.init.scheme, self.optimizer.name,
                           self.optimizer.lr, self.batch, net.seeds, steps, slopes=slopes, final_slopes=final,
                           diverged_at=tuple(self.diverged_at), **arrays)

