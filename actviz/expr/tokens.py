"""Tokenizer of the formula language: ASCII numbers, names and operators.

Every number becomes a Python float at once (``1e999`` is ``inf``), so no later
step ever works with an arbitrary-precision integer. Anything that is not part
of the language (non-ASCII characters, quotes, brackets, dots after a name,
``==``) is refused here with its column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import SpecError
from ..entry import NUMBER_SYNTAX

MAX_LENGTH = 1000
"""The longest formula accepted, in characters; :mod:`actviz.specs` takes it as the limit of any spec."""

NUMBER = "number"
NAME = "name"
OPERATOR = "operator"
END = "end"

_OPERATORS = ("**", "<=", ">=", "+", "-", "*", "/", "(", ")", ",", "<", ">", "=")
_STRICT_NUMBER = re.compile(NUMBER_SYNTAX)
_NUMBER_LIKE = re.compile(r"[0-9.]+(?:[eE][+-]?)?[A-Za-z0-9_.]*")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_HINTS = {
    "^": "write powers as x**2",
    "[": "there is no indexing; group with parentheses",
    "]": "there is no indexing; group with parentheses",
    "{": "group with parentheses",
    "}": "group with parentheses",
    "'": "there are no strings",
    '"': "there are no strings",
    ".": "there is no attribute access",
    "!": "comparisons are <, <=, >, >=",
    ":": "parameter values follow the formula as 'FORMULA:b=1.5'",
}
_PYTHON_WORDS = frozenset(
    "lambda for in if else elif import from def class return and or not is while with yield as "
    "global nonlocal assert del pass raise try except finally async await None True False".split()
)


class FormulaError(SpecError):
    """A formula that is not in the language, with the column of the problem."""


@dataclass(frozen=True)
class Token:
    """One token: its kind, its source text, its 1-based column and, for a number, its value."""

    kind: str
    text: str
    column: int
    value: float = 0.0


def describe(char: str) -> str:
    """``"'ｘ' (U+FF58 FULLWIDTH LATIN SMALL LETTER X)"`` for a non-ASCII character."""
    if char.isascii() and char.isprintable():
        return repr(char)
    return f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``END`` token.

    Raises :class:`FormulaError` for a formula longer than :data:`MAX_LENGTH`,
    a character outside the language, a malformed number or a Python keyword.
    """
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula of {len(text)} characters is too long: at most {MAX_LENGTH}")
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char, column = text[i], i + 1
        if char in " \t":
            i += 1
        elif "0" <= char <= "9" or (char == "." and text[i + 1 : i + 2].isdigit() and text[i + 1].isascii()):
            grabbed = _NUMBER_LIKE.match(text, i).group(0)
            if not _STRICT_NUMBER.fullmatch(grabbed):
                prefix = _STRICT_NUMBER.match(grabbed)
                rest = grabbed[prefix.end() :] if prefix else ""
                hint = f" (write {prefix.group(0)}*{rest} for a product)" if rest[:1].isalpha() else ""
                raise FormulaError(f"malformed number '{grabbed}' at column {column}{hint}")
            tokens.append(Token(NUMBER, grabbed, column, float(grabbed)))
            i += len(grabbed)
        elif char.isascii() and char.isalpha():
            word = _NAME.match(text, i).group(0)
            if word in _PYTHON_WORDS:
                raise FormulaError(f"'{word}' at column {column} is Python, not part of a formula in x")
            tokens.append(Token(NAME, word, column))
            i += len(word)
        elif char == "_":
            raise FormulaError(f"unexpected '_' at column {column}: names start with a letter")
        elif text.startswith(("==", "!="), i):
            raise FormulaError(f"unexpected '{text[i:i + 2]}' at column {column}: comparisons are <, <=, >, >=")
        else:
            operator = next((op for op in _OPERATORS if text.startswith(op, i)), None)
            if operator is None:
                hint = _HINTS.get(char, "formulas use numbers, x, names, + - * / ** ( ) , < <= > >=")
                raise FormulaError(f"unexpected character {describe(char)} at column {column}: {hint}")
            tokens.append(Token(OPERATOR, operator, column))
            i += len(operator)
    tokens.append(Token(END, "", len(text) + 1))
    return tokens
