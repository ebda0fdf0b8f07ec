"""Options shared by every command that draws a picture, and the code that
turns a figure into a file (or a window) according to them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (.png, .svg, .pdf). Default: <name>.png here.")]
FormatOpt = Annotated[str | None, typer.Option("--format", help="png, svg or pdf, when the file name has no suffix.")]
SizeOpt = Annotated[str, typer.Option("--size", help="slide (16:9), paper, square or WIDTHxHEIGHT in pixels.")]
DpiOpt = Annotated[float | None, typer.Option("--dpi", help="Dots per inch (default 150, or 100 with WIDTHxHEIGHT).")]
ThemeOpt = Annotated[str, typer.Option("--theme", help="light or dark.")]
TransparentOpt = Annotated[bool, typer.Option("--transparent", help="Transparent background.")]
TitleOpt = Annotated[str | None, typer.Option("--title", help="Replace the figure title.")]


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

    def figure_size(self):  # noqa: ANN201  (a plotting.style.FigureSize)
        from ..plotting.style import parse_size

        return parse_size(self.size, self.dpi)

    def target(self, default_stem: str) -> Path:
        """The file to write: ``path``, or ``<default_stem>.<fmt or png>`` here."""
        if self.path is not None:
            return self.path
        return Path(f"{default_stem}.{(self.fmt or 'png').lower()}")


def write(fig, output: Output, default_stem: str) -> Path:  # noqa: ANN001  (a matplotlib Figure)
    """Save ``fig`` as ``output`` says and print where it went."""
    from ..plotting.export import save_figure

    if output.title is not None:
        fig.suptitle(output.title)
    path = save_figure(fig, output.target(default_stem), fmt=output.fmt, transparent=output.transparent)
    typer.echo(str(path))
    return path
