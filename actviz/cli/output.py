"""Options shared by every command that draws a picture, and the code that
turns a figure into a file (or a window) according to them."""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ActvizError

OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (.png, .svg, .pdf; - for standard output). "
                                                "Default: <name>.png here. An existing file is replaced (and the command says so).")]
FormatOpt = Annotated[str | None, typer.Option("--format", help="png, svg or pdf, when the file name has no suffix.")]
SizeOpt = Annotated[str, typer.Option("--size", help="slide (16:9), paper, square or WIDTHxHEIGHT in pixels.")]
DpiOpt = Annotated[float | None, typer.Option("--dpi", help="Dots per inch (default 150, or 100 with WIDTHxHEIGHT).")]
ThemeOpt = Annotated[str, typer.Option("--theme", help="light or dark.")]
TransparentOpt = Annotated[bool, typer.Option("--transparent", help="Transparent background.")]
TitleOpt = Annotated[str | None, typer.Option("--title", help="Replace the figure title.")]
ShowOpt = Annotated[bool, typer.Option("--show", help="Open the figure in a window (needs a display, checked first); writes a file only with -o.")]
TerminalOpt = Annotated[bool, typer.Option("--terminal", help="Draw the plot in the terminal with characters; writes a file only with -o.")]


@dataclass(frozen=True)
class Output:
    """Where and how a command's figure goes."""

    path: Path | None = None
    fmt: str | None = None
    size: str = "slide"
    dpi: float | None = None
    theme: str = "light"
    transparent: bool = False
    title: str | None = None
    show: bool = False
    terminal: bool = False

    @property
    def wants_file(self) -> bool:
        """A file is written when asked for with ``-o``, or when nothing else is shown."""
        return self.path is not None or not (self.show or self.terminal)

    @property
    def wants_figure(self) -> bool:
        """A matplotlib figure is needed: for a file or for a window."""
        return self.wants_file or self.show

    @property
    def to_stdout(self) -> bool:
        """The picture goes to standard output (``-o -``): text goes to stderr then."""
        return self.path is not None and str(self.path) == "-"

    def figure_size(self):  # noqa: ANN201  (a plotting.style.FigureSize)
        from ..plotting.style import parse_size

        return parse_size(self.size, self.dpi)

    def target(self, default_stem: str) -> Path:
        """The file to write: ``path``, or ``<stem>.<fmt or png>`` here, the stem
        being :func:`file_stem` of ``default_stem``."""
        if self.path is not None:
            return self.path
        return Path(f"{file_stem(default_stem)}.{(self.fmt or 'png').lower()}")

    def check(self, data_formats: tuple[str, ...] = ()) -> None:
        """Everything about the output that can be wrong, checked before any work:
        the format (and that it agrees with -o's suffix), size and dpi, theme,
        title, a display for ``--show``, and that ``-o`` can be written.
        ``data_formats`` are the extra ``--format`` values the command prints instead
        of drawing (they are checked by the command)."""
        from ..plotting.export import display_problem, output_format, resolve_target
        from ..plotting.style import theme_rc

        data = self.fmt is not None and self.fmt.lower() in data_formats
        if not data and self.path is not None:
            output_format(self.path, self.fmt)
        elif not data and self.fmt is not None and self.fmt.lower() not in FORMATS:
            output_format(Path(f"picture.{self.fmt}"), self.fmt)
        self.figure_size()
        theme_rc(self.theme)
        if self.title is not None:
            plain_title(self.title)
        if self.show and not data:  # printing numbers opens no window (the command refuses --show)
            problem = display_problem()
            if problem:
                raise ActvizError(f"--show needs a display, but {problem}: write a file with -o "
                                  "or draw in the terminal with --terminal")
        if self.to_stdout and self.terminal:
            raise ActvizError("-o - writes the picture to standard output, where --terminal draws: give one of them")
        if self.path is not None:
            resolve_target(self.path)


FORMATS = ("png", "svg", "pdf")
MAX_STEM = 80
"""Default file names are at most this long (file systems allow 255 bytes; a long
formula would exceed it) before the suffix."""


