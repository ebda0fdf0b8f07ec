"""Render the catalogue's LaTeX as plain Unicode text for a terminal.

Covers the subset the catalogue uses: ``\\frac``, ``\\sqrt``, super- and
subscripts, Greek letters, named operators, ``\\mathbb{1}`` indicators and
``cases`` environments. ``latex_to_text(r"\\frac{1}{1 + e^{-x}}")`` gives
``"1/(1 + e⁻ˣ)"``.
"""

from __future__ import annotations

import re

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Phi": "Φ", "Gamma": "Γ", "Delta": "Δ", "Sigma": "Σ",
    "cdot": "·", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠",
    "infty": "∞", "partial": "∂", "sum": "Σ", "nabla": "∇", "pm": "±", "approx": "≈", "in": "∈", "to": "→", "ldots": "…", "dots": "…",
    "quad": "  ", "qquad": "    ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ",
    "{": "{", "}": "}", "|": "‖", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "",
    "text": "", "mathrm": "", "operatorname": "", "mathit": "", "textrm": "", "mathbf": "",
}
_SUPERSCRIPT = str.maketrans("0123456789+-=()nixabcdeghklmoprstuvwyzαβγ.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˣᵃᵇᶜᵈᵉᵍʰᵏˡᵐᵒᵖʳˢᵗᵘᵛʷʸᶻᵅᵝᵞ·")
_SUBSCRIPT = str.maketrans("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ")


def _group(text: str, start: int) -> tuple[str, int]:
    """The argument starting at ``start``: a ``{...}`` group, a command or one character."""
    while start < len(text) and text[start] == " ":
        start += 1
    if start >= len(text):
        return "", start
    if text[start] == "{":
        depth = 0
        for end in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                return text[start + 1 : end], end + 1
        return text[start + 1 :], len(text)
    if text[start] == "\\":
        match = re.match(r"\\([A-Za-z]+|.)", text[start:])
        return match.group(0), start + match.end()
    return text[start], start + 1


def _atomic(text: str) -> bool:
    return bool(re.fullmatch(r"[\w.·′]+|\(.*\)", text)) and text.count("(") == text.count(")")


def _wrap(text: str) -> str:
    return text if _atomic(text) else f"({text})"


def _script(text: str, table: dict, marker: str) -> str:
    if all(ch in "".join(map(chr, table)) for ch in text):
        return text.translate(table)
    return f"{marker}{_wrap(text)}"


def latex_to_text(latex: str) -> str:
    """A readable one-line Unicode rendering of ``latex``."""
    out: list[str] = []
    i = 0
    while i < len(latex):
        ch = latex[i]
        if ch == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", latex[i:])
            name = match.group(1)
            i += match.end()
            if name == "frac":
                num, i = _group(latex, i)
                den, i = _group(latex, i)
                out.append(f"{_wrap(latex_to_text(num))}/{_wrap(latex_to_text(den))}")
            elif name == "sqrt":
                arg, i = _group(latex, i)
                out.append(f"√{_wrap(latex_to_text(arg))}")
            elif name == "mathbb":
                arg, i = _group(latex, i)
                out.append("𝟙" if arg == "1" else arg)
            elif name == "begin":
                env, i = _group(latex, i)
                end = latex.find(r"\end{" + env + "}", i)
                body = latex[i:end] if end >= 0 else latex[i:]
                i = end + len(r"\end{" + env + "}") if end >= 0 else len(latex)
                rows = [r.split("&") for r in re.split(r"\\\\", body) if r.strip()]
                parts = [" if ".join(latex_to_text(c).strip() for c in row) for row in rows]
                out.append("{ " + "; ".join(parts) + " }")
            elif name in _SYMBOLS:
                out.append(_SYMBOLS[name])
            else:
                out.append(name)  # \tanh, \max, \log, \exp, \erf...
        elif ch in "^_":
            arg, i = _group(latex, i + 1)
            rendered = latex_to_text(arg)
            out.append(_script(rendered, _SUPERSCRIPT if ch == "^" else _SUBSCRIPT, ch))
        elif ch in "{}":
            i += 1
        else:
            out.append(ch)
            i += 1
    return re.sub(r" {2,}", " ", "".join(out)).strip()
