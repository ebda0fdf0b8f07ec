"""The one entry model: pointwise and vector entries share their description,
parameter binding and dtype policy (actviz.entry.Entry)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import actviz
from actviz.catalog.vector import VectorActivation
from actviz.entry import Activation, Entry


def test_both_kinds_are_entries_and_share_every_method_of_the_base():
    assert issubclass(Activation, Entry) and issubclass(VectorActivation, Entry)
    for method in ("with_params", "defaults", "params", "spec", "_input", "_as_float64"):
        assert method not in vars(VectorActivation) and method not in vars(Activation)


def test_vector_results_round_overflow_safely_like_pointwise_ones():
    # bilinear(a, b) = a b: 300 * 300 = 90000 is beyond float16's 65504, so the honest
    # float16 answer is inf, reached without numpy's cast RuntimeWarning (it warned before).
    bilinear = actviz.get("bilinear")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = bilinear(np.float16(300), np.float16(300))
    assert value.dtype == np.float16 and np.isposinf(value)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_vector_entries_keep_the_input_dtype(dtype):
    p = actviz.get("softmax")(np.array([1.0, 2.0, 3.0], dtype=dtype))
    assert p.dtype == dtype
    assert actviz.get("maxout:k=2")(np.array([1.0, 2.0], dtype=dtype)).dtype == dtype


def test_entries_are_keyword_only():
    with pytest.raises(TypeError):
        Activation("relu", "rectifier")  # positional fields would silently shift meaning
