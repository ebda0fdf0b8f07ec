"""Initialisation schemes as (sigma_w^2, sigma_b^2, weight distribution).

For the square layers of a deep stack (fan_in = fan_out = N):

* ``xavier`` (``glorot``; Glorot & Bengio 2010): Var W = 2/(fan_in + fan_out) = 1/N, sigma_w^2 = 1;
* ``he`` (``kaiming``; He et al. 2015): Var W = 2/fan_in, sigma_w^2 = 2;
* ``lecun`` (LeCun et al. 1998; the init of selu): Var W = 1/fan_in, sigma_w^2 = 1;
* ``orthogonal`` (Saxe et al. 2014): sqrt(sigma_w^2) times a Haar orthogonal matrix, gain^2
  = sigma_w^2 given or 1 (torch's default gain);
* ``critical``: the sigma_w^2 with chi_1 = 1 at this sigma_b^2 (the edge of chaos,
  Schoenholz et al. 2017), found by :func:`~actviz.propagation.theory.critical_sigma_w2`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ActvizError, did_you_mean
from .edge import critical_sigma_w2

_FIXED = {"xavier": 1.0, "he": 2.0, "lecun": 1.0}
_ALIASES = {"glorot": "xavier", "kaiming": "he"}
SCHEMES = ("xavier", "glorot", "he", "kaiming", "lecun", "orthogonal", "critical")


@dataclass(frozen=True)
class Init:
    """What a scheme (or explicit variances) means for one activation."""

    scheme: str  # a canonical scheme name, or "custom"
    sigma_w2: float
    sigma_b2: float
    weights: str  # "gaussian" or "orthogonal"


def resolve_init(act, init: str | None, sigma_w2: float | None = None, sigma_b2: float | None = None,  # noqa: ANN001
                 q0: float = 1.0) -> Init:
    """The variances for the scheme named ``init`` (or the explicit ones when ``init`` is None).

    xavier, he and lecun fix sigma_w^2 and critical solves for it (the edge of
    chaos of inputs with second moment ``q0``), so giving sigma_w^2 with them is
    an error; sigma_b^2 defaults to 0 everywhere.
    """
    bias = 0.0 if sigma_b2 is None else float(sigma_b2)
    if init is None:
        if sigma_w2 is None:
            raise ActvizError("no initialisation: give {init} or {sigma_w2} (and {sigma_b2})",
                              arguments=("init", "sigma_w2", "sigma_b2"))
        return Init("custom", float(sigma_w2), bias, "gaussian")
    key = init.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in (*_FIXED, "orthogonal", "critical"):
        raise ActvizError(f"unknown init scheme '{init}' (schemes: {', '.join(SCHEMES)})" + did_you_mean(key, SCHEMES))
    if key == "orthogonal":
        return Init(key, 1.0 if sigma_w2 is None else float(sigma_w2), bias, "orthogonal")
    if sigma_w2 is not None:
        fixed = "solves for sigma_w^2" if key == "critical" else f"fixes sigma_w^2 = {_FIXED[key]:g}"
        raise ActvizError(f"{{init}} {key} {fixed}: drop {{sigma_w2}} {sigma_w2:g}, or use {{init}} orthogonal or no {{init}}",
                          arguments=("init", "sigma_w2"))
    if key == "critical":
        return Init(key, critical_sigma_w2(act, bias, q0), bias, "gaussian")
    return Init(key, _FIXED[key], bias, "gaussian")
