"""The card of a catalogue entry: what ``actviz info`` prints and what a notebook
shows for an activation (formula, derivative, parameters, kinks, summary, notes,
reference), as plain text lines or as Markdown."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..entry import Entry
from .latex_text import latex_to_text


@dataclass(frozen=True)
class Card:
    """The parts of an entry's card, each already text."""

    title: str  # the label: name with parameter values
    kind: str  # "(family)" or "(family, not pointwise)"
    aliases: str  # "aliases: a, b" or ""
    formulas: tuple[tuple[str, str], ...]  # (symbol, Unicode formula): f(x), f'(x) or maps, f, ∂f
    parameters: tuple[str, ...]  # "alpha = 1  (default 1; a number with alpha > 0): doc"
    kinks: tuple[str, ...]  # "kink at x = 0: relu'(0) = 0, as in torch and jax"
    paragraphs: tuple[str, ...]  # summary, "note: ..." and "reference: ..."


def card(entry: Entry) -> Card:
    """The card of ``entry`` at its bound parameter values."""
    if entry.pointwise:
        formulas = (("f(x) ", latex_to_text(entry.latex)), ("f'(x)", latex_to_text(entry.latex_derivative)))
    else:
        formulas = (("maps ", entry.signature), ("f    ", latex_to_text(entry.latex)),
                    ("∂f   ", latex_to_text(entry.latex_derivative)))
    parameters = tuple(f"{p.name} = {entry.params[p.name]:g}  (default {p.default:g}; {p.domain()}): {p.doc}"
                       for p in entry.parameters)
    paragraphs = (entry.summary, *((f"note: {entry.notes}",) if entry.notes else ()), f"reference: {entry.reference}")
    return Card(
        title=entry.label,
        kind=f"({entry.family}{'' if entry.pointwise else ', not pointwise'})",
        aliases=f"aliases: {', '.join(entry.aliases)}" if entry.aliases else "",
        formulas=formulas,
        parameters=parameters,
        kinks=tuple(f"kink at x = {kink.x:g}: {kink.convention}" for kink in entry.kinks),
        paragraphs=paragraphs,
    )


def body_lines(entry_card: Card, width: int = 100) -> list[str]:
    """The card below its title line, as text lines of at most ``width`` characters
    for the paragraphs (formulas and parameters are never wrapped)."""
    lines = [entry_card.aliases] if entry_card.aliases else []
    lines += [f"  {symbol} {text}" for symbol, text in entry_card.formulas]
    lines += [f"  {line}" for line in (*entry_card.parameters, *entry_card.kinks)]
    lines.append("")
    lines += [textwrap.fill(paragraph, width=width) for paragraph in entry_card.paragraphs]
    return lines


def to_text(entry_card: Card, width: int = 100) -> str:
    """The whole card as plain text: the title line, then :func:`body_lines`."""
    return "\n".join([f"{entry_card.title}  {entry_card.kind}", *body_lines(entry_card, width)]) + "\n"


def to_markdown(entry_card: Card) -> str:
    """The card as Markdown (a notebook's rich display of an activation)."""
    lines = [f"**{entry_card.title}** {entry_card.kind}", ""]
    if entry_card.aliases:
        lines += [entry_card.aliases, ""]
    lines += [f"- `{symbol.strip()}` = {text}" for symbol, text in entry_card.formulas]
    lines += [f"- {line}" for line in (*entry_card.parameters, *entry_card.kinks)]
    lines.append("")
    lines += [paragraph + "\n" for paragraph in entry_card.paragraphs]
    return "\n".join(lines)


def info_record(entry: Entry) -> dict:
    """``actviz info --format json``: everything on the card as plain data, the
    formulas as the catalogue's LaTeX and the reference split into its fields."""
    reference = entry.reference
    return {
        "name": entry.name,
        "label": entry.label,
        "spec": entry.spec,
        "family": entry.family,
        "pointwise": entry.pointwise,
        "aliases": list(entry.aliases),
        "params": dict(entry.params),
        "latex": entry.latex,
        "latex_derivative": entry.latex_derivative,
        "kinks": [{"x": float(kink.x), "convention": kink.convention} for kink in entry.kinks],
        "summary": entry.summary,
        "notes": entry.notes or None,
        "reference": {"authors": reference.authors, "year": reference.year, "title": reference.title, "url": reference.url},
    }


_LATEX_SPECIALS = str.maketrans({"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                                 "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"})


def to_latex(entry: Entry) -> str:
    """``actviz info --format latex``: the formula and derivative of ``entry`` in a
    ``gather*`` block to paste into a document (amsmath), headed by a comment with
    its label, family and reference, and its summary as text."""
    return "\n".join([
        f"% {entry.label} ({entry.family}): {entry.reference}",
        r"\begin{gather*}",
        f"  {entry.latex} \\\\",
        f"  {entry.latex_derivative}",
        r"\end{gather*}",
        entry.summary.translate(_LATEX_SPECIALS),
    ]) + "\n"
