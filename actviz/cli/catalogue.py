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
    # a narrow terminal wraps the family and parameters at spaces; names are never cut, and the
    # aliases go one per line (gelu_tanh has six: on one line they squeezed the other columns away)
    for column in header:
        table.add_column(column, overflow="fold", no_wrap=column in ("name", "aliases"))
    for row in rows:
        table.add_row(*row[:3], row[3].replace(", ", "\n"))
    Console().print(table)


def _list_groups(output_format: ListFormat | None) -> None:
    """The classes of affinely equivalent pointwise entries, found by actviz.analysis.equivalence."""
    from ..analysis.equivalence_table import load

    classes = load()["classes"]  # the finder's classes, shipped (python -m actviz.analysis.equivalence_table --write)
    if output_format is ListFormat.json:
        typer.echo(json.dumps([list(c) for c in classes], indent=2))
        return
    typer.echo(f"{len(classes)} classes of pointwise activations equal up to x -> a x + b, y -> c y + d:")
    for members in classes:
        typer.echo("  " + " = ".join(members))


class InfoFormat(str, Enum):
    text = "text"
    json = "json"
    latex = "latex"


@app.command("info")
def info_command(
    specs: list[str] = typer.Argument(..., help="Activations, e.g. gelu or elu:alpha=0.5.", metavar="SPEC..."),
    output_format: InfoFormat = typer.Option(InfoFormat.text, "--format", help="text, json (a list of records) or latex (amsmath gather* blocks)."),
    equivalent: bool = typer.Option(
        False, "--equivalent", "-e",
        help="Find the catalogue entries each equals up to x -> a x + b, y -> c y + d now, at the given parameters "
        "(about a second: every entry is sampled); without it, those of the default parameters are read from the shipped table.",
    ),
) -> None:
    """Formula, derivative, parameters, kinks, summary and reference of each activation."""
    # Plain typer output rather than rich: rich's import alone is a fifth of the
    # 0.15 s this command may take.
    from ..formats.card import body_lines, card, info_record, to_latex

    entries = [get(spec) for spec in specs]
    if output_format is InfoFormat.json:
        typer.echo(json.dumps([info_record(entry) for entry in entries], indent=2, allow_nan=False))
        return
    if output_format is InfoFormat.latex:
        typer.echo("\n".join(to_latex(entry) for entry in entries), nl=False)
        return
    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    for i, entry in enumerate(entries):
        entry_card = card(entry)
        if i:
            typer.echo("")
        typer.secho(entry_card.title, bold=True, nl=False)
        typer.secho(f"  {entry_card.kind}", dim=True)
        for line in body_lines(entry_card, width=width):
            typer.echo(line)
        if entry.pointwise:
            for text in _same_as(entry, live=equivalent):
                typer.echo(f"same as {text}")


def _same_as(entry, live: bool) -> list[str]:  # noqa: ANN001  (a pointwise entry)
    """How ``entry`` is written with the catalogue entries it equals: found now with ``live``, else
    read from the shipped table of the default parameters (nothing for other parameter values)."""
    if live:
        from ..analysis.equivalence import same_as

        return same_as(entry)
    from ..analysis.equivalence_table import same_as_shipped

    return same_as_shipped(entry.spec)
