"""Writing pictures to disk, atomically (the only place that does), and showing them.

Where a picture goes depends on what the target is:

- ``-`` is standard output (written in place);
- a character device (``/dev/null``, a terminal) or a named pipe is written in
  place, never renamed over (as root, renaming a file over ``/dev/null`` would
  replace the device);
- a symbolic link is followed: its target is written, the link stays;
- a regular file, or a name that does not exist yet, is written to a temporary
  file in the same folder and renamed over the target once complete, so a
  failed or interrupted run leaves no partial file and never replaces a good
  one, and concurrent runs writing the same name leave one complete file;
- anything else (a folder, a socket, a block device) is refused.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import secrets
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import ActvizError
from .portable import FONT_RC, distinct_gids, portable_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
STDOUT = "-"
"""The file name that means standard output."""


def output_format(path: Path, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given, else the suffix of ``path`` (png for
    standard output). A suffix that names another format than ``fmt`` is refused
    (``-o z.png`` with ``fmt='pdf'`` would write a PDF named .png)."""
    suffix = path.suffix.lstrip(".").lower() if str(path) != STDOUT else ""
    chosen = (fmt or suffix or ("png" if str(path) == STDOUT else "")).lower()
    if chosen not in FORMATS:
        given = f"format '{fmt}'" if fmt else f"file suffix '{path.suffix or '(none)'}' of {path}"
        raise ActvizError(f"unsupported {given}: expected one of {', '.join(FORMATS)} (or {{fmt}})", arguments=("fmt",))
    if fmt and suffix in FORMATS and suffix != chosen:
        raise ActvizError(f"{path} names a .{suffix} file but {{fmt}} is {fmt}: give one of them, or make them agree",
                          arguments=("fmt",))
    return chosen


@dataclass(frozen=True)
class Target:
    """Where bytes for ``path`` really go: ``kind`` is 'stdout', 'in place' (a
    character device or a pipe) or 'replace' (a regular file, written atomically);
    ``real`` is the file written (a symlink's target); ``exists`` says whether a
    regular file is there already (and would be replaced)."""

    path: Path
    real: Path
    kind: str
    exists: bool


