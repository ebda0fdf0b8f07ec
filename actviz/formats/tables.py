"""Property reports as text: cells for a terminal table, Markdown, CSV, JSON and LaTeX.

Every format shows the same columns, named by the keys of
:meth:`actviz.analysis.properties.PropertyReport.as_dict`; the first column is always the
activation (its name with its parameter values). The terminal table itself is
drawn by the command line from :func:`cells` (only ``actviz.cli`` imports rich).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..analysis.properties import PropertyReport
from ..errors import ActvizError, did_you_mean
from .delimited import to_csv as to_csv_rows
from .numbers import format_number


@dataclass(frozen=True)
class Column:
    """One property column: its key (the JSON key), its header in plain text, in LaTeX
    and abbreviated for a terminal, and a right-alignment flag for numbers."""

    key: str
    header: str
    latex_header: str
    short_header: str
    numeric: bool = False


COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("range", "range", "range", "range"),
        Column("range_closed", "range closed", "range closed", "closed"),
        Column("bounded_below", "bounded below", "bounded below", "bnd lo"),
        Column("bounded_above", "bounded above", "bounded above", "bnd hi"),
        Column("monotone", "monotone", "monotone", "mono"),
        Column("monotone_derivative", "f' monotone", "$f'$ monotone", "f' mono"),
        Column("zero_centred", "zero-centred", "zero-centred", "centred"),
        Column("continuity", "continuity", "continuity", "cont."),
        Column("smooth", "smooth", "smooth", "smooth"),
        Column("identity_near_origin", "≈ x at 0", r"$\approx x$ at 0", "≈x"),
        Column("nonlinear", "nonlinear", "nonlinear", "nonlin"),
        Column("saturates_left", "saturates left", "saturates left", "sat ←"),
        Column("saturates_right", "saturates right", "saturates right", "sat →"),
        Column("dead_zone", "dead zone", "dead zone", "dead"),
        Column("sparse", "sparse", "sparse", "sparse"),
        Column("mean", "E f", r"$\mathrm{E}\,f$", "E f", numeric=True),
        Column("second_moment", "E f²", r"$\mathrm{E}\,f^2$", "E f²", numeric=True),
        Column("derivative_second_moment", "E f'²", r"$\mathrm{E}\,f'^2$", "E f'²", numeric=True),
        Column("gain", "gain", "gain", "gain", numeric=True),
        Column("cost", "cost", "cost", "cost", numeric=True),
    )
}
"""Every column a table can show, in their default order."""

DEFAULT_COLUMNS: tuple[str, ...] = (
    "range",
    "monotone",
    "monotone_derivative",
    "zero_centred",
    "continuity",
    "identity_near_origin",
    "saturates_left",
    "saturates_right",
    "dead_zone",
    "sparse",
    "mean",
    "second_moment",
    "derivative_second_moment",
    "gain",
)
"""The columns of a table for people (the rest are implied: bounded, smooth, nonlinear...).
``cost`` is not among them: it is a measurement of this machine, shown on request."""

FORMATS = ("table", "markdown", "csv", "json", "latex")

_NOISE = 5e-13  # the moments are accurate to about 1e-13: smaller magnitudes print as 0
_MOMENTS = ("mean", "second_moment", "derivative_second_moment")  # gain = 1/sqrt(E f^2) is 1e-300 for 1e300 |x|


def parse_columns(text: str | None, *, default: Sequence[str] = DEFAULT_COLUMNS) -> tuple[str, ...]:
    """``"range,monotone"`` -> ``("range", "monotone")``; None gives ``default``.

    Raises :class:`ActvizError` naming an unknown column, with close matches.
    """
    if text is None:
        return tuple(default)
    keys = tuple(part.strip() for part in text.split(",") if part.strip())
    if not keys:
        raise ActvizError(f"no column in {{columns}} '{text}': expected some of {', '.join(COLUMNS)}", arguments=("columns",))
    for key in keys:
        if key not in COLUMNS:
            raise ActvizError(
                f"unknown column '{key}' (columns: {', '.join(COLUMNS)})" + did_you_mean(key, COLUMNS)
            )
    return keys


def _number_cell(value: float | None) -> str:
    return format_number(value, 4, noise=_NOISE)


def _interval(report: PropertyReport, infinity: str, minus_infinity: str, number: Callable[[float], str]) -> str:
    (lo, hi), (lo_closed, hi_closed) = report.range, report.range_closed
    left = minus_infinity if lo == -math.inf else number(lo)
    right = infinity if hi == math.inf else number(hi)
    return f"{'[' if lo_closed else '('}{left}, {right}{']' if hi_closed else ')'}"


def _text(report: PropertyReport, key: str, *, yes: str = "yes", no: str = "no") -> str:
    value = getattr(report, key)
    if key == "range":
        return _interval(report, "∞", "-∞", _number_cell)
    if key == "range_closed":
        return ", ".join(yes if v else no for v in value)
    if isinstance(value, bool):
        return yes if value else no
    if key == "cost":
        return "-" if value is None else value.describe()
    if isinstance(value, float) or value is None:
        return _number_cell(value) if key in _MOMENTS else format_number(value, 4)
    return str(value)


def cells(reports: Sequence[PropertyReport], columns: Sequence[str], *, yes: str = "yes", no: str = "no") -> list[list[str]]:
    """One row of plain-text cells per report: the label, then each column."""
    return [[r.label, *(_text(r, key, yes=yes, no=no) for key in columns)] for r in reports]


def headers(columns: Sequence[str], *, short: bool = False) -> list[str]:
    """The header row matching :func:`cells` (abbreviated for a terminal when ``short``)."""
    return ["activation", *(COLUMNS[key].short_header if short else COLUMNS[key].header for key in columns)]


def to_markdown(reports: Sequence[PropertyReport], columns: Sequence[str] = DEFAULT_COLUMNS) -> str:
    """A GitHub-flavoured Markdown table (numbers right-aligned; ``|`` escaped)."""

    def line(items: Sequence[str]) -> str:
        return "| " + " | ".join(item.replace("|", r"\|") for item in items) + " |"

    align = ["---", *("---:" if COLUMNS[key].numeric else "---" for key in columns)]
    rows = [line(headers(columns)), "| " + " | ".join(align) + " |"]
    rows += [line(row) for row in cells(reports, columns)]
    return "\n".join(rows) + "\n"


_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                   "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


def _latex_cell(report: PropertyReport, key: str) -> str:
    if key == "range":
        return "$" + _interval(report, r"\infty", r"-\infty", _number_cell) + "$"
    text = _text(report, key)
    if COLUMNS[key].numeric and text != "-":
        mantissa, _, exponent = text.partition("e")
        return f"${mantissa}" + (rf"\times 10^{{{int(exponent)}}}" if exponent else "") + "$"
    if key == "continuity" and text.startswith("C"):
        return "$C^{" + (r"\infty" if text == "Cinf" else text[1:]) + "}$"
    return _latex_escape(text)


def to_latex(reports: Sequence[PropertyReport], columns: Sequence[str] = DEFAULT_COLUMNS) -> str:
    """A booktabs ``tabular`` (needs ``\\usepackage{booktabs}``), ready for a paper or a slide."""
    spec = "l" + "".join("r" if COLUMNS[key].numeric else "l" for key in columns)
    head = " & ".join(["activation", *(COLUMNS[key].latex_header for key in columns)])
    lines = [rf"\begin{{tabular}}{{{spec}}}", r"\toprule", head + r" \\", r"\midrule"]
    for r in reports:
        lines.append(" & ".join([_latex_escape(r.label), *(_latex_cell(r, key) for key in columns)]) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def _record(report: PropertyReport, columns: Sequence[str] | None) -> dict:
    record = report.as_dict()
    if columns is None:
        return record
    return {"name": record["name"], "params": record["params"], **{key: record[key] for key in columns}}


def to_json(reports: Sequence[PropertyReport], columns: Sequence[str] | None = None) -> str:
    """A JSON list with one object per report: ``name``, ``params`` and the columns (all
    keys of :meth:`PropertyReport.as_dict` when ``columns`` is None); null for an
    unbounded end of the range and for what was not measured."""
    return json.dumps([_record(r, columns) for r in reports], indent=2, allow_nan=False) + "\n"


def to_csv(reports: Sequence[PropertyReport], columns: Sequence[str] | None = None) -> str:
    """CSV with a header row, one line per report, numbers at full precision.

    ``params`` is ``key=value;...``; ``range`` and ``range_closed`` become
    ``range_low``, ``range_high`` (``-inf``/``inf`` when unbounded) and
    ``range_low_closed``, ``range_high_closed``; ``cost`` becomes ``cost`` (the
    median ratio), ``cost_low`` and ``cost_high`` (the lowest and highest round);
    booleans are ``true``/``false``.
    """
    keys = list(COLUMNS) if columns is None else list(columns)
    rows = []
    for r in reports:
        row: dict[str, object] = {"name": r.name, "params": ";".join(f"{k}={v!r}" for k, v in r.params.items())}
        for key in keys:
            if key == "range":
                row["range_low"], row["range_high"] = r.range
            elif key == "range_closed":
                row["range_low_closed"], row["range_high_closed"] = r.range_closed
            elif key == "cost":
                cost = r.cost
                row["cost"], row["cost_low"], row["cost_high"] = (None, None, None) if cost is None else (cost.ratio, cost.low, cost.high)
            else:
                row[key] = getattr(r, key)
        rows.append(row)
    return to_csv_rows(rows)


def render(reports: Sequence[PropertyReport], fmt: str, columns: Sequence[str] | None = None) -> str:
    """The reports as ``markdown``, ``csv``, ``json`` or ``latex`` text (the terminal
    table is drawn by the command line). ``columns`` None means the format's default:
    every key for csv and json, :data:`DEFAULT_COLUMNS` for the others."""
    if fmt == "json":
        return to_json(reports, columns)
    if fmt == "csv":
        return to_csv(reports, columns)
    chosen = DEFAULT_COLUMNS if columns is None else columns
    if fmt == "markdown":
        return to_markdown(reports, chosen)
    if fmt == "latex":
        return to_latex(reports, chosen)
    raise ActvizError(f"unknown table format '{fmt}': expected one of markdown, csv, json, latex" + did_you_mean(fmt, FORMATS))
