"""``actviz init``: the initialisation constants of activations, as a table, for scripts, or
as code to paste."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from .. import registry
from ..specs import get
from ..errors import ActvizError
from .base import app

_FORMATS = ("table", "markdown", "json", "csv")


@app.command("init")
def init_command(
    specs: Annotated[list[str] | None, typer.Argument(
        help="Activations, e.g. relu gelu elu:alpha=0.5 (default: the whole catalogue).")] = None,
    sigma_b2: Annotated[float, typer.Option("--sigma-b2", help="Bias variance for the edge of chaos.")] = 0.0,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="table (default in a terminal; markdown otherwise), markdown, json or csv.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Print initialisation code instead: torch, jax or numpy.")] = None,
    self_normalising: Annotated[bool, typer.Option(
        "--self-normalising", help="Add the (lambda, alpha) or (gamma, delta) making mean 0 / variance 1 a fixed "
                                   "point, with its stability (Klambauer et al. 2017).")] = False,
) -> None:
    """Initialisation constants computed from each activation: the variance-preserving gain
    1/sqrt(E phi(z)^2) beside torch's calculate_gain (why they differ in the notes), the NFNets
    gamma = 1/sqrt(Var phi(z)) and mean (Brock et al. 2021), and sigma_w^2 at the edge of
    chaos for --sigma-b2 ("none" with the reason where there is none)."""
    from ..formats.delimited import to_csv
    from ..formats.initialisation import FRAMEWORKS, to_code, to_markdown
    from ..propagation.gains import init_constants, self_normalising as solve_self_normalising

    chosen = fmt or ("table" if sys.stdout.isatty() else "markdown")
    if chosen not in _FORMATS:
        raise ActvizError(f"unsupported format '{chosen}': expected one of {', '.join(_FORMATS)}")
    if code is not None and code not in FRAMEWORKS:
        raise ActvizError(f"unsupported --code '{code}': expected one of {', '.join(FRAMEWORKS)}")
    if code is not None and fmt is not None:
        raise ActvizError(f"--code prints code: drop --format {fmt}")
    acts = [get(spec) for spec in (specs or registry.names(pointwise=True))]
    records = [init_constants(act, sigma_b2).to_dict() for act in acts]
    if self_normalising:
        for record, act in zip(records, acts):
            record["self_normalising"] = solve_self_normalising(act).to_dict()
    if code is not None:
        typer.echo(to_code(records, code), nl=False)
    elif chosen == "json":
        typer.echo(json.dumps(records, indent=2, allow_nan=False))
    elif chosen == "csv":
        typer.echo(to_csv([_flat(record) for record in records]), nl=False)
    elif chosen == "markdown":
        typer.echo(to_markdown(records), nl=False)
    else:
        _rich_table(records)
    if self_normalising and code is None and chosen in ("table", "markdown"):
        typer.echo("\n".join(_self_normalising_line(record) for record in records))


def _flat(record: dict) -> dict:
    """A CSV row: the self-normalising constants (if any) as prefixed columns."""
    flat = {k: v for k, v in record.items() if k != "self_normalising"}
    extra = record.get("self_normalising")
    if extra:
        flat.update({f"sn_{k}": v for k, v in extra.items() if k != "jacobian"})
        flat["sn_jacobian"] = ";".join(f"{v!r}" for row in extra["jacobian"] for v in row)
    return flat


def _self_normalising_line(record: dict) -> str:
    sn = record["self_normalising"]
    names = ("lambda", sn["parameter"]) if sn["form"] == "lambda_alpha" else ("gamma", "delta")
    stability = "stable" if sn["stable"] else "not stable"
    line = (f"{record['activation']}: {names[0]} = {sn['scale']!r}, {names[1]} = {sn['value']!r}; fixed point (0, 1) "
            f"{stability} (Jacobian eigenvalues 0 and {sn['jacobian'][1][1]:.6g})")
    if sn["spec"]:
        line += f"\n  as a spec: {sn['spec']}"
    if sn["note"]:
        line += f"\n  note: {sn['note']}"
    return line


def _rich_table(records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..formats.initialisation import COLUMNS, HEADERS, cell, notes_of

    table = Table(title=f"initialisation constants (edge of chaos at sigma_b^2 = {records[0]['sigma_b2']:g})",
                  title_justify="left")
    for header in HEADERS:
        table.add_column(header, justify="left" if header == "activation" else "right")
    for record in records:
        table.add_row(*(cell(record[key]) for key in COLUMNS))
    console = Console(highlight=False)
    console.print(table)
    for note in notes_of(records):
        console.print(f"[dim]{note}[/]")
