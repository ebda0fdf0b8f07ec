"""Writing pictures to disk, atomically (the only place that does), and showing them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import ActvizError
from .style import FONT_RC, distinct_gids, portable_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")


def output_format(path: Path, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given, else the suffix of ``path``."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        given = f"format '{fmt}'" if fmt else f"file suffix '{path.suffix or '(none)'}' of {path}"
        raise ActvizError(f"unsupported {given}: expected one of {', '.join(FORMATS)} (or {{fmt}})", arguments=("fmt",))
    return chosen


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(stream)`` on a temporary file next to ``path`` and rename it
    over ``path`` only once complete: a failed run leaves no half-written file
    and never clobbers an existing good one. Raises :class:`ActvizError` when
    the folder is missing or not writable."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise ActvizError(f"cannot write {target}: '{folder}' {problem}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ActvizError(f"cannot write {target}: {error.strerror.lower()}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        raise ActvizError(f"cannot write {target}: {error.strerror.lower() if error.strerror else error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_figure(fig: Figure, path: str | os.PathLike, *, fmt: str | None = None, transparent: bool = False) -> Path:
    """Write ``fig`` to ``path`` in the format of its suffix (or ``fmt``),
    atomically (see :func:`write_atomically`). SVG keeps text as text (editable
    in slide software) in fonts every browser has, with distinct ids; PDF embeds
    TrueType fonts."""
    target = Path(path)
    chosen = output_format(target, fmt)
    return write_atomically(target, lambda stream: _draw(fig, stream, chosen, transparent))


def _draw(fig: Figure, stream: BinaryIO, fmt: str, transparent: bool = False) -> None:
    """Render ``fig`` into ``stream``: text as text in SVG in fonts every browser has
    (math rewritten by :func:`~actviz.plotting.style.portable_text`), with distinct
    ids; TrueType fonts in PDF; the figure's own background unless ``transparent``."""
    import matplotlib as mpl

    portable_text(fig)
    with mpl.rc_context({**FONT_RC, "pdf.fonttype": 42}), distinct_gids(fig):
        background = {} if transparent else {"facecolor": fig.get_facecolor()}
        fig.savefig(stream, format=fmt, transparent=transparent, **background)


def figure_bytes(fig: Figure, fmt: str = "png") -> bytes:
    """``fig`` in ``fmt`` (png, svg or pdf) as bytes, for a notebook's display (the
    same rendering as :func:`save_figure`)."""
    import io

    stream = io.BytesIO()
    _draw(fig, stream, output_format(Path(f"figure.{fmt}"), fmt))
    return stream.getvalue()


_NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def show_figure(fig: Figure) -> None:
    """Open ``fig`` in a window and wait until it is closed (pyplot, only here).

    Raises :class:`ActvizError` where matplotlib found no display to use."""
    import matplotlib as mpl

    if mpl.get_backend().lower() in _NON_INTERACTIVE or mpl.get_backend().lower().endswith("inline"):
        raise ActvizError(f"{{show}} needs a display, but matplotlib uses the '{mpl.get_backend()}' backend here: "
                          "write a file with {path} or draw in the terminal with {terminal}",
                          arguments=("show", "path", "terminal"))
    from matplotlib import pyplot

    pyplot.figure(fig)
    pyplot.show()
