"""Catalogue kernels by entry name, for entries that are another entry scaled or renamed.

Looked up when first evaluated, not at import, so a module using them does not
depend on the order in which the catalogue modules register their entries."""

from __future__ import annotations

from ..entry import Kernel
from ..registry import lookup


def kernel(name: str, order: int) -> Kernel:
    """The kernel of f (order 0), f' (order 1) or f'' (order 2) of the entry ``name``."""
    entry = lookup(name)
    return (entry.f, entry.df, entry.d2f)[order]
