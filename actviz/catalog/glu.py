"""The GLU family: f(a, b) = v(a) g(b), a value v(a) passed through a gate g(b), the two
halves of a layer's output (Dauphin et al. 2017, Shazeer 2020), and the gated units of
shipped models built the same way: GTU (tanh value), Kimi K3's SiTU-GLU (soft-capped
halves) and gpt-oss's clamped SwiGLU.

Each is a :class:`GatedLinearUnit` whose gate and value are catalogue specs (templates
filled with the unit's parameters), so their derivatives are the catalogue's own. The
pointwise view is the diagonal a = b = x.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..registry import lookup
from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _overflow, self_gated, sigmoidal  # noqa: F401 - register swish, situ, softcap first
from ._declare import from_formula
from .vector import FAMILY, VectorActivation


@dataclass(frozen=True, eq=False)
class GatedLinearUnit(VectorActivation):
    r"""A gated unit :math:`f(a, b) = v(a)\,g(b)`: the value v(a) passes through the gate g(b).

    ``gate`` and ``value`` name g and v in the registry (``identity`` for a plain value, or for
    the bilinear layer's gate); where they depend on the unit's parameters, ``gate_of`` and
    ``value_of`` build them from those (keyword arguments) instead. ``gate_symbol`` and
    ``value_symbol`` name them in formulas.
    """

    gate: str = "sigmoid"
    gate_symbol: str = r"\sigma"
    value: str = "identity"
    value_symbol: str = ""
    gate_of: Callable[..., Activation] | None = field(default=None, repr=False)
    value_of: Callable[..., Activation] | None = field(default=None, repr=False)

    def gate_activation(self) -> Activation:
        """The gate g at this unit's parameters."""
        return self.gate_of(**self.params) if self.gate_of else lookup(self.gate)

    def value_activation(self) -> Activation:
        """The value map v at this unit's parameters."""
        return self.value_of(**self.params) if self.value_of else lookup(self.value)

    @property
    def plain_value(self) -> bool:
        """Whether the value passes unchanged (v = identity), as in the GLU variants of Shazeer (2020)."""
        return self.value == "identity"

    def __call__(self, a: object, b: object) -> np.ndarray:
        r""":math:`v(a)\,g(b)`, broadcast; :math:`0 \cdot \infty` counts as 0 (the limit where g(b) vanishes)."""
        (a64, a_type), (b64, b_type) = self._as_float64(a), self._as_float64(b)
        value = a64 if self.plain_value else self.value_activation()(a64)
        return self._output(_overflow.multiply(value, self.gate_activation()(b64)), np.result_type(a_type, b_type))

    def gradient(self, a: object, b: object) -> tuple[np.ndarray, np.ndarray]:
        r"""The partial derivatives :math:`(\partial f/\partial a, \partial f/\partial b) = (v'(a)\,g(b),\; v(a)\,g'(b))`, broadcast."""
        (a64, a_type), (b64, b_type) = self._as_float64(a), self._as_float64(b)
        gate = self.gate_activation()
        dtype = np.result_type(a_type, b_type)
        shape = np.broadcast_shapes(a64.shape, b64.shape)
        if self.plain_value:
            by_a = np.broadcast_to(gate(b64), shape)
            by_b = _overflow.multiply(a64, gate.derivative(b64, 1))
        else:
            value = self.value_activation()
            by_a = _overflow.multiply(value.derivative(a64, 1), gate(b64))
            by_b = _overflow.multiply(value(a64), gate.derivative(b64, 1))
        return self._output(by_a, dtype), self._output(by_b, dtype)

    def curve(self) -> Activation:
        r"""The diagonal a = b = x: :math:`v(x)\,g(x)`, with :math:`(v g)' = v' g + v g'` and
        :math:`(v g)'' = v'' g + 2 v' g' + v g''` (v = x: :math:`g + x g'` and :math:`2 g' + x g''`)."""
        gate = self.gate_activation()
        value = None if self.plain_value else self.value_activation()
        g, v = self.gate_symbol, self.value_symbol

        def f(x: np.ndarray) -> np.ndarray:
            return _overflow.multiply(x if value is None else value(x), gate(x))

        def df(x: np.ndarray) -> np.ndarray:
            if value is None:
                return _overflow.add(gate(x), _overflow.multiply(x, gate.derivative(x, 1)))
            return _overflow.add(
                _overflow.multiply(value.derivative(x, 1), gate(x)), _overflow.multiply(value(x), gate.derivative(x, 1))
            )

        def d2f(x: np.ndarray) -> np.ndarray:
            if value is None:
                return _overflow.add(2.0 * gate.derivative(x, 1), _overflow.multiply(x, gate.derivative(x, 2)))
            cross = 2.0 * _overflow.multiply(value.derivative(x, 1), gate.derivative(x, 1))
            outer = _overflow.add(
                _overflow.multiply(value.derivative(x, 2), gate(x)), _overflow.multiply(value(x), gate.derivative(x, 2))
            )
            return _overflow.add(outer, cross)

        def kinks() -> tuple[Kink, ...]:
            from_gate = [Kink(k.x, f"from the gate, {k.convention}") for k in gate.kinks]
            from_value = [] if value is None else [Kink(k.x, f"from the value, {k.convention}") for k in value.kinks]
            return tuple(sorted(from_gate + from_value, key=lambda k: k.x))

        if value is None:
            applied = rf"x\,{g}(x)" if g else "x^2"
            slope = rf"{g}(x) + x\,{g}'(x)" if g else "2x"
        else:
            applied = rf"{v}(x)\,{g}(x)"
            slope = rf"{v}'(x)\,{g}(x) + {v}(x)\,{g}'(x)"
        diagonal = self.latex.split("=")[0].replace("(a, b)", "(x, x)").strip()
        return Activation(
            name=f"{self.name}_diagonal",
            family=self.family,
            f=f,
            df=df,
            d2f=d2f,
            latex=rf"{diagonal} = {applied}",
            latex_derivative=rf"\frac{{d}}{{dx}}\,{diagonal} = {slope}",
            summary=(
                f"The diagonal a = b = x of {self.name}: the value and the gate get the same input, "
                f"which turns {self.name} into a pointwise function of x that can be plotted and "
                "analysed like any activation."
            ),
            reference=self.reference,
            kink_points=kinks,
        )


_SHAZEER = Reference("Shazeer", 2020, "GLU Variants Improve Transformer", "https://arxiv.org/abs/2002.05202")


def _glu(name: str, gate: str, symbol: str, formula: str, summary: str, reference: Reference = _SHAZEER) -> None:
    register(
        GatedLinearUnit(
            name=name,
            signature="R x R -> R: value a, gate input b (two halves of a layer output)",
            latex=rf"\mathrm{{{formula}}}(a, b) = a\,{symbol}(b)" if symbol else rf"\mathrm{{{formula}}}(a, b) = a\,b",
            latex_derivative=(
                rf"\nabla f = ({symbol}(b),\; a\,{symbol}'(b))" if symbol else r"\nabla f = (b,\; a)"
            ),
            summary=summary,
            reference=reference,
            gate=gate,
            gate_symbol=symbol,
        )
    )


_glu(
    "glu", "sigmoid", r"\sigma", "GLU",
    "Gated linear unit: one half of a layer's output, a, is multiplied by the sigmoid of the other "
    "half, b, which acts as a learnt gate between 0 and 1. Introduced for convolutional language "
    "models; the gradient has a linear path through a, so it does not vanish like a sigmoid's.",
    Reference("Dauphin, Fan, Auli & Grangier", 2017, "Language Modeling with Gated Convolutional Networks",
              "https://arxiv.org/abs/1612.08083"),
)
_glu(
    "reglu", "relu", r"\mathrm{ReLU}", "ReGLU",
    "GLU with a ReLU gate: a * max(0, b). One of the GLU variants Shazeer tested in the feed-forward "
    "block of transformers; the gate is unbounded and exactly zero for b < 0, so half the (a, b) "
    "plane gives no gradient to either input.",
)
_glu(
    "geglu", "gelu", r"\mathrm{GELU}", "GeGLU",
    "GLU with a GELU gate: a * GELU(b) (the exact erf GELU, as in torch). In Shazeer's comparison "
    "GeGLU and SwiGLU gave the best transformer feed-forward layers; the smooth gate lets a little "
    "gradient through for negative b.",
)
_glu(
    "swiglu", "silu", r"\mathrm{Swish}", "SwiGLU",
    "GLU with a Swish (SiLU, beta = 1) gate: a * b * sigmoid(b). The feed-forward block of PaLM "
    "and LLaMA; it needs three weight matrices instead of two, so the hidden width is usually cut "
    "to 2/3 to keep the parameter count.",
)
_glu(
    "bilinear", "identity", "", "Bilinear",
    "The bilinear layer a * b: a GLU whose gate is the identity, so there is no nonlinearity "
    "besides the product itself. Shazeer's baseline among the GLU variants; it works surprisingly "
    "well but is unbounded in both inputs.",
)


# -- gated units of shipped models ---------------------------------------------------------------

register(
    GatedLinearUnit(
        name="gtu",
        signature="R x R -> R: value a, gate input b (two halves of a layer output)",
        latex=r"\mathrm{GTU}(a, b) = \tanh(a)\,\sigma(b)",
        latex_derivative=r"\nabla f = (\mathrm{sech}^{2}(a)\,\sigma(b),\; \tanh(a)\,\sigma'(b))",
        summary=(
            "Gated tanh unit: tanh of one half times the sigmoid of the other, the gated activation of "
            "PixelCNN and WaveNet (and of LSTM cell outputs). Bounded in both inputs; Dauphin et al. "
            "found the GLU's linear value path trains better, since tanh' vanishes."
        ),
        reference=Reference(
            "van den Oord, Kalchbrenner, Vinyals, Espeholt, Graves & Kavukcuoglu",
            2016,
            "Conditional Image Generation with PixelCNN Decoders",
            "https://arxiv.org/abs/1606.05328",
        ),
        notes="Named GTU by Dauphin et al. (2017), who compare it with the GLU.",
        value="tanh",
        value_symbol=r"\tanh",
    )
)

register(
    GatedLinearUnit(
        name="situ_glu",
        aliases=("situglu",),
        signature="R x R -> R: up half a, gate half b (two halves of a layer output)",
        latex=r"\mathrm{SiTU\text{-}GLU}(a, b) = \beta_2\tanh(a/\beta_2)\;\beta_1\tanh(b/\beta_1)\,\sigma(b)",
        latex_derivative=(
            r"\nabla f = (\mathrm{sech}^{2}(a/\beta_2)\,\mathrm{SiTU}(b),\;"
            r" \beta_2\tanh(a/\beta_2)\,\mathrm{SiTU}'(b))"
        ),
        parameters=(
            Param("beta1", 4.0, "soft cap of the gate half (SiTU's beta)", lower=0.0, lower_open=True),
            Param("beta2", 25.0, "soft cap of the up half", lower=0.0, lower_open=True),
        ),
        summary=(
            "Kimi K3's replacement of SwiGLU: the gate half goes through SiTU, beta1 tanh(b/beta1) "
            "sigmoid(b), the up half through a tanh soft cap, so |f| < beta1 beta2 = 100 however large "
            "the inputs, while near the origin it matches SwiGLU to first order. Meant to keep "
            "activations bounded under extreme mixture-of-experts sparsity."
        ),
        reference=Reference(
            "Kimi Team (Moonshot AI)",
            2026,
            "Kimi K3 technical report (SiTU-GLU, as described by Megatron-core and Tenstorrent ttnn)",
            "https://docs.tenstorrent.com/tt-metal/latest/ttnn/ttnn/api/ttnn.situ_glu.html",
        ),
        notes=(
            "As ttnn.situ_glu(gate, up, beta1, beta2) = (beta1 tanh(gate/beta1) sigmoid(gate)) "
            "(beta2 tanh(up/beta2)), and Megatron-core's situ_glu without its optional linear "
            "scale and offset; beta1 = 4, beta2 = 25 are the defaults quoted with the report."
        ),
        gate="situ",
        gate_symbol=r"\mathrm{SiTU}",
        gate_of=lambda beta1, beta2: lookup("situ").with_params(beta=beta1),
        value="softcap",
        value_symbol=r"\mathrm{softcap}",
        value_of=lambda beta1, beta2: lookup("softcap").with_params(cap=beta2),
    )
)

_OAI_REFERENCE = Reference("OpenAI", 2025, "gpt-oss-120b & gpt-oss-20b Model Card", "https://arxiv.org/abs/2508.10925")
_ALPHA = Param("alpha", 1.702, "slope of the swish gate (1.702: quick GELU)", lower=0.0, lower_open=True)
_LIMIT = Param("limit", 7.0, "clamp: the gate input from above, the linear half on both sides", lower=0.0, lower_open=True)
# torch.clamp passes the gradient at its bounds: where() keeps the inner branch there
_OAI_GATE = from_formula(
    "swiglu_oai_gate",
    "where(x <= limit, swish(x, beta=alpha), swish(limit, beta=alpha))",
    family=FAMILY,
    parameters=(_ALPHA, _LIMIT),
    summary="The gate of gpt-oss's SwiGLU: swish with slope alpha of min(x, limit).",
    reference=_OAI_REFERENCE,
)
_OAI_VALUE = from_formula(
    "swiglu_oai_value",
    "where(x < -limit, -limit, where(x <= limit, x, limit)) + 1",
    family=FAMILY,
    parameters=(_LIMIT,),
    summary="The linear half of gpt-oss's SwiGLU: clip(x, -limit, limit) + 1.",
    reference=_OAI_REFERENCE,
)

register(
    GatedLinearUnit(
        name="swiglu_oai",
        aliases=("swiglu_clamped", "gpt_oss_swiglu"),
        signature="R x R -> R: linear half a, gate half b (interleaved halves of a layer output)",
        latex=(
            r"\mathrm{SwiGLU_{oai}}(a, b) = (\mathrm{clip}(a, -\ell, \ell) + 1)\,"
            r"\min(b, \ell)\,\sigma(\alpha \min(b, \ell))"
        ),
        latex_derivative=(
            r"\nabla f = ([|a| \leq \ell]\,\mathrm{swish}_\alpha(\min(b, \ell)),\;"
            r" (\mathrm{clip}(a, -\ell, \ell) + 1)\,\mathrm{swish}_\alpha'(b)\,[b \leq \ell])"
        ),
        parameters=(_ALPHA, _LIMIT),
        summary=(
            "The clamped SwiGLU of OpenAI's gpt-oss: the gate half is capped at 7 and goes through "
            "x sigmoid(1.702 x) (quick GELU), the linear half is clipped to [-7, 7] and shifted by +1, "
            "which bounds the activations of its mixture-of-experts layers."
        ),
        reference=_OAI_REFERENCE,
        notes=(
            "As swiglu(x, alpha=1.702, limit=7.0) in openai/gpt-oss, gpt_oss/torch/model.py: x_glu = "
            "x[..., ::2].clamp(max=limit), x_linear = x[..., 1::2].clamp(-limit, limit), "
            "x_glu * sigmoid(alpha * x_glu) * (x_linear + 1). At the clamp bounds the gradient passes "
            "(torch.clamp's backward is inclusive), as here."
        ),
        gate="swiglu_oai_gate",
        gate_symbol=r"\mathrm{swish}_{\alpha,\ell}",
        gate_of=lambda alpha, limit: _OAI_GATE.with_params(alpha=alpha, limit=limit),
        value="swiglu_oai_value",
        value_symbol=r"\mathrm{clip}_{\ell}{+}1",
        value_of=lambda alpha, limit: _OAI_VALUE.with_params(limit=limit),
    )
)
