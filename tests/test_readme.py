"""The README's claims about the catalogue are generated from it, or checked against it."""

from __future__ import annotations

import re
from pathlib import Path

import actviz

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_counts_the_pointwise_activations_of_the_catalogue():
    text = " ".join(README.read_text(encoding="utf-8").split())
    (claimed,) = re.findall(r"A NumPy catalogue of (\d+) pointwise activations", text)
    count = len(actviz.names(pointwise=True))
    assert int(claimed) == count, f"README.md says {claimed} pointwise activations, the catalogue has {count}: update it"


def test_readme_coverage_claim_is_the_one_tests_catalog_test_coverage_checks():
    # the frameworks the README names are exactly the lists tests/catalog/test_coverage.py holds
    from tests.catalog.test_coverage import LISTS

    text = " ".join(README.read_text(encoding="utf-8").split())
    claim = re.search(r"every activation name of (.*?) resolves", text).group(1)
    for framework, mark in {"torch": "torch.nn", "jax": "jax.nn", "keras": "keras.activations",
                            "transformers": "ACT2FN", "timm": "timm"}.items():
        assert framework in LISTS and mark in claim
