"""How long ``actviz gallery`` takes: the whole command (wall and CPU of the process and
its workers, with the load average when measured), and the serial CPU time of each
kind of picture, which the other work on a shared machine inflates much less than
the wall time.

    python -m benchmarks.gallery_speed [--runs 3] [--jobs N] [--every 4] [--against CHECKOUT]

``--against`` runs the same command from another checkout (e.g. ``git worktree add
/tmp/base main``) alternately with this one, so that both see the same load.

Target (issue 16): under 15 s wall on two idle cores, i.e. about 27 s of CPU.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks._installed import ROOT, installed_env


def whole_command(folder: str, jobs: int | None, root: Path = ROOT) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the process and its workers, from
    ``os.times``) and files written by one ``actviz gallery`` run from checkout ``root``."""
    argv = [sys.executable, "-m", "actviz", "gallery", folder] + (["--jobs", str(jobs)] if jobs else [])
    env = installed_env(root, MPLBACKEND="Agg")
    before = os.times()
    start = time.perf_counter()
    # run in the checkout: ``python -m`` puts the working folder before PYTHONPATH on sys.path
    out = subprocess.run(argv, env=env, cwd=root, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, int(out.split()[0])


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


def _summary(label: str, runs: list[tuple[float, float, int, float, float]]) -> None:
    """The runs of one checkout and their medians: wall, CPU, files, CPU per file."""
    print(f"{label}:")
    for wall, cpu, files, before, after in runs:
        print(f"  wall {wall:6.2f} s   cpu {cpu:6.2f} s   {files} files   load average {before:.2f} before, "
              f"{after:.2f} after")
    wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    files = runs[0][2]
    print(f"  median wall {wall:.2f} s (target < 15 s on idle cores), median cpu {cpu:.2f} s "
          f"(target ~27 s), {cpu / files * 1e3:.0f} ms cpu per file")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="whole-command runs (median)")
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: one per core)")
    parser.add_argument("--every", type=int, default=4, help="serial sample: every N-th picture (0: none)")
    parser.add_argument("--against", type=Path, default=None, help="another checkout, run alternately")
    args = parser.parse_args()
    roots = {"this checkout": ROOT, **({f"against {args.against}": args.against} if args.against else {})}
    runs: dict[str, list] = {label: [] for label in roots}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            for label, root in roots.items():
                load_before = os.getloadavg()[0]
                wall, cpu, files = whole_command(folder, args.jobs, root)
                runs[label].append((wall, cpu, files, load_before, os.getloadavg()[0]))
        times = serial_cpu(Path(folder) / "serial", args.every) if args.every else {}
    print(f"actviz gallery ({args.jobs or os.cpu_count()} workers on {os.cpu_count()} cores), {args.runs} runs:")
    for label, checkout_runs in runs.items():
        _summary(label, checkout_runs)
    if not times:
        return 0
    count = int(times.pop("(count)")[0])
    sampled = [t for kind in times.values() for t in kind]
    print(f"serial cpu per picture, this checkout (every {args.every}th of {count}):")
    for kind, values in sorted(times.items()):
        print(f"  {kind:<11}{len(values):4d} pictures   mean {statistics.mean(values) * 1e3:6.0f} ms   "
              f"max {max(values) * 1e3:6.0f} ms")
    print(f"  all {statistics.mean(sampled) * 1e3:.0f} ms per picture: ~{statistics.mean(sampled) * count:.1f} s serial "
          f"for the {count} pictures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
