"""The core never imports the plotting or command-line stacks, the quick
commands never import scipy or matplotlib (they cost more than the command),
and imports among actviz's modules run one way, without cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


def test_analysis_and_terminal_load_no_matplotlib():
    loaded = _modules_after(
        "import actviz.analysis.properties, actviz.analysis.saturation, actviz.analysis.sampling, "
        "actviz.analysis.gaussian, actviz.analysis.limits, actviz.analysis.vector, actviz.analysis.cost, "
        "actviz.terminal.canvas, actviz.terminal.curves, actviz.terminal.vector, actviz.terminal.propagation"
    )
    assert "matplotlib" not in loaded


@pytest.mark.parametrize("argv", [["plot", "gelu", "--terminal"], ["saturation", "relu", "--terminal"],
                                  ["compare", "relu", "elu", "--terminal"], ["maxout", "--terminal"],
                                  ["softmax", "1", "2", "--terminal"]])
def test_terminal_commands_never_load_matplotlib(argv):
    code = (f"import sys; sys.argv = ['actviz', *{argv!r}]\nfrom actviz.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code")
    loaded = _modules_after(code)
    assert "plotext" in loaded  # it did draw in characters
    assert "matplotlib" not in loaded


def test_the_plot_accessor_and_the_text_reprs_load_matplotlib_only_when_drawing():
    code = (
        "import sys, actviz\n"
        "act = actviz.get('gelu')\n"
        "accessor = act.plot\n"
        "act._repr_markdown_(); act._repr_latex_()\n"
        "assert 'matplotlib' not in sys.modules, 'loaded before drawing'\n"
        "accessor()\n"
        "assert 'matplotlib' in sys.modules\n"
    )
    assert "numpy" in _modules_after(code)  # the asserts inside passed (check=True)


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


# -- the module graph -------------------------------------------------------------------------

_PACKAGE = Path(__file__).resolve().parents[1] / "actviz"


def _module_name(path: Path) -> str:
    parts = path.relative_to(_PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """actviz module -> the actviz modules it imports, anywhere in its text (lazy imports
    inside functions count: they run the same way, only later)."""
    modules = {_module_name(p): p for p in _PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base[: len(base) - node.level + (1 if is_package else 0)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                # `from pkg import sub` imports the module pkg.sub when there is one
                targets = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem for alias in node.names]
            else:
                continue
            edges |= {t for t in targets if t in modules and t != name}
        graph[name] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles_among_actviz_modules():
    graph = {k: v - {"actviz"} for k, v in _import_graph().items()}  # the package's own __init__ re-exports
    assert _cycles(graph) == []


_LAYERS = {  # a package of actviz -> the packages it may never import
    "actviz.entry": ("actviz.registry", "actviz.specs", "actviz.expr", "actviz.catalog"),
    "actviz.registry": ("actviz.specs", "actviz.expr", "actviz.catalog"),
    "actviz.catalog": ("actviz.specs",),  # entries declared by formula build on actviz.expr
    "actviz.expr": ("actviz.specs",),
}
_PRESENTATION = ("actviz.plotting", "actviz.terminal", "actviz.formats", "actviz.cli", "actviz.plot")
_CORE = ("actviz.entry", "actviz.registry", "actviz.specs", "actviz.catalog", "actviz.expr", "actviz.analysis",
         "actviz.propagation", "actviz.training", "actviz.errors")


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_imports_run_one_way():
    """core -> analysis -> plotting | terminal | formats -> cli, and within the core
    specs -> catalog -> expr -> registry -> entry (expr borrows only the catalogue's
    numerics modules, catalog._*)."""
    wrong = []
    for module, targets in _import_graph().items():
        for target in targets:
            if any(_within(module, core) for core in _CORE) and any(_within(target, p) for p in _PRESENTATION):
                wrong.append((module, target))
            if module not in ("actviz.cli", "actviz.__main__") and not _within(module, "actviz.cli") \
                    and _within(target, "actviz.cli"):
                wrong.append((module, target))
            if _within(module, "actviz.expr") and _within(target, "actviz.catalog") \
                    and not target.rsplit(".", 1)[1].startswith("_"):
                wrong.append((module, target))  # expr uses the catalogue's numerics, never its entries
            for package, forbidden in _LAYERS.items():
                if _within(module, package) and any(_within(target, f) for f in forbidden):
                    wrong.append((module, target))
    assert wrong == []


def test_every_package_folder_has_an_init_so_a_plain_install_ships_it():
    """setuptools' package finder skips a folder without __init__.py: `pip install .`
    (the README's first command) would install actviz without it."""
    from setuptools import find_packages

    folders = {".".join(p.relative_to(_PACKAGE.parent).parts) for p in _PACKAGE.rglob("*")
               if p.is_dir() and p.name != "__pycache__"} | {"actviz"}
    assert folders == set(find_packages(str(_PACKAGE.parent), include=["actviz*"]))
