"""What a Jupyter notebook shows for actviz's objects: an activation's card and
formula, a property report and a mean-field theory as Markdown tables. Reached
through :mod:`actviz.display` (the core's ``_repr_*_`` methods)."""

from __future__ import annotations

from ..analysis.properties import PropertyReport
from ..entry import Entry
from ..propagation.theory import MeanField
from .card import card, to_markdown
from .numbers import format_number
from .tables import DEFAULT_COLUMNS, cells, headers


def card_markdown(entry: Entry) -> str:
    """The ``actviz info`` card of ``entry`` as Markdown."""
    return to_markdown(card(entry))


def formula_latex(entry: Entry) -> str:
    """The formula of ``entry`` and of its derivative, as display math for Jupyter."""
    return rf"$$\begin{{aligned}}&{entry.latex}\\&{entry.latex_derivative}\end{{aligned}}$$"


def _table(title: str, rows: list[tuple[str, str]], what: str = "property") -> str:
    lines = [title, "", f"| {what} | value |", "| --- | ---: |"]
    lines += [f"| {key} | {value.replace('|', '/')} |" for key, value in rows]
    return "\n".join(lines) + "\n"


def report_markdown(report: PropertyReport) -> str:
    """A property report as a two-column Markdown table (the columns of ``actviz props``,
    and the cost where it was measured)."""
    columns = (*DEFAULT_COLUMNS, *(("cost",) if report.cost is not None else ()))
    (row,) = cells([report], columns)
    return _table(f"**{row[0]}**", list(zip(headers(columns)[1:], row[1:])))


def mean_field_markdown(theory: MeanField) -> str:
    """A mean-field theory result as a Markdown table, with its notes below."""

    def number(value: float) -> str:
        return format_number(value, 6)

    params = ", ".join(f"{k}={v:g}" for k, v in theory.params.items())
    title = f"**{theory.activation}{f' ({params})' if params else ''}** at σ_w² = {theory.sigma_w2:g}, σ_b² = {theory.sigma_b2:g}"
    rows = [("regime", theory.regime), ("phase", theory.phase), ("q*", number(theory.q_star)),
            ("χ₁", number(theory.chi1)), ("χ_q", number(theory.chi_q)), ("ξ_q", number(theory.xi_q)),
            ("c*", number(theory.c_star)), ("ξ_c", number(theory.xi_c))]
    return _table(title, rows, "quantity") + "".join(f"\n{note}\n" for note in theory.notes)
