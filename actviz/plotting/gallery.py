"""The gallery: every pointwise activation with its derivative, one comparison
sheet per family, and the saturation sheet of the classic activations, written
for whatever the registry holds, with a Markdown index linking them all."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import registry
from .._processes import worker_pool
from ..analysis.saturation import saturation_sets
from ..specs import get
from ..errors import ActvizError
from .export import save_figure, write_atomically
from .figures import DEFAULT_RANGE, compare_figure, plot_figure
from .saturation import saturation_figure
from .style import FigureSize, parse_size

# The activations of the vanishing-gradient story, in the order they appeared.
CLASSIC = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "softplus")
GALLERY_SIZE = "1200x675"  # 16:9 at the slide size's proportions, light enough to commit
GALLERY_DPI = 90.0
SHEET_SIZE = 6  # curves per comparison sheet: more are hard to tell apart
SCALE_RATIO = 10.0  # curves whose sizes differ more than this flatten each other on one axis


def classic_names() -> list[str]:
    """The classic activations the registry holds, in :data:`CLASSIC` order."""
    available = set(registry.names(pointwise=True))
    return [name for name in CLASSIC if name in available]


def scale_groups(acts: list) -> list[list]:
    """Split a family into groups whose sizes, max |f| over the default range,
    lie within :data:`SCALE_RATIO` of the group's smallest (e^x reaches 148 on
    [-5, 5] and would flatten every other exponential-family curve); groups go
    from small to large, each in name order."""
    x = np.linspace(*DEFAULT_RANGE, 201)
    sized = sorted(((float(np.max(np.abs(act(x)))), act) for act in acts), key=lambda pair: pair[0])
    groups: list[tuple[float, list]] = []
    for size, act in sized:
        if groups and size <= SCALE_RATIO * groups[-1][0]:
            groups[-1][1].append(act)
        else:
            groups.append((max(size, np.finfo(float).tiny), [act]))
    return [sorted(members, key=lambda act: act.name) for _, members in groups]


def family_sheets(acts: list) -> list[list]:
    """Split a family into as few sheets as hold at most :data:`SHEET_SIZE`
    curves each, of nearly equal size (11 -> 6 + 5)."""
    count = -(-len(acts) // SHEET_SIZE)
    bounds = [round(i * len(acts) / count) for i in range(count + 1)]
    return [acts[a:b] for a, b in zip(bounds, bounds[1:])]


@dataclass(frozen=True)
class _Picture:
    """One gallery image to draw: what (``kind``: plot, family or saturation), of which
    activations (registry names, default parameters), where, in which theme."""

    kind: str
    names: tuple[str, ...]
    path: Path
    theme: str = "light"
    title: str | None = None


def _draw(picture: _Picture, size: FigureSize) -> Path:
    """Draw and save one picture (in a worker process, or in this one)."""
    acts = [get(name) for name in picture.names]
    if picture.kind == "plot":
        fig = plot_figure(acts, derivative=True, size=size, theme=picture.theme)
    elif picture.kind == "family":
        fig = compare_figure(acts, size=size, theme=picture.theme, title=picture.title)
    else:
        fig = saturation_figure(acts, [saturation_sets(act) for act in acts], size=size, theme=picture.theme,
                                title=picture.title)
    return save_figure(fig, picture.path)


def _pictures(folder: Path, by_family: dict[str, list]) -> list[_Picture]:
    """Every picture of the gallery, in the order of :func:`build_gallery`'s docstring."""
    pictures = [_Picture("plot", (name,), folder / f"{name}.png") for name in registry.names(pointwise=True)]
    for theme, where in (("light", folder), ("dark", folder / "dark")):
        for family, acts in sorted(by_family.items()):
            sheets = [sheet for group in scale_groups(acts) for sheet in family_sheets(group)]
            for number, sheet in enumerate(sheets, start=1):
                part = f"-{number}" if len(sheets) > 1 else ""
                title = f"{family} family" + (f" ({number}/{len(sheets)})" if part else "")
                pictures.append(_Picture("family", tuple(a.name for a in sheet), where / f"family-{family}{part}.png",
                                         theme, title))
        classic = tuple(classic_names())
        if classic:
            pictures.append(_Picture("saturation", classic, where / "saturation.png", theme,
                                     "saturation of the classic activations"))
    return pictures


