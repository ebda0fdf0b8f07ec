"""The one function that writes pictures to disk, atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from matplotlib.figure import Figure

from ..errors import ActvizError

FORMATS = ("png", "svg", "pdf")


def output_format(path: Path, fmt: str | None) -> str:
    """The format to write: ``fmt`` if given, else the suffix of ``path``."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        given = f"format '{fmt}'" if fmt else f"file suffix '{path.suffix or '(none)'}' of {path}"
        raise ActvizError(f"unsupported {given}: expected one of {', '.join(FORMATS)} (or --format)")
    return chosen


def save_figure(fig: Figure, path: str | os.PathLike, *, fmt: str | None = None, transparent: bool = False) -> Path:
    """Write ``fig`` to ``path`` in the format of its suffix (or ``fmt``).

    The picture is written to a temporary file in the same folder and renamed
    over ``path`` only once complete, so a failed run never leaves a
    half-written file and never clobbers an existing good one. SVG keeps text
    as text (editable in slide software).
    """
    import matplotlib as mpl

    target = Path(path)
    chosen = output_format(target, fmt)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ActvizError(f"cannot write {target}: folder '{folder}' does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{chosen}", dir=folder)
    except OSError as error:
        raise ActvizError(f"cannot write {target}: {error.strerror.lower()}") from None
    try:
        with os.fdopen(handle, "wb") as stream, mpl.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
            fig.savefig(stream, format=chosen, transparent=transparent, facecolor=None if transparent else fig.get_facecolor())
        os.replace(temporary, target)
    except OSError as error:
        raise ActvizError(f"cannot write {target}: {error.strerror.lower() if error.strerror else error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


_NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def show_figure(fig: Figure) -> None:
    """Open ``fig`` in a window and wait until it is closed (pyplot, only here).

    Raises :class:`ActvizError` where matplotlib found no display to use."""
    import matplotlib as mpl

    if mpl.get_backend().lower() in _NON_INTERACTIVE or mpl.get_backend().lower().endswith("inline"):
        raise ActvizError(f"--show needs a display, but matplotlib uses the '{mpl.get_backend()}' backend here: "
                          "write a file with -o or draw in the terminal with --terminal")
    from matplotlib import pyplot

    pyplot.figure(fig)
    pyplot.show()
