"""Errors: the library names Python parameters, the command line names options."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actviz.cli.app import app
from actviz.errors import ActvizError, UnknownActivationError
from actviz.analysis.saturation import check_threshold

_PACKAGE = Path(__file__).resolve().parents[1] / "actviz"


def test_arguments_render_as_python_names_or_as_given():
    error = ActvizError("invalid {x_range} 3 -3 (e.g. {x_range} -5 5)", arguments=("x_range",))
    assert str(error) == "invalid x_range 3 -3 (e.g. x_range -5 5)"
    assert error.render({"x_range": "--range"}) == "invalid --range 3 -3 (e.g. --range -5 5)"
    # braces that are not a declared argument are left alone (formulas, sets)
    assert str(ActvizError("bad {a} in {x}", arguments=("a",))) == "bad a in {x}"
    assert str(UnknownActivationError("unknown activation 'x'")) == "unknown activation 'x'"


def test_a_library_error_names_the_python_parameter_and_the_cli_the_option():
    with pytest.raises(ActvizError) as caught:
        check_threshold(0.0)
    assert str(caught.value).startswith("invalid threshold 0")
    result = CliRunner().invoke(app, ["saturation", "relu", "--threshold", "0"])
    assert result.exit_code == 2
    assert "error: invalid --threshold 0" in result.output


def _raised_texts(path: Path) -> list[str]:
    """The string pieces of every ``raise`` statement in a module."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            texts += [n.value for n in ast.walk(node.exc) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return texts


def test_no_library_error_message_names_a_command_line_option():
    option = re.compile(r"(^|[\s(])--?[a-z]")
    offenders = [(str(path.relative_to(_PACKAGE)), text)
                 for path in _PACKAGE.rglob("*.py") if "cli" not in path.relative_to(_PACKAGE).parts
                 for text in _raised_texts(path) if option.search(text)]
    assert offenders == []
