"""The one check that an entry is a pointwise function R -> R, which every analysis,
picture and deep stack of a single activation needs."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ActvizError


def require_pointwise(acts: object, purpose: str) -> None:
    """Raise :class:`ActvizError` for the first entry of ``acts`` (one entry or several)
    that is not a pointwise activation, naming it, what it takes instead and ``purpose``
    (what needs a pointwise one, e.g. ``"props analyses functions R -> R only"``)."""
    for act in acts if isinstance(acts, Iterable) and not hasattr(acts, "name") else (acts,):
        if not getattr(act, "pointwise", False) or not hasattr(act, "derivative"):
            signature = getattr(act, "signature", "it takes several numbers at once")
            raise ActvizError(f"'{act.name}' is not pointwise ({signature}): {purpose}")


PICTURES_NEED_POINTWISE = "plot, compare, saturation and the gallery draw pointwise activations only"
"""The ``purpose`` of :func:`require_pointwise` for the pictures and character plots."""
