"""softmax's relatives (actviz.catalog.simplex) against closed forms and independent algorithms:
log-softmax, softmin, Softmax2d, sparsemax (Martins & Astudillo 2016) and 1.5-entmax
(Peters et al. 2019), their Jacobians and their two-logit curves."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

import actviz

Z = np.array([2.0, 1.0, 0.1, -1.5, 1.7])


def _central_jacobian(entry, z, h=1e-6):
    columns = [(entry(z + h * e) - entry(z - h * e)) / (2 * h) for e in np.eye(z.size)]
    return np.stack(columns, axis=-1)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin", "sparsemax", "entmax15"])
@pytest.mark.parametrize("temperature", [1.0, 0.7])
def test_jacobian_matches_central_differences(name, temperature):
    entry = actviz.get(name, temperature=temperature)
    np.testing.assert_allclose(entry.jacobian(Z), _central_jacobian(entry, Z), atol=1e-8)


def test_log_softmax_is_the_log_of_softmax_and_keeps_far_logits():
    np.testing.assert_allclose(actviz.get("log_softmax")(Z), np.log(actviz.get("softmax")(Z)), rtol=1e-15)
    # log(softmax([0, -1000])) is [0, -inf] in float64; log-softmax is [-e^-1000, -1000 - e^-1000] = [-0, -1000]
    np.testing.assert_array_equal(actviz.get("log_softmax")(np.array([0.0, -1000.0])), [-0.0, -1000.0])


def test_softmin_is_softmax_of_the_negated_logits():
    np.testing.assert_array_equal(actviz.get("softmin", temperature=2.0)(Z), actviz.get("softmax", temperature=2.0)(-Z))


def test_softmax2d_is_softmax_over_channels_at_every_pixel():
    images = np.random.default_rng(2).normal(size=(2, 3, 4, 5))
    got = actviz.get("softmax2d")(images)
    want = np.moveaxis(actviz.get("softmax")(np.moveaxis(images, 1, -1)), -1, 1)
    np.testing.assert_array_equal(got, want)
    assert actviz.get("softmax2d").jacobian(images).shape == (2, 4, 5, 3, 3)
    with pytest.raises(actviz.ActvizError, match="softmax2d needs images"):
        actviz.get("softmax2d")(Z)


def test_sparsemax_worked_example():
    # z = [1, 0.5, -1]: sorted, 1 + 2 (0.5) > 1.5 but 1 + 3 (-1) < 0.5, so K = 2, tau = (1.5 - 1)/2
    p = actviz.get("sparsemax")(np.array([1.0, 0.5, -1.0]))
    np.testing.assert_allclose(p, [0.75, 0.25, 0.0], rtol=1e-15)
    jacobian = actviz.get("sparsemax").jacobian(np.array([1.0, 0.5, -1.0]))
    np.testing.assert_allclose(jacobian, [[0.5, -0.5, 0.0], [-0.5, 0.5, 0.0], [0.0, 0.0, 0.0]])


def _entmax15_by_bisection(z):
    """An independent 1.5-entmax: the tau with sum_i [z_i/2 - tau]_+^2 = 1, bisected in mpmath at 50 digits."""
    with mp.workdps(50):
        half = [mp.mpf(v) / 2 for v in z]
        lo, hi = max(half) - 1, max(half)
        for _ in range(200):
            mid = (lo + hi) / 2
            mass = sum(max(v - mid, 0) ** 2 for v in half)
            lo, hi = (mid, hi) if mass > 1 else (lo, mid)
        return [float(max(v - lo, 0) ** 2) for v in half]


@pytest.mark.parametrize("z", [Z, np.array([0.3, 0.2, 0.1]), np.array([5.0, -5.0]), np.linspace(-1.0, 1.0, 9)])
def test_entmax15_matches_bisection(z):
    np.testing.assert_allclose(actviz.get("entmax15")(z), _entmax15_by_bisection(z), rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("name", ["sparsemax", "entmax15", "softmin", "log_softmax", "softmax"])
@pytest.mark.parametrize("temperature", [1.0, 2.5])
def test_two_logit_curve_is_the_first_output(name, temperature):
    entry = actviz.get(name, temperature=temperature)
    x = np.linspace(-6.0, 6.0, 49)
    first = entry(np.stack([x, np.zeros_like(x)], axis=-1))[:, 0]
    np.testing.assert_allclose(entry.curve()(x), first, rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("name", ["sparsemax", "entmax15"])
def test_sparse_maps_limits_and_undefined_rows(name):
    entry = actviz.get(name)
    rows = np.array([[np.inf, 1.0, np.inf], [np.nan, 1.0, 2.0], [1e308, -1e308, 0.0]])
    np.testing.assert_allclose(entry(rows[[0, 2]]), [[0.5, 0.0, 0.5], [1.0, 0.0, 0.0]], rtol=1e-15)
    assert np.isnan(entry(rows[1])).all()
    assert entry(np.array([1.0, 2.0], dtype=np.float32)).dtype == np.float32
    assert entry.with_params(temperature=2.0)(Z).tolist() == entry(Z / 2.0).tolist()


@pytest.mark.parametrize("kind", ["log_softmax", "softmin", "sparsemax", "entmax15"])
def test_cli_softmax_kind_draws_the_relatives(tmp_path, kind):
    from typer.testing import CliRunner

    from actviz.cli.app import app

    target = tmp_path / f"{kind}.png"
    result = CliRunner().invoke(app, ["softmax", "2", "1", "-1.5", "--kind", kind, "-o", str(target), "--size", "480x270"])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 1000 and f"{kind}(z / T)" in result.stdout
    entry = actviz.get(kind)
    # the table's probabilities are the entry's (log-softmax: exp of its values)
    assert repr(float(entry.probabilities([2.0, 1.0, -1.5])[0])) in result.stdout


def test_cli_softmax_rejects_an_unknown_kind(tmp_path):
    from typer.testing import CliRunner

    from actviz.cli.app import app

    result = CliRunner().invoke(app, ["softmax", "2", "1", "--kind", "softmax3d", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "invalid --kind 'softmax3d'" in result.output and list(tmp_path.iterdir()) == []
