"""The study notes' claims about training, each settled by a short fixed experiment.

Every claim states its rule before any number is computed; the verdict is the rule applied
to the measurements, never written in. Where the answer may depend on the setting
(optimiser, learning rate, init) the claim is tested in two settings and both are reported.
All runs: two spirals, 1000 training points, batch 128, 5 seeds (0..4) trained together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .loop import TrainResult, plan
from .parallel import run_plans

SEEDS = 5
BASE = dict(task="spirals", depth=4, width=32, steps=1000, batch=128, seeds=SEEDS, init="he", optimizer="adam",
            lr=1e-3)


@dataclass
class Figure:
    """A picture for the page: ``kind`` "train" (runs over steps) or "sweep" (final values
    against ``parameter``), the runs, their labels and a caption."""

    kind: str
    runs: list
    caption: str
    labels: list[str] | None = None
    parameter: str | None = None
    values: list | None = None


@dataclass
class Outcome:
    """What a claim's experiment gave: a table (header + rows), a verdict per setting and pictures."""

    header: list[str]
    rows: list[list[str]]
    verdicts: dict[str, str]
    figures: list[Figure] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """One word over the settings: the common verdict, or "depends on the setting"."""
        distinct = set(self.verdicts.values())
        return distinct.pop() if len(distinct) == 1 else "depends on the setting"


Run = tuple[str, dict]
"""A training run of an experiment: the activation and its options over :data:`BASE`."""


@dataclass(frozen=True)
class Claim:
    """A claim from the notes, where it is written, the rule that settles it, the experiment
    and the runs the experiment takes (so that they can be trained first, all at once)."""

    key: str
    statement: str
    sources: str
    rule: str
    experiment: Callable[[Lab], Outcome]
    runs: Callable[[], list[Run]]


