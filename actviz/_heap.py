"""Keep glibc's malloc from handing the block temporaries of large evaluations back to the
kernel after every block.

A large array is evaluated in blocks of 32768 values (``entry._BLOCK``), each kernel making
a few 256 KiB temporaries per block. glibc serves them from the heap once its dynamic
mmap threshold has risen to their size, but then trims the heap whenever more than twice
that (512 KiB) lies free at its top, which is the case after every block of a kernel with
a few temporaries: the next block faults the same pages in again (page faults and zeroing,
counted as the process's system time). Measured in a plain script, gelu_tanh' on 10^7
float64 values: 342 ms CPU, 129 ms after the two settings below (the same 129-137 ms as
with ``MALLOC_MMAP_THRESHOLD_`` / ``MALLOC_TRIM_THRESHOLD_`` in the environment). In
benchmarks.throughput the effect is smaller and varies, because torch's own allocations
there happen to pin the heap's top.

The settings, made once through ``mallopt`` (ctypes: NumPy has no allocator hook in Python)
the first time a large array is evaluated: requests up to 1 MiB come from the heap (above
it, mmap as before: the result arrays of 10^7 values are unchanged), and up to 16 MiB of
free heap is kept. They are process-wide, the price being at most 16 MiB of freed memory
kept for reuse; nothing is done where the C library has no ``mallopt`` (macOS, Windows,
musl).
"""

from __future__ import annotations

import ctypes
import functools

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
_MMAP_FROM = 1 << 20
_KEEP_FREE = 16 << 20


@functools.cache
def keep_block_temporaries() -> bool:
    """Apply the two mallopt settings once; True where they took effect."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)) and bool(mallopt(_M_TRIM_THRESHOLD, _KEEP_FREE))
