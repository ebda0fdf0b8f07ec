"""How long ``actviz gallery`` takes: the whole command (wall and CPU of the process and
its workers, with the load average when measured), and the serial CPU time of each
kind of picture, which the other work on a shared machine inflates much less than
the wall time.

    python -m benchmarks.gallery_speed [--runs 3] [--jobs N] [--every 4]

Target (issue 16): under 15 s wall on two idle cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks._installed import installed_env


def whole_command(folder: str, jobs: int | None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (with the workers') and files written by one ``actviz gallery``."""
    argv = [sys.executable, "-m", "actviz", "gallery", folder] + (["--jobs", str(jobs)] if jobs else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(argv, env=installed_env(MPLBACKEND="Agg"), capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), int(out.split()[0])


def serial_cpu(folder: Path, every: int) -> dict[str, list[float]]:
    """CPU seconds of drawing every ``every``-th gallery picture in this process, by kind."""
    from actviz import registry
    from actviz.plotting import gallery
    from actviz.plotting.style import parse_size
    from actviz.specs import get

    by_family: dict[str, list] = {}
    for name in registry.names(pointwise=True):
        act = get(name)
        by_family.setdefault(act.family, []).append(act)
    (folder / "dark").mkdir(parents=True, exist_ok=True)
    pictures = gallery._pictures(folder, by_family)
    size = parse_size(gallery.GALLERY_SIZE, gallery.GALLERY_DPI)
    gallery._draw(pictures[0], size)  # fonts and parsers loaded, as in a worker after its first picture
    times: dict[str, list[float]] = defaultdict(list)
    for picture in pictures[::every]:
        start = time.process_time()
        gallery._draw(picture, size)
        times[picture.kind].append(time.process_time() - start)
    times["(count)"] = [float(len(pictures))]
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="whole-command runs (median)")
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: one per core)")
    parser.add_argument("--every", type=int, default=4, help="serial sample: every N-th picture")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        runs = []
        for _ in range(args.runs):
            load_before = os.getloadavg()[0]
            wall, cpu, files = whole_command(folder, args.jobs)
            runs.append((wall, cpu, load_before, os.getloadavg()[0]))
        times = serial_cpu(Path(folder) / "serial", args.every)
    wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    print(f"actviz gallery ({files} files, {args.jobs or os.cpu_count()} workers on {os.cpu_count()} cores), "
          f"{args.runs} runs:")
    for w, c, before, after in runs:
        print(f"  wall {w:6.2f} s   cpu {c:6.2f} s   load average {before:.2f} before, {after:.2f} after")
    print(f"  median wall {wall:.2f} s (target < 15 s on idle cores), median cpu {cpu:.2f} s")
    count = int(times.pop("(count)")[0])
    sampled = [t for kind in times.values() for t in kind]
    print(f"serial cpu per picture (every {args.every}th of {count}):")
    for kind, values in sorted(times.items()):
        print(f"  {kind:<11}{len(values):4d} pictures   mean {statistics.mean(values) * 1e3:6.0f} ms   "
              f"max {max(values) * 1e3:6.0f} ms")
    print(f"  all {statistics.mean(sampled) * 1e3:.0f} ms per picture: ~{statistics.mean(sampled) * count:.1f} s serial "
          f"for the {count} pictures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
