"""What the commands that compute for a while share: ``--format`` meaning either a data
format (json, csv: numbers on standard output) or a picture format, and a progress bar."""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Annotated

import typer

from ..errors import ActvizError
from .output import Output

PICTURES = ("png", "svg", "pdf")
DATA = ("json", "csv")

DataFormatOpt = Annotated[str | None, typer.Option(
    "--format", help="json or csv: print every number to standard output instead of drawing; "
                     "png, svg or pdf: the picture format (default: the suffix of -o, else png).")]


def data_or_picture(output: Output) -> str:
    """What ``--format`` asks for: 'json' or 'csv' (numbers printed instead of a picture)
    or the picture format 'png', 'svg' or 'pdf' (from --format, else -o's suffix, else png);
    checked, with the picture's size and theme, before any long computation."""
    fmt, path = output.fmt, output.path
    chosen = (fmt or (path.suffix.lstrip(".") if path is not None and path.suffix else "png")).lower()
    if chosen not in PICTURES + DATA:
        given = f"format '{fmt}'" if fmt else f"file suffix '{path.suffix}' of {path}"
        raise ActvizError(f"unsupported {given}: expected one of {', '.join(PICTURES + DATA)}")
    if chosen in DATA and path is not None:
        raise ActvizError(f"--format {chosen} prints to standard output: drop -o {path} (or redirect with >)")
    if chosen in DATA and (output.show or output.terminal):
        raise ActvizError(f"--format {chosen} prints numbers instead of drawing: drop --{'show' if output.show else 'terminal'}")
    if chosen in PICTURES:  # a typo in --size or --theme fails now, not after a long run
        from ..themes import theme_rc

        output.figure_size()
        theme_rc(output.theme)
    return chosen


def picture_output(output: Output, mode: str) -> Output:
    """``output`` with the picture format checked by :func:`data_or_picture` (lower case), when one was given."""
    return dataclasses.replace(output, fmt=mode if output.fmt is not None else None)


class LazyProgress:
    """A rich progress bar on stderr that appears only once the work has taken more than a second."""

    def __init__(self, total: int, description: str) -> None:
        self.total, self.description = total, description
        self.offset = 0
        self.started = time.perf_counter()
        self.bar = None
        self.task = None

    def update(self, done: int, _total: int) -> None:
        if self.bar is None:
            if time.perf_counter() - self.started < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=self.total)
        self.bar.update(self.task, completed=self.offset + done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def print_data(records: list[dict], fmt: str, csv_rows) -> None:  # noqa: ANN001
    from ..formats.delimited import to_csv

    if fmt == "json":
        typer.echo(json.dumps(records, indent=2, allow_nan=False))
    else:
        typer.echo(to_csv(csv_rows(records)), nl=False)
