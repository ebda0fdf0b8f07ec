"""Recursive-descent parser of the formula language into a :class:`~.tree.Node` tree.

Grammar (lowest precedence first; ``**`` is right-associative and binds
tighter than a unary minus on its left, as in Python, so ``-x**2`` is
``-(x**2)`` and ``2**-x`` is allowed)::

    formula    := sum [ ("<" | "<=" | ">" | ">=") sum ]
    sum        := product { ("+" | "-") product }
    product    := unary { ("*" | "/") unary }
    unary      := ("+" | "-") unary | power
    power      := primary [ "**" unary ]
    primary    := NUMBER | "x" | "pi" | "e" | PARAMETER | "(" formula ")"
                | FUNCTION "(" formula { "," formula } ")"
                | ACTIVATION "(" formula { "," NAME "=" formula } ")"

Recursion is bounded: the parser refuses more than :data:`MAX_DEPTH` levels
of nesting before Python's own stack could be at risk.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import registry
from ..errors import UnknownActivationError, did_you_mean
from .functions import BUILTINS, CONSTANTS
from .tokens import END, NAME, NUMBER, OPERATOR, FormulaError, Token, tokenize
from .tree import CALL, CATALOGUE, CMP, NEG, NUM, PARAM, X, Node

MAX_DEPTH = 48
"""The deepest nesting accepted: levels of parentheses, calls and unary signs."""
MAX_TREE_DEPTH = 120
"""The deepest expression tree accepted: a flat sum or product of n terms is a tree
n deep (left-associative, as Python reads it), so 49 terms must not count as 49
levels of nesting; the tree walkers (evaluation, derivatives, rendering) recurse
about four frames a level, within Python's limit of 1000."""

_COMPARISONS = ("<", "<=", ">", ">=")


def function_names() -> list[str]:
    """Every name callable in a formula: built-ins and pointwise catalogue activations."""
    return sorted({*BUILTINS, *registry.names(pointwise=True)})


def parse(text: str) -> Node:
    """The tree of the formula ``text``.

    Raises :class:`~.tokens.FormulaError` (an ActvizError) naming the column
    of the first problem; nothing of the text is ever executed.
    """
    if not isinstance(text, str):
        raise FormulaError(f"a formula is a string, not {type(text).__name__}")
    return _Parser(tokenize(text)).formula_to_end()


