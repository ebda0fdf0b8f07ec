"""Real-process helpers for the signal tests of the commands with worker processes:
start ``actviz`` in its own session (as a terminal's foreground job), find its workers
through Linux's /proc, and tell whether they still run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HAS_CHILD_LIST = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists()
needs_child_list = pytest.mark.skipif(not HAS_CHILD_LIST, reason="needs Linux's /proc children list")


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that still exist."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _default_sigint() -> None:
    """Ctrl-C as in a foreground run: a suite started in the background (``&``) has SIGINT
    ignored, the child inherits that and Python leaves it so (CI run that way failed here)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_with_workers(argv: list[str], cwd: Path, workers: int = 2) -> tuple[subprocess.Popen, list[int]]:
    """``actviz ARGV`` in a new session, once ``workers`` worker processes have started."""
    process = subprocess.Popen([sys.executable, "-m", "actviz", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=cwd, start_new_session=True, env={**os.environ, "MPLBACKEND": "Agg"},
                               preexec_fn=_default_sigint)
    deadline = time.monotonic() + 60
    while len(found := children(process.pid)) < workers:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    return process, found


def wait_until_ended(pids: list[int], seconds: float = 10.0) -> list[int]:
    """The pids still running after up to ``seconds`` (the ended are reaped by init)."""
    deadline = time.monotonic() + seconds
    while any(running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if running(p)]


SIGNALS = [("Ctrl-C", signal.SIGINT, 130), ("kill", signal.SIGTERM, 143)]
"""How a command is stopped, the signal and the exit status it must answer with: Ctrl-C in a
terminal reaches the whole process group, kill only the parent."""


def stop_and_check(process: subprocess.Popen, workers: list[int], how: str) -> None:
    """Stop ``process`` as ``how`` says (one of :data:`SIGNALS`); it must answer
    "interrupted" with the signal's status, and no worker may outlive it."""
    _, signum, status = next(s for s in SIGNALS if s[0] == how)
    if how == "Ctrl-C":
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status and err.decode().strip() == "interrupted", (process.returncode, err)
    assert wait_until_ended(workers) == []
