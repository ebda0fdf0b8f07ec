"""``actviz claims``: verdicts follow from the numbers by the stated rules, and the page is written."""

from __future__ import annotations

import numpy as np
from typer.testing import CliRunner

from actviz.cli.app import app
from actviz.training import claims
from actviz.training.loop import TrainResult

runner = CliRunner()


class _FixedLab:
    """A lab whose relu runs have a chosen final dead fraction per (optimizer, lr)."""

    def __init__(self, dead: dict) -> None:
        self.dead = dead

    def run(self, spec: str, **options: object) -> TrainResult:
        share = np.asarray(self.dead[(options["optimizer"], options["lr"])], dtype=float)  # one per seed
        seeds, hidden = len(share), 2
        curve = np.repeat(share[:, None, None], hidden, axis=2) * np.ones((1, 3, 1))
        zeros = np.zeros((seeds, 3))
        weights = np.zeros((seeds, 3, hidden + 1))
        return TrainResult(spec, "spirals", (2, 8, 8, 2), "he", options["optimizer"], options["lr"], 16,
                           tuple(range(seeds)), np.array([0, 10, 20]), zeros, zeros, zeros, zeros, curve,
                           curve, curve, curve, curve, curve, weights, weights, weights,
                           diverged_at=(None,) * seeds)


def _rates(small: list[float], large: list[float]) -> dict:
    middle = [0.0] * 5
    out = {}
    for optimizer, rates in claims._LEARNING_RATES.items():
        out[(optimizer, rates[0])], out[(optimizer, rates[1])], out[(optimizer, rates[2])] = small, middle, large
    return out


def test_smaller_rate_verdict_follows_the_four_of_five_rule():
    fewer_in_four = _rates([0.1, 0.1, 0.1, 0.1, 0.5], [0.3, 0.3, 0.3, 0.3, 0.3])
    fewer_in_three = _rates([0.1, 0.1, 0.1, 0.5, 0.5], [0.3, 0.3, 0.3, 0.3, 0.3])
    assert claims._smaller_rate(_FixedLab(fewer_in_four)).verdict == "supported"
    assert claims._smaller_rate(_FixedLab(fewer_in_three)).verdict == "not supported"


def test_dying_verdict_follows_the_peak_thresholds():
    assert claims._dying(_FixedLab(_rates([0.0] * 5, [0.6] * 5))).verdict == "supported"
    assert claims._dying(_FixedLab(_rates([0.0] * 5, [0.2] * 5))).verdict == "partly supported"
    assert claims._dying(_FixedLab(_rates([0.0] * 5, [0.05] * 5))).verdict == "not supported"


def test_settings_that_disagree_say_so():
    assert claims.Outcome([], [], {"a": "supported", "b": "not supported"}).verdict == "depends on the setting"


def test_faster_counts_a_seed_that_never_arrives_as_slower():
    assert claims._first_is_faster([10, 20, None, 40], [20, None, 10, 30]) == 2


def test_claims_command_writes_the_page(tmp_path, monkeypatch):
    """One of the real experiments, shrunk (2 x 4 units, 20 steps, small pictures): the page,
    its pictures, the order of rule, verdict and numbers."""
    import actviz.cli.claims as command

    monkeypatch.setattr(command, "PICTURE_SIZE", "500x300")
    monkeypatch.setitem(claims.BASE, "width", 4)
    monkeypatch.setitem(claims.BASE, "depth", 2)
    monkeypatch.setitem(claims.BASE, "steps", 20)
    monkeypatch.setitem(claims.BASE, "seeds", 5)
    chosen = tuple(c for c in claims.CLAIMS if c.key == "prelu-slope")
    monkeypatch.setattr(claims, "CLAIMS", chosen)
    result = runner.invoke(app, ["claims", "-o", str(tmp_path / "page")])
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "page" / "claims.md").read_text()
    for claim in chosen:
        section = page.split(claim.statement)[1]
        assert section.index("**Rule.**") < section.index("**Verdict:") < section.index("| ")
    pictures = sorted(p.name for p in (tmp_path / "page").glob("*.png"))
    assert pictures == ["prelu-slope-1.png", "prelu-slope-2.png"] and all(f"]({name})" in page for name in pictures)
    assert result.stdout.strip().splitlines()[1:] == [f"{c.key}: {v}" for c, v in zip(chosen, _verdicts(page))]


def _verdicts(page: str) -> list[str]:
    return [part.split("**")[0] for part in page.split("**Verdict: ")[1:]]


def test_claims_into_a_file_is_one_line_before_any_training(tmp_path, monkeypatch):
    """The CLI fuzz skips claims (its real run takes minutes), so its one bad input is checked here."""
    from actviz.training import loop
    from tests.helpers import one_line_error

    def no_training(self, progress=None):  # noqa: ANN001,ANN202
        raise AssertionError("claims trained before checking its folder")

    monkeypatch.setattr(loop.Plan, "run", no_training)
    target = tmp_path / "page.md"
    target.write_text("a page")
    one_line_error(runner.invoke(app, ["claims", "-o", str(target)]), f"cannot write into {target}: it is a file")
    assert target.read_text() == "a page" and [p.name for p in tmp_path.iterdir()] == ["page.md"]


def _shrunk(monkeypatch) -> None:
    monkeypatch.setitem(claims.BASE, "width", 4)
    monkeypatch.setitem(claims.BASE, "depth", 2)
    monkeypatch.setitem(claims.BASE, "steps", 20)


def test_each_claim_declares_exactly_the_runs_its_experiment_takes(monkeypatch):
    """The runs are trained first, all at once, from the claims' declarations: an experiment that
    took a run not declared would train it alone afterwards, one declared and not taken would
    be trained for nothing."""
    _shrunk(monkeypatch)
    for claim in claims.CLAIMS:
        lab = claims.Lab()
        lab.prefetch(claim.runs(), jobs=1)
        declared = set(lab.cache)
        taken = []
        run = lab.run

        def recorded(spec, **options):  # noqa: ANN001,ANN202
            taken.append(lab._configuration(spec, options)[0])
            return run(spec, **options)

        lab.run = recorded
        claim.experiment(lab)
        assert lab.trained_alone == 0 and set(taken) == declared, claim.key


def test_runs_trained_in_processes_are_the_runs_trained_alone(monkeypatch):
    _shrunk(monkeypatch)
    runs = [("relu", dict(lr=1e-2)), ("tanh", dict(optimizer="sgd", lr=0.1))]
    together, alone = claims.Lab(), claims.Lab()
    together.prefetch(runs, jobs=2)
    for (spec, options), key in zip(runs, together.cache):
        mine, theirs = together.cache[key], alone.run(spec, **options)
        for name in ("train_loss", "test_accuracy", "dead_fraction", "inactive_fraction"):
            np.testing.assert_array_equal(getattr(mine, name), getattr(theirs, name))
    assert together.trained_alone == 0 and alone.trained_alone == 2
