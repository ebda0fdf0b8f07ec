"""The shipped equivalence table (actviz/analysis/equivalences.json) is what the finder finds
over the catalogue now, and `actviz info` reads it without sampling anything or importing scipy."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from actviz.analysis import equivalence_table
from actviz.cli.app import app

runner = CliRunner()


def test_shipped_table_is_current():
    # recomputed from the functions; on failure: python -m actviz.analysis.equivalence_table --write
    assert equivalence_table.load() == equivalence_table.compute()


def test_every_member_of_a_class_is_written_with_another_member():
    # a class is the closure of the pairs found, so a member may match only some of the others
    # (laplace matches erf but not probit directly: their constants are 6-digit roundings)
    table = equivalence_table.load()
    for members in table["classes"]:
        for spec in members:
            texts = table["same_as"][spec]
            assert texts and all(any(other in text for other in members if other != spec) for text in texts), spec


def test_info_names_equivalents_from_the_table_without_scipy():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from actviz.cli.app import app\n"
        "result = CliRunner().invoke(app, ['info', 'quick_gelu', 'relu'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(result.stdout)\n"
        "print('scipy imported' if 'scipy' in sys.modules else 'no scipy')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "same as swish:beta=1.702" in out and "no scipy" in out
    assert "same as relu(x + 0.05) - 0.05" not in out  # relu is written with nothing; displaced_relu is


def test_info_at_other_parameters_finds_them_only_with_e():
    plain = runner.invoke(app, ["info", "swish:beta=1.702"])
    assert plain.exit_code == 0 and "same as" not in plain.stdout
    live = runner.invoke(app, ["info", "swish:beta=1.702", "-e"])
    assert live.exit_code == 0 and "same as quick_gelu" in live.stdout
