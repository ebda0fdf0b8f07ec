"""``actviz props``: property tables computed from the functions themselves."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from .. import registry
from ..specs import get
from ..errors import ActvizError
from ..analysis.cost import ROUNDS, WHAT_IS_MEASURED
from ..analysis.properties import analyse_many
from ..formats.tables import COLUMNS, DEFAULT_COLUMNS, cells, headers, parse_columns, render
from .base import app


class PropsFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    latex = "latex"


def _print_rich_table(reports, columns) -> None:  # noqa: ANN001  (PropertyReport list, column keys)
    """One row per activation; where the terminal is too narrow for that but not for
    the transpose, one row per property and one column per activation (the usual case
    for a few activations). Cells are never cut: a table wider than the terminal is
    printed whole, with a hint on stderr."""
    import io

    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    rows = cells(reports, columns, yes="[green]✓[/]", no="[dim]·[/]")

    def new_table() -> Table:
        return Table(title="✓ yes  · no", title_justify="left", box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False)

    wide = new_table()
    for header, key in zip(headers(columns, short=True), (None, *columns)):
        numeric = key is not None and COLUMNS[key].numeric
        wide.add_column(header, justify="right" if numeric else "left", no_wrap=True)
    for row in rows:
        wide.add_row(*row)
    tall = new_table()
    tall.add_column("property", no_wrap=True)
    for label in (row[0] for row in rows):
        tall.add_column(label, no_wrap=True)
    for index, header in enumerate(headers(columns)[1:], start=1):
        tall.add_row(header, *(row[index] for row in rows))

    def natural_width(table: Table) -> int:
        probe = Console(width=10**4, file=io.StringIO())
        with probe.capture() as captured:
            probe.print(table)
        return max(cell_len(line.rstrip()) for line in captured.get().splitlines())

    console = Console()
    needed = natural_width(wide)
    if needed <= console.width:
        console.print(wide)
    elif natural_width(tall) <= console.width:
        console.print(tall)
    else:
        Console(width=needed).print(wide)
        typer.echo(f"(the table is {needed} columns wide: widen the terminal or pick fewer with --columns)", err=True)


@app.command("props")
def props_command(
    specs: list[str] | None = typer.Argument(None, help="Activations, e.g. relu gelu elu:alpha=0.5 (default: the whole catalogue)."),
    table: bool = typer.Option(False, "--table", help="Draw the terminal table even when the output is not a terminal."),
    output_format: PropsFormat | None = typer.Option(
        None, "--format", help="table (default in a terminal; markdown otherwise), markdown, csv, json or latex."
    ),
    columns: str | None = typer.Option(
        None, "--columns", help=f"Comma-separated columns to show, of: {', '.join(COLUMNS)} (cost only when named)."
    ),
) -> None:
    """Range, monotonicity, continuity, saturation, Gaussian moments and gain of activations.

    Every entry is computed from the function (f, f', f'' and its kinks), so it
    holds for any parameter value and for formulas. With z ~ N(0, 1): E f, E f²,
    E f'² are Gaussian moments, zero-centred means |E f| <= 0.01 sqrt(E f²), gain
    is 1/sqrt(E f²). --columns cost adds the time of f over relu's on this machine:
    the median of five rounds and their range (it differs from run to run).
    """
    if table and output_format not in (None, PropsFormat.table):
        raise ActvizError(f"--table asks for the terminal table but --format asks for {output_format.value}: give one of them")
    fmt = output_format or (PropsFormat.table if table or sys.stdout.isatty() else PropsFormat.markdown)
    acts = [get(spec) for spec in (specs or registry.names(pointwise=True))]
    for_scripts = fmt in (PropsFormat.json, PropsFormat.csv)
    every_property = [key for key in COLUMNS if key != "cost"]
    chosen = parse_columns(columns, default=every_property if for_scripts else DEFAULT_COLUMNS)
    timed = "cost" in chosen
    reports = analyse_many(acts, with_cost=timed)
    note = WHAT_IS_MEASURED.format(rounds=ROUNDS) if timed else None
    if fmt is PropsFormat.table:
        _print_rich_table(reports, chosen)
        if note:
            import shutil
            import textwrap

            typer.echo(textwrap.fill(note, width=max(40, shutil.get_terminal_size().columns)))  # under the table
    else:  # scripts get every key, in the documented order (cost null: not measured), unless --columns narrows them
        typer.echo(render(reports, fmt.value, None if for_scripts and columns is None else chosen), nl=False)
        if note:
            typer.echo(note, err=True)
