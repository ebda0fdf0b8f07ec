"""The core never imports the plotting or command-line stacks, and the quick
commands never import scipy or matplotlib (they cost more than the command)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split())


def test_import_actviz_loads_no_matplotlib_typer_rich_or_scipy():
    loaded = _modules_after("import actviz")
    for heavy in ("matplotlib", "typer", "rich", "scipy"):
        assert heavy not in loaded


@pytest.mark.parametrize("argv", [["list"], ["info", "gelu"], ["props", "relu"]])
def test_quick_commands_load_no_matplotlib_or_scipy(argv):
    code = f"import sys; sys.argv = ['actviz', *{argv!r}]\nfrom actviz.cli.main import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_after(code)
    assert "matplotlib" not in loaded
    assert "scipy" not in loaded


def test_entry_point_knows_the_module_of_every_command():
    """actviz.cli.main loads one command module per command line; its map must
    name exactly the commands the full app registers, each with its module."""
    from actviz.cli.app import app
    from actviz.cli.main import COMMAND_MODULES

    registered = {info.name or info.callback.__name__: info.callback.__module__.rsplit(".", 1)[1]
                  for info in app.registered_commands}
    assert registered == COMMAND_MODULES


@pytest.mark.parametrize("argv", [["info", "relu"], ["props", "relu", "--format", "json"]])
def test_a_command_line_loads_only_its_command_module(argv):
    loaded = _modules_after(
        f"import sys; sys.argv = ['actviz', *{argv!r}]\nfrom actviz.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    others = {"actviz.cli.plot", "actviz.cli.propagation", "actviz.cli.nonpointwise"}
    assert not others & loaded
