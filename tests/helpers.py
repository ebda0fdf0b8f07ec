"""Helpers shared by the tests: small activations with known shapes, built here
(not registered) so the plotting tests do not depend on which catalogue entries
exist, and a PNG size reader."""

from __future__ import annotations

import math
import struct

import numpy as np

from actviz import Activation, Kink, Param, Reference

_REF = Reference("Test", 2000, "A test case", "https://example.org")
_SUMMARY = "A test activation with a known shape, used to check what the plots draw."


def _zeros(x: np.ndarray, **_: float) -> np.ndarray:
    return np.zeros_like(x)


# Heaviside step with H(0) = 1: f jumps from 0 to 1 at 0 (value 1: closed dot at 1, open at 0).
STEP = Activation(
    name="step", family="test", f=lambda x: np.heaviside(x, 1.0), df=_zeros, d2f=_zeros,
    latex=r"H(x)", latex_derivative=r"H'(x) = 0", summary=_SUMMARY, reference=_REF,
    kink_points=lambda: (Kink(0.0, "H(0) = 1"),),
)


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _elu_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


# ELU: f(-inf) = -alpha, a horizontal asymptote; f' jumps at 0 unless alpha = 1.
ELU = Activation(
    name="elu", family="test", f=_elu, df=_elu_d1, d2f=lambda x, alpha: np.where(x > 0, 0.0, alpha * np.exp(np.minimum(x, 0.0))),
    latex=r"\mathrm{ELU}(x)", latex_derivative=r"\mathrm{ELU}'(x)", summary=_SUMMARY, reference=_REF,
    parameters=(Param("alpha", 1.0, "negative saturation value", lower=0.0, lower_open=True),),
    kink_points=lambda alpha: (Kink(0.0, "elu'(0) = alpha"),),
)

LEAKY = Activation(
    name="leaky_relu", family="test", f=lambda x, negative_slope: np.where(x > 0, x, negative_slope * x),
    df=lambda x, negative_slope: np.where(x > 0, 1.0, negative_slope), d2f=lambda x, negative_slope: np.zeros_like(x),
    latex=r"\max(x, a x)", latex_derivative=r"\mathbb{1}[x > 0] + a\,\mathbb{1}[x \leq 0]", summary=_SUMMARY, reference=_REF,
    parameters=(Param("negative_slope", 0.01, "slope for x < 0"),),
    kink_points=lambda negative_slope: (Kink(0.0, "f'(0) = negative_slope"),),
)


def _phi(x: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


# The normal CDF: its derivative exp(-x^2/2)/sqrt(2 pi) is 1e-300 near |x| = 37.
PROBIT = Activation(
    name="probit", family="test", f=lambda x: 0.5 * np.vectorize(math.erfc, otypes=[float])(-x / math.sqrt(2.0)),
    df=_phi, d2f=lambda x: -x * _phi(x), latex=r"\Phi(x)", latex_derivative=r"\varphi(x)",
    summary=_SUMMARY, reference=_REF,
)


class NotPointwise:
    """Stands for a registry entry such as softmax (``pointwise = False``)."""

    name = "softmax_test"
    aliases = ()
    family = "vector"
    pointwise = False
    label = "softmax_test"
    spec = "softmax_test"

    def with_params(self, **_: object) -> NotPointwise:
        return self


# relu6: reaches its limit 6 at x = 6 and stays there (a ceiling, not an asymptote).
RELU6 = Activation(
    name="relu6", family="test", f=lambda x: np.clip(x, 0.0, 6.0), df=lambda x: ((x > 0) & (x < 6)).astype(float),
    d2f=_zeros, latex=r"\min(\max(0, x), 6)", latex_derivative=r"\mathbb{1}[0 < x < 6]", summary=_SUMMARY,
    reference=_REF, kink_points=lambda: (Kink(0.0, "f'(0) = 0"), Kink(6.0, "f'(6) = 0")),
)


def png_size(path) -> tuple[int, int]:
    """(width, height) from the IHDR chunk that opens every PNG."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def one_line_error(result, *fragments: str) -> None:  # noqa: ANN001  (a click Result)
    """The CLI's promise for bad input: exit status 2 and one line ``error: ...`` on stderr,
    containing every fragment, and no traceback."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in result.output
