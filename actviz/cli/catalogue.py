"""``actviz list`` and ``actviz info``: browse the catalogue."""

from __future__ import annotations

import json
import shutil
import sys
from enum import Enum

import typer

from .. import registry
from ..specs import get
from ..errors import ActvizError
from .base import app


class ListFormat(str, Enum):
    table = "table"
    text = "text"
    json = "json"


@app.command("list")
def list_command(
    family: str | None = typer.Option(None, "--family", help="Only this family (e.g. rectifier, sigmoidal)."),
    output_format: ListFormat | None = typer.Option(
        None, "--format", help="table (the default in a terminal), text (plain columns, the default when piped) or json."
    ),
    group_equivalent: bool = typer.Option(
        False, "--group-equivalent", help="Only the classes of pointwise entries that are one function up to x -> a x + b, y -> c y + d."
    ),
) -> None:
    """List every activation with its family, default parameters and aliases."""
    if group_equivalent:
        _list_groups(output_format)
        return
    if family is not None and family not in registry.families():
        from ..errors import did_you_mean

        raise ActvizError(
            f"unknown family '{family}' (families: {', '.join(registry.families())})"
            + did_you_mean(family, registry.families())
        )
    from ..formats.records import entry_record

    records = [entry_record(registry.lookup(n)) for n in registry.names(family=family)]
    fmt = output_format or (ListFormat.table if sys.stdout.isatty() else ListFormat.text)
    if fmt is ListFormat.json:
        typer.echo(json.dumps(records, indent=2))
        return
    header = ("name", "family", "parameters (defaults)", "aliases")
    rows = [
        (
            r["name"],
            r["family"] + ("" if r["pointwise"] else " (not pointwise)"),
            ", ".join(f"{k}={v:g}" for k, v in r["params"].items()),
            ", ".join(r["aliases"]),
        )
        for r in records
    ]
    if fmt is ListFormat.text:
        # Plain columns for pipes (grep, awk), without rich's import and layout.
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
        for row in (header, *rows):
            typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} activations", title_justify="left")
    for column in header:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def _list_groups(output_format: ListFormat | None) -> None:
    """The classes of affinely equivalent pointwise entries, found by actviz.analysis.equivalence."""
    from ..analysis.equivalence import catalogue_groups

    classes = catalogue_groups()
    if output_format is ListFormat.json:
        typer.echo(json.dumps([list(c) for c in classes], indent=2))
        return
    typer.echo(f"{len(classes)} classes of pointwise activations equal up to x -> a x + b, y -> c y + d:")
    for members in classes:
        typer.echo("  " + " = ".join(members))


@app.command("info")
def info_command(
    spec: str = typer.Argument(..., help="An activation, e.g. gelu or elu:alpha=0.5."),
    equivalent: bool = typer.Option(
        False, "--equivalent", "-e",
        help="Also the catalogue entries it equals up to x -> a x + b, y -> c y + d (about a second: every entry is sampled).",
    ),
) -> None:
    """Formula, derivative, parameters, kinks, summary and reference of one activation."""
    # Plain typer output rather than rich: rich's import alone is a fifth of the
    # 0.15 s this command may take.
    from ..formats.card import body_lines, card

    entry = get(spec)
    entry_card = card(entry)
    typer.secho(entry_card.title, bold=True, nl=False)
    typer.secho(f"  {entry_card.kind}", dim=True)
    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    for line in body_lines(entry_card, width=width):
        typer.echo(line)
    if equivalent and entry.pointwise:
        from ..analysis.equivalence import same_as

        for text in same_as(entry):
            typer.echo(f"same as {text}")