class Lab:
    """Runs :func:`~.loop.train` once per distinct configuration (claims share runs)."""

    def __init__(self) -> None:
        self.cache: dict[tuple, TrainResult] = {}
        self.trained_alone = 0  # runs :meth:`run` had to train itself: none after :meth:`prefetch` of them

    @staticmethod
    def _configuration(spec: str, options: dict) -> tuple[tuple, dict]:
        settings = {**BASE, **options}
        return (spec, tuple(sorted(settings.items()))), settings

    def run(self, spec: str, **options: object) -> TrainResult:
        """The result of ``spec`` with :data:`BASE` updated by ``options``."""
        key, settings = self._configuration(spec, options)
        if key not in self.cache:
            self.cache[key] = plan(spec, **settings).run()
            self.trained_alone += 1
        return self.cache[key]

    def prefetch(self, runs: list[Run], jobs: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        """Train every run of ``runs`` not trained yet, spread over ``jobs`` processes
        (:func:`~.parallel.run_plans`: the same numbers as each run alone); ``progress(done,
        total)`` counts their steps."""
        missing: dict[tuple, dict] = {}
        for spec, options in runs:
            key, settings = self._configuration(spec, options)
            if key not in self.cache:
                missing[key] = settings
        plans = [plan(key[0], **settings) for key, settings in missing.items()]
        self.cache.update(zip(missing, run_plans(plans, jobs, progress)))


def _median_spread(values: np.ndarray) -> str:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return "–"
    return f"{np.median(finite):.3g} [{finite.min():.3g}, {finite.max():.3g}]"


def _peak_dead(result: TrainResult) -> np.ndarray:
    return np.nanmax(result.dead_share(), axis=1)


def _final_dead(result: TrainResult) -> np.ndarray:
    return result.dead_share()[:, -1]


# -- 1 and 2: dying ReLUs and the learning rate ------------------------------------------
_LEARNING_RATES = {"adam": (1e-3, 1e-2, 1e-1), "sgd": (0.01, 0.1, 1.0)}


def _smallest_and_largest(rates: tuple[float, ...]) -> tuple[float, float]:
    return rates[0], rates[-1]


def _dying(lab: Lab) -> Outcome:
    rows, verdicts, figures = [], {}, []
    for optimizer, rates in _LEARNING_RATES.items():
        runs = [lab.run("relu", optimizer=optimizer, lr=lr) for lr in rates]
        for lr, result in zip(rates, runs):
            rows.append([optimizer, f"{lr:g}", _median_spread(_peak_dead(result)), _median_spread(_final_dead(result))])
        peak = max(float(np.median(_peak_dead(r))) for r in runs)
        verdicts[optimizer] = "supported" if peak >= 0.5 else "partly supported" if peak >= 0.1 else "not supported"
        figures.append(Figure("sweep", [runs], f"relu, {optimizer}: final dead fraction and loss against the "
                              "learning rate", parameter="lr", values=list(rates)))
    return Outcome(["optimizer", "lr", "peak dead fraction", "final dead fraction"], rows, verdicts, figures)


def _dying_runs() -> list[Run]:
    return [("relu", dict(optimizer=optimizer, lr=lr)) for optimizer, rates in _LEARNING_RATES.items() for lr in rates]


def _smaller_rate(lab: Lab) -> Outcome:
    rows, verdicts = [], {}
    for optimizer, rates in _LEARNING_RATES.items():
        small, large = (lab.run("relu", optimizer=optimizer, lr=lr) for lr in _smallest_and_largest(rates))
        fewer = int(np.sum(_final_dead(small) < _final_dead(large)))
        rows.append([optimizer, f"{rates[0]:g} vs {rates[-1]:g}", _median_spread(_final_dead(small)),
                     _median_spread(_final_dead(large)), f"{fewer} of {SEEDS}"])
        verdicts[optimizer] = "supported" if fewer >= 4 else "not supported"
    return Outcome(["optimizer", "small vs large lr", "final dead (small lr)", "final dead (large lr)",
                    "seeds with fewer dead at the small lr"], rows, verdicts)


# -- 3: ReLU converges faster than sigmoid and tanh ----------------------------------------
_TARGET = 0.1
_SPEED_ACTIVATIONS = ("relu", "sigmoid", "tanh")
_SPEED_SETTINGS = {"adam lr=1e-3, he": dict(optimizer="adam", lr=1e-3, init="he"),
                   "sgd lr=0.1, xavier, 2000 steps": dict(optimizer="sgd", lr=0.1, init="xavier", steps=2000)}


def _smaller_rate_runs() -> list[Run]:
    return [("relu", dict(optimizer=optimizer, lr=lr)) for optimizer, rates in _LEARNING_RATES.items()
            for lr in _smallest_and_largest(rates)]


def _first_is_faster(first: list[int | None], second: list[int | None]) -> int:
    """Seeds where ``first`` reached the target and ``second`` later or never."""
    return sum(a is not None and (b is None or a < b) for a, b in zip(first, second))


def _converges_faster(lab: Lab) -> Outcome:
    rows, verdicts, figures = [], {}, []
    for name, setting in _SPEED_SETTINGS.items():
        runs = {spec: lab.run(spec, **setting) for spec in _SPEED_ACTIVATIONS}
        reached = {spec: r.steps_to_loss(_TARGET) for spec, r in runs.items()}
        wins = {other: _first_is_faster(reached["relu"], reached[other]) for other in ("sigmoid", "tanh")}
        for spec in runs:
            steps = ", ".join("never" if s is None else str(s) for s in reached[spec])
            rows.append([name, spec, steps, "" if spec == "relu" else f"{wins[spec]} of {SEEDS}"])
        verdicts[name] = ("supported" if min(wins.values()) >= 4 else
                          "partly supported" if max(wins.values()) >= 4 else "not supported")
        figures.append(Figure("train", list(runs.values()), f"relu, sigmoid, tanh ({name})"))
    return Outcome(["setting", "activation", "steps to loss 0.1 (seeds 0-4)", "seeds where relu is faster"],
                   rows, verdicts, figures)


def _converges_faster_runs() -> list[Run]:
    return [(spec, setting) for setting in _SPEED_SETTINGS.values() for spec in _SPEED_ACTIVATIONS]


# -- 4: Leaky ReLU is not much better ---------------------------------------------------------
_LEAKY_RATES = (1e-3, 1e-1)


def _leaky_runs() -> list[Run]:
    return [(spec, dict(lr=lr)) for lr in _LEAKY_RATES for spec in ("relu", "leaky_relu")]


def _leaky(lab: Lab) -> Outcome:
    rows, verdicts, figures = [], {}, []
    for lr in _LEAKY_RATES:
        relu, leaky = lab.run("relu", lr=lr), lab.run("leaky_relu", lr=lr)
        gap = float(np.median(leaky.test_accuracy[:, -1]) - np.median(relu.test_accuracy[:, -1]))
        for spec, result in (("relu", relu), ("leaky_relu", leaky)):
            rows.append([f"adam lr={lr:g}", spec, _median_spread(result.test_accuracy[:, -1]),
                         _median_spread(_final_dead(result)),
                         _median_spread(result.inactive_fraction[:, -1].mean(axis=1))])
        verdicts[f"adam lr={lr:g}"] = "supported" if gap <= 0.01 else "not supported"
        figures.append(Figure("train", [relu, leaky], f"relu and leaky_relu, adam lr={lr:g}"))
    return Outcome(["setting", "activation", "final held-out accuracy", "final dead fraction",
                    "final inactive fraction (z <= 0 everywhere)"], rows, verdicts, figures)


# -- 5: PReLU learns its slope ------------------------------------------------------------------
_PRELU_RATES = (1e-3, 1e-2)


def _prelu_runs() -> list[Run]:
    return [("prelu", dict(lr=lr, slopes="unit")) for lr in _PRELU_RATES]


def _prelu(lab: Lab) -> Outcome:
    from ..specs import get

    grid = np.linspace(-50.0, 50.0, 100_001)
    prelu = get("prelu")
    as_relu = float(np.max(np.abs(prelu.with_params(weight=0.0)(grid) - get("relu")(grid))))
    as_leaky = float(np.max(np.abs(prelu.with_params(weight=0.01)(grid) - get("leaky_relu")(grid))))
    rows, verdicts, figures = [], {}, []
    for lr in _PRELU_RATES:
        result = lab.run("prelu", lr=lr, slopes="unit")
        moved = np.max(np.abs(result.slopes[:, -1, :] - 0.25), axis=1)
        final = np.stack([s.mean(axis=1) for s in result.final_slopes], axis=1)  # (seeds, layers)
        rows.append([f"adam lr={lr:g}", _median_spread(moved),
                     "; ".join(_median_spread(final[:, layer]) for layer in range(final.shape[1])),
                     f"{as_relu:g}", f"{as_leaky:g}"])
        learned = float(np.median(moved)) >= 0.05
        verdicts[f"adam lr={lr:g}"] = "supported" if learned and as_relu == 0 and as_leaky == 0 else "not supported"
        figures.append(Figure("train", [result], f"prelu with one slope per unit, adam lr={lr:g}"))
    return Outcome(["setting", "largest move of a layer's mean slope from 0.25", "final mean slope per layer",
                    "max |prelu(a=0) - relu|", "max |prelu(a=0.01) - leaky_relu|"], rows, verdicts, figures)


# -- 6: SELU needs lecun init -----------------------------------------------------------------
_SELU_DEPTHS, _SELU_INITS = (4, 16), ("lecun", "he")


def _selu_runs() -> list[Run]:
    return [("selu", dict(init=init, depth=depth)) for depth in _SELU_DEPTHS for init in _SELU_INITS]


def _selu(lab: Lab) -> Outcome:
    rows, verdicts, figures = [], {}, []
    for depth in _SELU_DEPTHS:
        lecun, he = (lab.run("selu", init=init, depth=depth) for init in _SELU_INITS)
        better = int(np.sum(lecun.train_loss[:, -1] < he.train_loss[:, -1]))
        for init, result in (("lecun", lecun), ("he", he)):
            rows.append([f"depth {depth}", init, _median_spread(result.preactivation_var[:, 0, -1]),
                         _median_spread(result.train_loss[:, -1]), "" if init == "he" else f"{better} of {SEEDS}"])
        verdicts[f"depth {depth}"] = "supported" if better >= 4 else "not supported"
        figures.append(Figure("train", [lecun, he], f"selu with lecun and he init, depth {depth}",
                              labels=["selu, lecun", "selu, he"]))
    return Outcome(["setting", "init", "pre-activation variance of the last hidden layer at step 0",
                    "final training loss", "seeds where lecun ends lower"], rows, verdicts, figures)


CLAIMS = (
    Claim("dying-relu", "With ReLU, up to 50% of the neurons die while the network trains.", "notes 000, 002",
          "Supported in a setting if the median over the 5 seeds of the peak dead fraction of hidden units "
          "(f' = 0 on every training point) reaches 0.5 at some learning rate; partly supported if it reaches 0.1; "
          "not supported below 0.1. Settings: adam and sgd, three learning rates each.", _dying, _dying_runs),
    Claim("smaller-learning-rate", "A large gradient can set the weights so a unit is always 0; "
          "the remedy is a smaller learning rate.", "notes 000, 003",
          "Supported in a setting if the final dead fraction at the smallest learning rate is below the one at "
          "the largest in at least 4 of 5 seeds (same seed, same initial weights).", _smaller_rate, _smaller_rate_runs),
    Claim("relu-faster", "ReLU converges much faster than sigmoid and tanh.", "notes 000, 002",
          "Supported in a setting if relu reaches training loss 0.1 in fewer steps than sigmoid, and than tanh, "
          "in at least 4 of 5 seeds each (a seed that never reaches it is slower); partly supported if this "
          "holds against one of them only.", _converges_faster, _converges_faster_runs),
    Claim("leaky-not-better", "Leaky ReLU is meant to fix dead neurons, but in practice it is not much better.",
          "note 000",
          "Supported in a setting if leaky_relu's median final held-out accuracy is at most 1 percentage point "
          "above relu's. Settings: a learning rate where few relu units die (1e-3) and one where many do (1e-1).",
          _leaky, _leaky_runs),
    Claim("prelu-slope", "PReLU learns its slope a; near 0 it acts like ReLU, above 0 like Leaky ReLU.",
          "notes 002, 003",
          "Supported if the median over seeds of the largest move of a layer's mean slope away from its start "
          "0.25 is at least 0.05, and prelu with a = 0 equals relu and with a = 0.01 equals leaky_relu exactly "
          "(largest difference 0 on 100 001 points in [-50, 50]).", _prelu, _prelu_runs),
    Claim("selu-lecun", "SELU needs lecun_normal initialisation.", "note 003",
          "Supported in a setting if selu with lecun init ends with a lower training loss than with he init in "
          "at least 4 of 5 seeds. Settings: 4 and 16 hidden layers.", _selu, _selu_runs),
)
