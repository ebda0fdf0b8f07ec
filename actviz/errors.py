"""The exceptions a user of actviz can see.

Every error caused by bad input (an unknown name, an invalid parameter, a bad
range, an unwritable file...) is an :class:`ActvizError`. The command line
catches exactly this class, prints its message on one line and exits with
status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


class ActvizError(Exception):
    """Base class of every error caused by what the user asked for.

    A message about arguments names them as ``{name}`` placeholders, listed in
    ``arguments``: ``ActvizError("invalid {threshold} 0: expected ...",
    arguments=("threshold",))``. ``str(error)`` shows the Python parameter name
    (``invalid threshold 0``); :meth:`render` shows another name for each, so
    the command line can say ``invalid --threshold 0`` (the library speaks
    Python, the CLI speaks options).
    """

    def __init__(self, message: str, *, arguments: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.arguments = tuple(arguments)

    def render(self, names: Mapping[str, str]) -> str:
        """The message with every argument placeholder replaced by ``names[argument]``
        (the argument's own name where ``names`` has none)."""
        text = self.args[0]
        for argument in self.arguments:
            text = text.replace("{" + argument + "}", names.get(argument, argument))
        return text

    def __str__(self) -> str:
        return self.render({})


class UnknownActivationError(ActvizError, KeyError):
    """A name that is neither a canonical activation name nor an alias."""

    __str__ = ActvizError.__str__  # KeyError's would repr() the message


class ParameterError(ActvizError, ValueError):
    """An unknown parameter name or a parameter value outside its domain."""


class SpecError(ActvizError, ValueError):
    """A malformed ``name:param=value,...`` specification string."""


def did_you_mean(word: str, choices: Iterable[str], n: int = 3, aliases: Mapping[str, str] | None = None) -> str:
    """Return ``"; did you mean 'a', 'b'?"`` for the closest choices, or ``""``.

    With ``aliases`` (alias -> canonical name), a matching alias is suggested as
    its canonical name, and each name once.
    """
    close = difflib.get_close_matches(word, list(choices), n=2 * n, cutoff=0.6)
    if aliases:
        close = list(dict.fromkeys(aliases.get(c, c) for c in close))
    if not close:
        return ""
    return "; did you mean " + ", ".join(f"'{c}'" for c in close[:n]) + "?"