def build_gallery(folder: str | os.PathLike, *, size: FigureSize | None = None, jobs: int = 1,
                  progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write ``<name>.png`` (f and f') for every pointwise activation,
    ``family-<family>.png`` (compare sheet; ``-1``, ``-2``... for families of more
    than :data:`SHEET_SIZE`) for every family,
    ``saturation.png`` for the classic set, the family sheets and the
    saturation sheet again in the dark theme under ``dark/``, and ``README.md``
    indexing them. Returns the paths written.

    ``jobs`` > 1 draws the pictures in that many worker processes (each picture is
    independent; matplotlib holds the GIL while it renders, so threads would not
    help); ``progress(done, total)`` is called as pictures are finished.
    """
    folder = Path(folder)
    size = size or parse_size(GALLERY_SIZE, GALLERY_DPI)
    try:
        (folder / "dark").mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file of that name, a read-only place, /proc...
        raise ActvizError(f"cannot write the gallery into {folder}: "
                          f"{(error.strerror or str(error)).lower()}: expected a folder (made if missing)") from None
    by_family: dict[str, list] = {}
    for name in registry.names(pointwise=True):
        act = get(name)
        by_family.setdefault(act.family, []).append(act)
    pictures = _pictures(folder, by_family)
    if jobs <= 1:
        written = []
        for picture in pictures:
            written.append(_draw(picture, size))
            if progress:
                progress(len(written), len(pictures))
    else:
        written = _draw_in_processes(pictures, size, jobs, progress)
    index = _index(folder, written, by_family)
    written.append(write_atomically(folder / "README.md", lambda stream: stream.write(index.encode())))
    return written


def _work(picture: _Picture) -> float:
    """How long ``picture`` takes to draw, relative to one activation's sheet (measured:
    a saturation sheet ~2.3x, a family sheet 0.8x plus 0.05x per curve)."""
    if picture.kind == "saturation":
        return 2.3
    return 0.8 + 0.05 * len(picture.names) if picture.kind == "family" else 1.0


def _draw_in_processes(pictures: list[_Picture], size: FigureSize, jobs: int,
                       progress: Callable[[int, int], None] | None) -> list[Path]:
    """:func:`_draw` every picture in ``jobs`` processes; the paths in ``pictures``' order.
    Forked where the platform can (the workers inherit the imported matplotlib); the
    longest pictures go first, so that the workers finish together on short ones."""
    longest_first = sorted(pictures, key=_work, reverse=True)
    written = {}
    with worker_pool(jobs) as pool:
        for done, (picture, path) in enumerate(pool.imap_unordered(_draw_one, [(p, size) for p in longest_first]),
                                               start=1):
            written[picture] = path
            if progress:
                progress(done, len(pictures))
    return [written[picture] for picture in pictures]


def _draw_one(job: tuple[_Picture, FigureSize]) -> tuple[_Picture, Path]:
    picture, size = job
    return picture, _draw(picture, size)


def _index(folder: Path, written: list[Path], by_family: dict[str, list]) -> str:
    """The gallery's README: the saturation sheet and the family sheets first,
    then every activation by family."""
    def link(path: Path) -> str:
        return path.relative_to(folder).as_posix()

    sheets = sorted((p for p in written if p.parent == folder and p.stem.startswith("family-")), key=link)
    dark = [p for p in written if p.parent != folder]
    lines = ["# actviz gallery", "", "Regenerated by `actviz gallery`: every activation with its derivative,",
             "the comparison sheets of each family and the saturation of the classic activations.", ""]
    if (folder / "saturation.png") in written:
        lines += ["![saturation](saturation.png)", ""]
    lines += ["## Families", ""] + [f"![{p.stem}]({link(p)})" for p in sheets] + [""]
    lines += ["Dark theme: " + ", ".join(f"[{link(p)}]({link(p)})" for p in dark), ""]
    for family, acts in sorted(by_family.items()):
        lines += [f"## {family}", ""] + [f"![{act.name}]({act.name}.png)" for act in acts] + [""]
    return "\n".join(lines)