def _starts_operand(token: Token) -> bool:
    return token.kind in (NUMBER, NAME) or token.text == "("


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.nesting = 0

    # -- token helpers ---------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.position + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.peek()
        self.position += 1
        return token

    def at(self, *texts: str) -> bool:
        token = self.peek()
        return token.kind == OPERATOR and token.text in texts

    def expect(self, text: str, context: str) -> Token:
        if not self.at(text):
            raise self.error(self.peek(), f"expected '{text}' {context}")
        return self.take()

    @staticmethod
    def error(token: Token, message: str) -> FormulaError:
        found = "the end of the formula" if token.kind == END else f"'{token.text}'"
        return FormulaError(f"{message} at column {token.column}, found {found}")

    def node(self, column: int, kind: str, *args: Node, **data: object) -> Node:
        made = Node(kind, args, **data)
        if made.depth > MAX_TREE_DEPTH:
            raise FormulaError(f"formula too long at column {column}: its expression tree may be at most "
                               f"{MAX_TREE_DEPTH} levels deep (a sum or product of n terms is n levels)")
        return made

    def enter(self, token: Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise FormulaError(f"formula too deeply nested at column {token.column}: at most {MAX_DEPTH} levels")

    # -- grammar ---------------------------------------------------------------
    def formula_to_end(self) -> Node:
        if self.peek().kind == END:
            raise FormulaError("empty formula: expected an expression in x such as 'x*sigmoid(x)'")
        tree = self.formula()
        token = self.peek()
        if token.kind != END:
            if _starts_operand(token):
                raise FormulaError(f"missing operator before '{token.text}' at column {token.column}")
            raise self.error(token, "unexpected token")
        return tree

    def formula(self) -> Node:
        left = self.sum()
        if self.at(*_COMPARISONS):
            token = self.take()
            right = self.sum()
            if self.at(*_COMPARISONS):
                raise FormulaError(f"comparisons cannot be chained at column {self.peek().column}; use where()")
            left = self.node(token.column, CMP, left, right, name=token.text)
        return left

    def chain(self, operators: tuple[str, ...], operand: Callable[[], Node]) -> Node:
        """operand { operator operand }, left-associative, in a loop (no recursion per term)."""
        left = operand()
        while self.at(*operators):
            token = self.take()
            left = self.node(token.column, token.text, left, operand())
        return left

    def sum(self) -> Node:
        return self.chain(("+", "-"), self.product)

    def product(self) -> Node:
        return self.chain(("*", "/"), self.unary)

    def unary(self) -> Node:
        if not self.at("+", "-"):
            return self.power()
        token = self.take()
        self.enter(token)
        operand = self.unary()
        self.nesting -= 1
        return operand if token.text == "+" else self.node(token.column, NEG, operand)

    def power(self) -> Node:
        base = self.primary()
        if not self.at("**"):
            return base
        token = self.take()
        self.enter(token)
        exponent = self.unary()
        self.nesting -= 1
        return self.node(token.column, "**", base, exponent)

    def primary(self) -> Node:
        token = self.peek()
        if token.kind == NUMBER:
            self.take()
            return Node(NUM, value=token.value, name=token.text)
        if token.kind == NAME:
            self.take()
            if self.at("("):
                return self.call(token)
            return self.name(token)
        if self.at("("):
            self.take()
            self.enter(token)
            inner = self.formula()
            self.expect(")", f"to close the '(' of column {token.column}")
            self.nesting -= 1
            return inner
        raise self.error(token, "expected a number, x, a name or '('")

    def name(self, token: Token) -> Node:
        word = token.text
        if word == "x":
            return X
        if word in CONSTANTS:
            return Node(NUM, value=CONSTANTS[word], name=word)
        if word in BUILTINS or word in registry.names(pointwise=True):
            raise FormulaError(f"'{word}' at column {token.column} is a function: write {word}(...)")
        if self.at("="):
            raise self.error(self.peek(), "keyword arguments only go inside an activation's parentheses")
        return Node(PARAM, name=word)

    def call(self, token: Token) -> Node:
        opening = self.take()
        self.enter(opening)
        positional: list[Node] = []
        keywords: list[tuple[Token, Node]] = []
        while not self.at(")"):
            if positional or keywords:
                self.expect(",", f"between the arguments of {token.text}()")
            if self.peek().kind == NAME and self.peek(1).text == "=" and self.peek(1).kind == OPERATOR:
                key = self.take()
                self.take()
                keywords.append((key, self.formula()))
            elif keywords:
                raise self.error(self.peek(), "positional argument after a keyword argument")
            else:
                positional.append(self.formula())
        self.expect(")", f"to close the '(' of column {opening.column}")
        self.nesting -= 1
        if token.text in BUILTINS:
            return self.builtin(token, positional, keywords)
        return self.activation(token, positional, keywords)

    def builtin(self, token: Token, positional: list[Node], keywords: list[tuple[Token, Node]]) -> Node:
        function = BUILTINS[token.text]
        if keywords:
            key = keywords[0][0]
            raise FormulaError(f"{token.text}() takes no keyword arguments, got '{key.text}' at column {key.column}")
        if len(positional) != function.arity:
            plural = "s" if function.arity > 1 else ""
            raise FormulaError(
                f"{token.text}() at column {token.column} takes {function.arity} argument{plural}, "
                f"got {len(positional)}"
            )
        return self.node(token.column, CALL, *positional, name=token.text)

    def activation(self, token: Token, positional: list[Node], keywords: list[tuple[Token, Node]]) -> Node:
        try:
            entry = registry.lookup(token.text)
        except UnknownActivationError:
            hint = did_you_mean(token.text, function_names()) or (
                f" (built-ins: {', '.join(sorted(BUILTINS))}; `actviz list` shows the activations)"
            )
            raise FormulaError(f"unknown function '{token.text}' at column {token.column}{hint}") from None
        if not entry.pointwise:
            raise FormulaError(f"'{entry.name}' at column {token.column} is not pointwise, so not usable in a formula")
        if len(positional) != 1:
            raise FormulaError(
                f"{token.text}() at column {token.column} takes 1 argument and keyword parameters, "
                f"got {len(positional)} arguments"
            )
        declared = [p.name for p in entry.parameters]
        seen: set[str] = set()
        for key, value in keywords:
            if key.text not in declared:
                valid = ", ".join(declared) if declared else "none"
                raise FormulaError(
                    f"unknown parameter '{key.text}' of {entry.name} at column {key.column} (its parameters: {valid})"
                    + did_you_mean(key.text, declared)
                )
            if key.text in seen:
                raise FormulaError(f"parameter '{key.text}' given twice at column {key.column}")
            if value.variable:
                raise FormulaError(f"parameter '{key.text}' of {entry.name} at column {key.column} cannot depend on x")
            seen.add(key.text)
        pairs = tuple((key.text, value) for key, value in keywords)
        return self.node(token.column, CATALOGUE, positional[0], name=entry.name, keywords=pairs)
