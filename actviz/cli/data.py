"""``--format json|csv`` of the picture commands: print the numbers a picture is
drawn from instead of drawing it (the same option also names a picture format)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Annotated

import typer

from ..errors import ActvizError
from .output import Output

PICTURES = ("png", "svg", "pdf")
DATA = ("json", "csv")

DataFormatOpt = Annotated[str | None, typer.Option(
    "--format", help="json or csv: print the numbers the picture is drawn from instead of drawing; "
                     "png, svg or pdf: the picture format (default: the suffix of -o, else png).")]


def output_mode(output: Output) -> str:
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
    """``output`` with the picture format checked by :func:`output_mode` (lower case), when one was given."""
    return dataclasses.replace(output, fmt=mode if output.fmt is not None else None)


def print_data(record: object, fmt: str, csv_rows: Callable[[object], list[dict]]) -> None:
    """``record`` as indented JSON (non-finite numbers must already be None), or
    ``csv_rows(record)`` as CSV, on standard output."""
    from ..formats.delimited import to_csv

    if fmt == "json":
        typer.echo(json.dumps(record, indent=2, allow_nan=False))
    else:
        typer.echo(to_csv(csv_rows(record)), nl=False)
