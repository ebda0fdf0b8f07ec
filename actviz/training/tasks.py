"""Training tasks, generated deterministically from a data seed (no download).

Classification (2-D inputs, cross-entropy):

* ``spirals``: two interleaved spirals of 1.75 turns, r = t, angle 3.5 pi t + pi c, t = sqrt(u)
  with u uniform (so points are even along the arc), Gaussian noise 0.03;
* ``moons``: two interleaving half circles (scikit-learn's ``make_moons``), noise 0.1;
* ``xor``: uniform points in [-1, 1]^2, class [x1 x2 > 0] (a 2 x 2 checkerboard);
* ``checkerboard``: uniform points in [-1, 1]^2, class the colour of a 4 x 4 board;
* ``circles``: two concentric circles of radius 1 and 0.5 (``make_circles``), noise 0.05;
* ``digits``: scikit-learn's 8 x 8 digits (1797 images, 10 classes, pixels / 16), shipped
  inside scikit-learn (optional extra ``actviz[data]``).

Regression (mean squared error):

* ``teacher``: x ~ N(0, I_8), y = a random tanh teacher network 8 -> 32 -> 1 (weights
  N(0, 1/fan_in)) of x: the student can represent it exactly when it is wide enough.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError, did_you_mean

TASKS = ("spirals", "moons", "xor", "checkerboard", "circles", "teacher", "digits")


@dataclass(frozen=True)
class Task:
    """A data set split into training and held-out points; ``classes`` is 0 for regression."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    classes: int

    @property
    def loss(self) -> str:
        """The loss the task is trained with."""
        return "cross_entropy" if self.classes else "mse"

    @property
    def inputs(self) -> int:
        return self.x_train.shape[1]

    @property
    def outputs(self) -> int:
        return self.classes or self.y_train.shape[1]


def _spirals(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    label = rng.integers(0, 2, n)
    t = np.sqrt(rng.uniform(0.0, 1.0, n))
    angle = 3.5 * math.pi * t + math.pi * label
    x = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1) + 0.03 * rng.standard_normal((n, 2))
    return x * 2.0, label


def _moons(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    label = rng.integers(0, 2, n)
    angle = rng.uniform(0.0, math.pi, n)
    x = np.where(label[:, None] == 0, np.stack([np.cos(angle), np.sin(angle)], axis=1),
                 np.stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)], axis=1))
    return x + 0.1 * rng.standard_normal((n, 2)) - np.array([0.5, 0.25]), label


def _board(cells: int):  # noqa: ANN202
    def generate(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        x = rng.uniform(-1.0, 1.0, (n, 2))
        index = np.floor((x + 1.0) * cells / 2.0).astype(np.int64).clip(0, cells - 1)
        return x * math.sqrt(3.0), (index.sum(axis=1) % 2).astype(np.int64)
    return generate


def _circles(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    label = rng.integers(0, 2, n)
    angle = rng.uniform(0.0, 2.0 * math.pi, n)
    radius = np.where(label == 0, 1.0, 0.5)
    x = radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return (x + 0.05 * rng.standard_normal((n, 2))) * 1.5, label


def _teacher(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    hidden = rng.standard_normal((32, 8)) / math.sqrt(8)
    top = rng.standard_normal((1, 32)) / math.sqrt(32)
    x = rng.standard_normal((n, 8))
    return x, np.tanh(x @ hidden.T) @ top.T


_GENERATORS = {"spirals": _spirals, "moons": _moons, "xor": _board(2), "checkerboard": _board(4),
               "circles": _circles, "teacher": _teacher}


def _digits() -> tuple[np.ndarray, np.ndarray]:
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise ActvizError("the digits task needs scikit-learn, which ships the data set: "
                          "pip install 'actviz[data]' (or pick another task)") from None
    data = load_digits()
    return data.data / 16.0, data.target.astype(np.int64)


def make_task(name: str, *, n_train: int = 1000, n_test: int = 1000, seed: int = 0) -> Task:
    """The task ``name`` (one of :data:`TASKS`) with ``n_train`` + ``n_test`` points drawn
    from the stream of ``seed`` (digits: its 1797 images split 1000 / 797, shuffled by ``seed``)."""
    key = name.strip().lower() if isinstance(name, str) else name
    if key not in TASKS:
        raise ActvizError(f"unknown task '{name}': expected one of {', '.join(TASKS)}" + did_you_mean(str(key), TASKS))
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(11,))))
    if key == "digits":
        x, y = _digits()
        order = rng.permutation(len(x))
        train, test = order[:1000], order[1000:]
        return Task(key, x[train], y[train], x[test], y[test], 10)
    for label, value in (("n_train", n_train), ("n_test", n_test)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ActvizError(f"invalid {label} {value!r}: expected an integer >= 1")
    if key == "teacher":
        # one teacher for both splits: draw the points together, split after
        x, y = _teacher(rng, n_train + n_test)
        return Task(key, x[:n_train], y[:n_train], x[n_train:], y[n_train:], 0)
    x_train, y_train = _GENERATORS[key](rng, n_train)
    x_test, y_test = _GENERATORS[key](rng, n_test)
    return Task(key, x_train, y_train, x_test, y_test, 2)