def resolve_target(path: str | os.PathLike) -> Target:
    """Classify ``path`` (see the module docstring); raise :class:`ActvizError`
    for a target that cannot be written: a folder, a socket, a block device, a
    missing folder."""
    target = Path(path)
    if str(target) == STDOUT:
        return Target(target, target, "stdout", False)
    real = Path(os.path.realpath(target))  # a symlink (or a chain of them) writes its target
    try:
        mode = os.stat(real).st_mode
    except (FileNotFoundError, NotADirectoryError):  # the folder is checked below
        mode = None
    except OSError as error:
        raise ActvizError(f"cannot write {target}: {(error.strerror or str(error)).lower()}") from None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        return Target(target, real, "in place", False)
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a socket" if stat.S_ISSOCK(mode) else "a block device" \
            if stat.S_ISBLK(mode) else "not a regular file"
        raise ActvizError(f"cannot write {target}: it is {kind}; expected a file name, a pipe, a character device or -")
    folder = real.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        shown = target.parent if str(target.parent) else Path(".")
        raise ActvizError(f"cannot write {target}: '{shown if real == target.absolute() else folder}' {problem}")
    return Target(target, real, "replace", mode is not None)


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(stream)`` for ``path`` as :func:`resolve_target` says: in
    place for standard output, a pipe or a character device; otherwise on a
    temporary file next to the (real) target, renamed over it only once
    complete. A failure or an interruption (KeyboardInterrupt, or SIGTERM made
    into one by the command line) removes the temporary file and leaves the
    old file as it was. Raises :class:`ActvizError` when the target cannot be
    written. Returns ``path``."""
    target = resolve_target(path)
    if target.kind == "stdout":
        stream = sys.stdout.buffer
        write(stream)
        stream.flush()
        return target.path
    if target.kind == "in place":
        try:
            with open(target.real, "wb") as stream:
                write(stream)
        except OSError as error:
            raise ActvizError(f"cannot write {target.path}: {(error.strerror or str(error)).lower()}") from None
        return target.path
    temporary = None
    try:
        # tempfile.mkstemp's exclusive creation, but with the name bound here *before* the
        # file exists: mkstemp hands the name back only after creating the file, so a signal
        # in between left a .part behind (seen in the signal test under load).
        while temporary is None:
            temporary = str(target.real.parent / f".{target.real.name}.{secrets.token_hex(8)}.part")
            try:
                handle = os.open(temporary, _EXCLUSIVE, 0o600)
            except FileExistsError:  # another writer's file by that name: never ours to remove
                temporary = None
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target.real)
        temporary = None
    except OSError as error:
        raise ActvizError(f"cannot write {target.path}: {error.strerror.lower() if error.strerror else error}") from None
    finally:
        if temporary is not None and os.path.lexists(temporary):
            os.unlink(temporary)
    return target.path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_figure(fig: Figure, path: str | os.PathLike, *, fmt: str | None = None, transparent: bool = False) -> Path:
    """Write ``fig`` to ``path`` in the format of its suffix (or ``fmt``), as
    :func:`write_atomically` does (see :func:`_draw` for the rendering). The picture is
    rendered in memory first, so the temporary file exists only while bytes are written:
    a Ctrl-C during the layout and drawing (most of the time) leaves no file at all."""
    target = Path(path)
    resolve_target(target)  # an unwritable target fails before the rendering
    data = figure_bytes(fig, output_format(target, fmt), transparent=transparent)
    return write_atomically(target, lambda stream: stream.write(data))


def _draw(fig: Figure, stream: BinaryIO, fmt: str, transparent: bool = False) -> None:
    """Render ``fig`` into ``stream``: text as text in SVG in fonts every browser has
    (math rewritten by :func:`~actviz.plotting.portable.portable_text`), with distinct
    ids; TrueType fonts in PDF; the figure's own background unless ``transparent``.
    The PDF's dates are left out (matplotlib warns about a low 'created' timestamp
    where SOURCE_DATE_EPOCH is small, and a fixed date makes the file reproducible
    anyway); a figure whose panels do not fit its size is an :class:`ActvizError`,
    not a warning."""
    import matplotlib as mpl

    portable_text(fig)
    metadata = {"CreationDate": None, "ModDate": None} if fmt == "pdf" else None
    with mpl.rc_context({**FONT_RC, "pdf.fonttype": 42}), distinct_gids(fig), warnings.catch_warnings(), \
            _quiet_font_tools():
        warnings.filterwarnings("error", message="constrained_layout not applied")
        background = {} if transparent else {"facecolor": fig.get_facecolor()}
        try:
            with _laid_out(fig, fmt):
                fig.savefig(stream, format=fmt, transparent=transparent, metadata=metadata, **background)
        except UserWarning:
            width, height = (round(v) for v in fig.get_size_inches() * fig.dpi)
            raise ActvizError(f"cannot draw this figure in {width}x{height} pixels: its panels do not fit; "
                              "give it a larger {size}", arguments=("size",)) from None


@contextlib.contextmanager
def _laid_out(fig: Figure, fmt: str) -> Iterator[None]:
    """For a PNG, lay ``fig`` out once on the Agg canvas that will draw it and keep the
    layout engine off while it is saved. ``savefig`` would otherwise draw the whole
    figure twice (once with drawing disabled, only to run the layout, then for real):
    laying out directly skips the first pass, the same positions at ~2/3 of the work."""
    engine = fig.get_layout_engine()
    if fmt != "png" or engine is None or not fig.axes:
        yield
        return
    from .canvas import KeptRendererCanvas
    from .placement import labels_moved, pin_labels, pin_titles, shows_offset, unpin_labels, unpin_titles
    from .title_fit import titles_refitted

    canvas = KeptRendererCanvas(fig)  # the canvas savefig("png") draws on, with the text caches of earlier pictures
    renderer = canvas.get_renderer()
    titles, labels = pin_titles(fig, renderer), pin_labels(fig, renderer)
    engine.execute(fig)
    # a title broken or set smaller to fit its panel (.title_fit), an offset text the laid-out axes'
    # ticks brought under a title, or a label they moved: matplotlib places them
    if titles_refitted(fig) or any(shows_offset(ax) for ax, _ in titles) or labels_moved(labels, renderer):
        unpin_titles(titles)
        unpin_labels(labels)
        engine.execute(fig)
    fig.set_layout_engine(None)  # not "none": savefig runs its layout pass for any engine, even a placeholder
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


@contextlib.contextmanager
def _quiet_font_tools() -> Iterator[None]:
    """fontTools, subsetting a font into a PDF, logs "'created' timestamp seems very low" on
    stderr for fonts whose header dates are odd (a successful run must print nothing else):
    its warnings are about the font file, not the picture, so only its errors are shown."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def figure_bytes(fig: Figure, fmt: str = "png", *, transparent: bool = False) -> bytes:
    """``fig`` in ``fmt`` (png, svg or pdf) as bytes: what :func:`save_figure` writes,
    and a notebook's display."""
    import io

    stream = io.BytesIO()
    _draw(fig, stream, output_format(Path(f"figure.{fmt}"), fmt), transparent)
    return stream.getvalue()


_NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def display_problem() -> str | None:
    """Why a window cannot open here (matplotlib's backend draws only to files),
    or None. Checked before any work, so ``--show`` without a display fails at once."""
    import matplotlib as mpl

    backend = mpl.get_backend().lower()
    if backend in _NON_INTERACTIVE or backend.endswith("inline"):
        return f"matplotlib uses the '{mpl.get_backend()}' backend here"
    return None


def show_figure(fig: Figure) -> None:
    """Open ``fig`` in a window and wait until it is closed (pyplot, only here).

    Raises :class:`ActvizError` where matplotlib found no display to use."""
    problem = display_problem()
    if problem:
        raise ActvizError(f"{{show}} needs a display, but {problem}: "
                          "write a file with {path} or draw in the terminal with {terminal}",
                          arguments=("show", "path", "terminal"))
    from matplotlib import pyplot

    pyplot.figure(fig)
    pyplot.show()
