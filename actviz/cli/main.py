"""The entry point of ``actviz`` and ``python -m actviz``.

Typer builds every registered command (with all its options) on each call, and
each command module has imports of its own; so a command line loads only the
module that defines its command: measured 40 ms less for ``actviz info gelu``,
which must answer within 0.15 s of ``import numpy``. ``--help``, no command or
an unknown one load everything (for the listing and the "did you mean").
"""

from __future__ import annotations

import importlib
import signal
import sys

COMMAND_MODULES = {
    "list": "catalogue",
    "info": "catalogue",
    "plot": "plot",
    "compare": "plot",
    "saturation": "plot",
    "gallery": "plot",
    "props": "props",
    "decay": "propagation",
    "theory": "propagation",
    "phase": "propagation",
    "softmax": "nonpointwise",
    "glu": "nonpointwise",
    "maxout": "nonpointwise",
    "band": "nonpointwise",
    "train": "training",
    "claims": "claims",
    "spectrum": "spectrum",
    "cmap": "spectrum",
    "init": "initialisation",
}
"""Which module of actviz.cli defines each command (a test checks it against the full app)."""

def main(argv: list[str] | None = None) -> None:
    """Run the command line ``argv`` (default ``sys.argv[1:]``). Ctrl-C and SIGTERM
    end it with one line, "interrupted", and exit status 130 or 143."""
    from .base import Interrupted

    def terminate(_signum, _frame):  # noqa: ANN001,ANN202
        raise Interrupted()

    signal.signal(signal.SIGTERM, terminate)
    args = sys.argv[1:] if argv is None else argv
    try:
        command = next((a for a in args if not a.startswith("-")), None)
        module = COMMAND_MODULES.get(command or "")
        importlib.import_module(f"actviz.cli.{module}" if module else "actviz.cli.app")
        from .base import app

        app(args=args, prog_name="actviz")
    except KeyboardInterrupt as error:  # before or after the command ran (the command itself says so)
        from .base import interrupted

        sys.exit(interrupted(error).exit_code)
