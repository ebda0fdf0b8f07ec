"""``actviz list`` and ``actviz info``: browse the catalogue."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
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


def _entry_record(name: str) -> dict:
    entry = registry.lookup(name)
    return {
        "name": entry.name,
        "family": entry.family,
        "pointwise": entry.pointwise,
        "params": entry.defaults,
        "aliases": list(entry.aliases),
    }


@app.command("list")
def list_command(
    family: str | None = typer.Option(None, "--family", help="Only this family (e.g. rectifier, sigmoidal)."),
    output_format: ListFormat | None = typer.Option(
        None, "--format", help="table (the default in a terminal), text (plain columns, the default when piped) or json."
    ),
) -> None:
    """List every activation with its family, default parameters and aliases."""
    if family is not None and family not in registry.families():
        from ..errors import did_you_mean

        raise ActvizError(
            f"unknown family '{family}' (families: {', '.join(registry.families())})"
            + did_you_mean(family, registry.families())
        )
    records = [_entry_record(n) for n in registry.names(family=family)]
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


def _wrapped(text: str, indent: str = "") -> str:
    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


@app.command("info")
def info_command(spec: str = typer.Argument(..., help="An activation, e.g. gelu or elu:alpha=0.5.")) -> None:
    """Formula, derivative, parameters, kinks, summary and reference of one activation."""
    # Plain typer output rather than rich: rich's import alone is a fifth of the
    # 0.15 s this command may take.
    from ..latex_text import latex_to_text

    act = get(spec)
    kind = "" if act.pointwise else ", not pointwise"
    typer.secho(act.label, bold=True, nl=False)
    typer.secho(f"  ({act.family}{kind})", dim=True)
    if act.aliases:
        typer.echo(f"aliases: {', '.join(act.aliases)}")
    if act.pointwise:
        typer.echo(f"  f(x)  {latex_to_text(act.latex)}")
        typer.echo(f"  f'(x) {latex_to_text(act.latex_derivative)}")
    else:
        typer.echo(f"  maps  {act.signature}")
        typer.echo(f"  f     {latex_to_text(act.latex)}")
        typer.echo(f"  ∂f    {latex_to_text(act.latex_derivative)}")
    for p in act.parameters:
        typer.echo(f"  {p.name} = {act.params[p.name]:g}  (default {p.default:g}; {p.domain()}): {p.doc}")
    for kink in act.kinks:
        typer.echo(f"  kink at x = {kink.x:g}: {kink.convention}")
    typer.echo()
    typer.echo(_wrapped(act.summary))
    if act.notes:
        typer.echo(_wrapped("note: " + act.notes))
    typer.echo(_wrapped(f"reference: {act.reference}"))
