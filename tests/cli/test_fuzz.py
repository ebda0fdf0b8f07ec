"""Fuzzing the command line (issue 15): argument vectors built from each command's
own parameters (read from the Typer app, so new options are fuzzed too), values
drawn from hostile pools (domain edges, huge and tiny numbers, non-finite ones,
malformed specs and formulas, bad sizes, paths that cannot be written).

Every run must end with status 0 or 2, no traceback, no warning (pytest turns
warnings into errors, which would surface as an exception), one line on stderr for
a failure, no file left or changed by a failure, no temporary file ever, and JSON
without nan or inf. The default profile is fixed (derandomized) and short; the long
one runs by hand: ``pytest tests/cli/test_fuzz.py -m slow`` (ACTVIZ_FUZZ_EXAMPLES
sets its size, 2000 by default).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app

runner = CliRunner()
COMMANDS = typer.main.get_command(app).commands
# gallery writes two hundred pictures and claims trains about twenty networks (minutes each):
# not fuzzed (a derandomized draw reached a plain `actviz claims`, which ran for 15 minutes);
# their bad folders are tested in tests/cli/test_files.py and tests/training/test_claims.py
SKIPPED = {"gallery", "claims"}

FLOATS = ["0", "-0.0", "1", "-1", "0.5", "3", "-3", "40", "1e-320", "5e-324", "1e300", "1.7976931348623157e308",
          "-1e308", "inf", "-inf", "nan", "1e4", "0.001"]
INTS = ["0", "1", "2", "3", "-1", "8", "400", "99999999999999999999999"]
SLOW_INTS = ["100000"]
"""Sizes that are valid and run for minutes (spectrum --depth 100000: about 3 minutes, within its
one-hour limit): the long profile only."""
NAMES = actviz.names()
FORMULAS = ["x*tanh(softplus(x))", "sinh(x)", "exp(x)", "x/0", "log(x)", "-x", "relu(relu(relu(x)))",
            "+".join(["x"] * 49), "x**1e308", "(((((x)))))", "1/(1+exp(-x))", "sqrt(x)", "x^^2", "", "$",
            "leaky-relu", "elu(x, alpha=1e308)", "leaky_relu(x, negative_slope=1e308)", "abs(x)*1e300"]
STRINGS = ["slide", "paper", "square", "320x180", "1x1", "100000x100000", "big", "light", "dark", "neon", "png",
           "svg", "pdf", "json", "csv", "jpg", "table", "markdown", "xavier", "he", "critical", "orthogonal",
           "$$", r"$\alpha$", "${{{$", "1,2", "1,-0.5,0.2", "a,b", "range", "name,range", "vector", "smooth"]


def _spec() -> st.SearchStrategy[str]:
    def with_param(name: str) -> st.SearchStrategy[str]:
        params = actviz.get(name).parameters if name in NAMES else ()
        if not params:
            return st.just(name)
        return st.tuples(st.sampled_from([p.name for p in params]), st.sampled_from(FLOATS + ["10**400"])).map(
            lambda pv: f"{name}:{pv[0]}={pv[1]}")

    return st.one_of(st.sampled_from(NAMES), st.sampled_from(NAMES).flatmap(with_param),
                     st.sampled_from(FORMULAS), st.text(alphabet="xe()+-*/.,:=1 abcr_", max_size=12))


def _value(param, workdir: Path, ints: list[str]) -> st.SearchStrategy:  # noqa: ANN001  (a click Parameter)
    kind = type(param.type).__name__
    if param.name in ("path", "folder"):
        return st.sampled_from([str(workdir / "out.png"), str(workdir / "out.svg"), str(workdir / "out.pdf"),
                                str(workdir / "out.jpg"), str(workdir / "good.png"), str(workdir / "missing" / "a.png"),
                                str(workdir / "folder"), str(workdir / "noext"), "/proc/actviz/x.png"])
    if kind in ("FloatParamType", "FloatRange"):
        return st.sampled_from(FLOATS)
    if kind in ("IntParamType", "IntRange"):
        return st.sampled_from(ints)
    if kind == "Tuple":
        return st.tuples(st.sampled_from(FLOATS), st.sampled_from(FLOATS))
    if hasattr(param.type, "choices"):
        return st.sampled_from([str(getattr(c, "value", c)) for c in param.type.choices] + ["bogus"])
    if param.name in ("specs", "spec", "variant"):
        return _spec()
    return st.sampled_from(STRINGS)


@st.composite
def command_lines(draw, workdir: Path, ints: list[str]) -> list[str]:  # noqa: ANN001
    name = draw(st.sampled_from(sorted(set(COMMANDS) - SKIPPED)))
    command = COMMANDS[name]
    argv = [name]
    for param in command.params:
        if param.param_type_name == "argument":
            count = 1 if param.nargs == 1 else draw(st.integers(1, 3))
            if param.name == "logits":
                argv += draw(st.lists(st.sampled_from(FLOATS), min_size=1, max_size=4))
            else:
                argv += [draw(_value(param, workdir, ints)) for _ in range(count)]
            continue
        if not draw(st.booleans()) or not draw(st.booleans()):  # each option in about a quarter of the runs
            continue
        if getattr(param, "is_flag", False):
            argv.append(param.opts[0])
            continue
        value = draw(_value(param, workdir, ints))
        argv += [param.opts[0], *(value if isinstance(value, tuple) else (value,))]
    # keep the successful runs cheap: small pictures and stacks unless the fuzz chose otherwise
    if "--size" not in argv and "size" in {p.name for p in command.params}:
        argv += ["--size", "400x225"]
    for option, value in (("--depth", "3"), ("--width", "8"), ("--batch", "4"), ("--resolution", "8"), ("--seeds", "1")):
        if option not in argv and option in {o for p in command.params for o in p.opts}:
            argv += [option, value]
    return argv


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _reject_constant(text: str) -> float:
    raise AssertionError(f"JSON holds {text}")


def check_command_line(argv: list[str], workdir: Path) -> int:
    """Run ``argv`` in ``workdir`` and check every promise of the module docstring; returns the exit status."""
    before = _files(workdir)
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        result = runner.invoke(app, argv)
    finally:
        os.chdir(cwd)
    after = _files(workdir)
    shown = f"actviz {' '.join(argv)}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{shown}: {type(result.exception).__name__}: {result.exception}") from result.exception
    assert result.exit_code in (0, 2), f"{shown}: exit {result.exit_code}: {result.output}"
    assert "Traceback" not in result.output, shown
    assert not any(name.endswith(".part") for name in after), f"{shown} left {sorted(after)}"
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), f"{shown}: {result.stderr!r}"
        assert after == before, f"{shown} failed but changed {sorted(set(after) ^ set(before))}"
    elif "json" in argv and result.stdout.lstrip().startswith(("[", "{")):
        json.loads(result.stdout, parse_constant=_reject_constant)
    return result.exit_code


@pytest.fixture()
def workdir(tmp_path):
    (tmp_path / "good.png").write_bytes(b"a good picture")
    (tmp_path / "folder").mkdir()
    return tmp_path


def _fuzz(workdir: Path, examples: int, ints: list[str] = INTS) -> dict[int, int]:
    counts = {0: 0, 2: 0}

    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(st.data())
    def run(data):  # noqa: ANN001
        argv = data.draw(command_lines(workdir, ints))
        (workdir / "good.png").write_bytes(b"a good picture")  # a run may legitimately replace it
        counts[check_command_line(argv, workdir)] += 1

    run()
    return counts


QUICK_EXAMPLES = 150
"""The CI profile: about 12 s on an idle machine."""


def test_fuzzed_command_lines_keep_every_promise(workdir):
    counts = _fuzz(workdir, QUICK_EXAMPLES)
    assert counts[0] + counts[2] == QUICK_EXAMPLES
    assert counts[0] > 0 and counts[2] > 0  # the pools reach both outcomes


@pytest.mark.slow
def test_fuzzed_command_lines_long_profile(workdir):
    examples = int(os.environ.get("ACTVIZ_FUZZ_EXAMPLES", "2000"))
    counts = _fuzz(workdir, examples, INTS + SLOW_INTS)
    print(f"fuzz: {examples} command lines, {counts[0]} succeeded, {counts[2]} refused with one line")


@pytest.mark.parametrize("argv", [
    ["plot", "relu", "--range", "-1e308", "1e308"],
    ["plot", "leaky_relu(x, negative_slope=1e308)"],
    ["plot", "elu:alpha=1e308"],
    ["saturation", "elu:alpha=1.7976931348623157e308"],
    ["softmax", "1e308", "1"],
    ["softmax", "3", "-1.5", "-t", "1e308"],
    ["decay", "sinh(x)"],
    ["cmap", "apl:a=1e300", "--size", "400x225"],  # E phi^2 overflowed in the map's end values (found by a fuzz draw)
    ["decay", "apl:a=1e300"],  # a fuzz draw: the violin's density estimate squared 1e300 (overflow in dot)
    ["decay", "apl:a=-1e308"],  # a fuzz draw: phi(h) = -inf in the violins made their rms nan
    ["plot", "relu", "--title", "$$"],
    ["props", "elu:alpha=1e308"],
    ["info", "elu:alpha=" + "1" * 400],
    ["phase", "exp(x)", "--resolution", "8"],  # found by the long profile: inf - inf in the Mehler sums
    ["props", "abs(x)*1e300"],  # found by the long profile: w*f*f overflowed in the Gaussian moments
    ["train", "relu", "--seeds", "99999999999999999999999", "--depth", "3", "--width", "8"],  # long profile: range() overflowed
    ["saturation", "ada", "--sigma", "1e-320", "--size", "400x225"],  # long profile: a/sigma overflowed
])
def test_findings_of_issue_15_keep_every_promise(workdir, argv):
    extra = ["--size", "800x450"] if argv[0] in ("plot", "saturation", "softmax", "decay", "phase") else []
    extra += ["--depth", "3", "--width", "8", "--batch", "4"] if argv[0] == "decay" else []
    check_command_line([*argv, *extra], workdir)
