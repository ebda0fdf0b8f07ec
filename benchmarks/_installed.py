"""The environment an installed actviz runs in, for whole-process benchmarks.

pip compiles a package's bytecode when it installs it; a checkout run with
PYTHONDONTWRITEBYTECODE set would instead recompile all of actviz (~75 ms) on
every run, which no user pays.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def installed_env(root: Path = ROOT, **extra: str) -> dict[str, str]:
    """os.environ with actviz importable from the checkout ``root`` (this one by default),
    its bytecode compiled, and bytecode writing allowed; ``extra`` variables added."""
    compileall.compile_dir(Path(root) / "actviz", quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    return {**env, **extra}
