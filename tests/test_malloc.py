"""actviz._malloc: with freed memory kept, a loop that allocates and frees the same arrays
(what a training step does) stops page-faulting. Each case runs in a new interpreter: the
setting lasts for the process, and glibc's own thresholds move with what it did before."""

from __future__ import annotations

import subprocess
import sys

import pytest

from actviz._malloc import retain_freed_memory

LOOP = """
import resource, numpy as np
{setup}
x = np.random.default_rng(0).standard_normal(40960)  # 320 KiB, a training batch's layer
def step():
    a = np.maximum(x, 0.0); b = np.abs(x); c = x > 0  # a kernel's outputs and temporaries
    return a + b + c
for _ in range(20): step()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(50): step()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(setup: str) -> int:
    code = LOOP.format(setup=setup)
    return int(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)


@pytest.mark.skipif(not retain_freed_memory(), reason="no glibc mallopt here")
def test_kept_memory_stops_the_page_faults_of_a_repeated_step():
    plain = _faults("")
    kept = _faults("from actviz._malloc import retain_freed_memory; assert retain_freed_memory()")
    assert plain > 50 * 50  # the pattern faults without the setting: ~80 pages of 4 KiB per array
    assert kept < 50  # and not with it (a handful of pages, whatever the interpreter does)