def file_stem(text: str) -> str:
    """A safe file name from ``text``: runs of characters other than letters, digits, ``+``,
    ``_`` and ``.`` become ``-``; a result longer than :data:`MAX_STEM` is cut and
    ends with 8 hex digits of its hash, so different long formulas get different names."""
    import hashlib
    import re

    stem = re.sub(r"[^A-Za-z0-9_.+]+", "-", text).strip("-.") or "picture"
    if len(stem) <= MAX_STEM:
        return stem
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    return stem[: MAX_STEM - 9].rstrip("-.") + "-" + digest


def plain_title(title: str) -> str:
    """``title`` as matplotlib should get it: as given when it is valid mathtext
    (``$\\alpha$ = 0.1``), else with every ``$`` escaped so it is shown as typed
    (``$$``, ``cost in $``, ``$\\undefined$`` would otherwise fail at save time)."""
    if "$" not in title:
        return title
    from matplotlib.mathtext import MathTextParser

    try:
        MathTextParser("path").parse(title)
    except (ValueError, RecursionError):
        return title.replace("$", r"\$")
    return title


_ANNOTATIONS = {
    "path": OutputOpt, "fmt": FormatOpt, "size": SizeOpt, "dpi": DpiOpt, "theme": ThemeOpt,
    "transparent": TransparentOpt, "title": TitleOpt, "show": ShowOpt, "terminal": TerminalOpt,
}
_OUTPUT_OPTIONS = {  # parameter name -> (annotation, default), the defaults being Output's own
    field.name: (_ANNOTATIONS[field.name], field.default) for field in dataclasses.fields(Output)
}


def with_output_options(command: Callable | None = None, /, **annotations: object) -> Callable:
    """Give a Typer command every shared output option (-o, --format, --size,
    --dpi, --theme, --transparent, --title, --show, --terminal); the command
    declares a keyword parameter ``output: Output`` and receives them in it.
    ``@with_output_options(fmt=OwnFormatOpt)`` replaces an option's annotation
    (its help, say) for a command that gives the option a wider meaning, and
    ``data_formats`` names the ``--format`` values it prints instead of drawing
    (default json and csv, which every picture command prints). Every option is checked (:meth:`Output.check`) before
    the command runs."""
    if command is None:
        return functools.partial(with_output_options, **annotations)
    unknown = set(annotations) - set(_OUTPUT_OPTIONS) - {"data_formats"}
    if unknown:
        raise TypeError(f"no shared output option named {', '.join(sorted(unknown))}")
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "output"]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotations.get(name, annotation),
                               default=default)
             for name, (annotation, default) in _OUTPUT_OPTIONS.items()]

    # every picture command can print its numbers instead (json, csv): see actviz.cli.data
    data_formats = tuple(annotations.pop("data_formats", ("json", "csv")))

    @functools.wraps(command)
    def with_output(*args, **kwargs):  # noqa: ANN002,ANN003,ANN202
        output = Output(**{name: kwargs.pop(name) for name in _OUTPUT_OPTIONS})
        output.check(data_formats)
        return command(*args, output=output, **kwargs)

    parameters = own + added
    with_output.__signature__ = signature.replace(parameters=parameters)
    with_output.__annotations__ = {p.name: p.annotation for p in parameters}
    del with_output.__wrapped__  # Typer must read the new signature, not the command's
    return with_output


def write(fig, output: Output, default_stem: str) -> Path | None:  # noqa: ANN001  (a matplotlib Figure)
    """Save ``fig`` as ``output`` says and print where it went (``overwrote FILE``
    on stderr too when a file was there already: ``-o`` and the command's default
    name both replace a file, and say so); open it in a window with ``--show``.
    Returns the file written, if any."""
    from ..plotting.export import resolve_target, save_figure, show_figure

    if output.title is not None:
        fig.suptitle(plain_title(output.title), fontweight="bold")
    path = None
    if output.wants_file:
        target = output.target(default_stem)
        replaced = resolve_target(target).exists
        path = save_figure(fig, target, fmt=output.fmt, transparent=output.transparent)
        if not output.to_stdout:
            typer.echo(str(path))
            if replaced:
                typer.echo(f"overwrote {path}", err=True)
    if output.show:
        show_figure(fig)
    return path
