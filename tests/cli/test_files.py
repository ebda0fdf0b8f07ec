"""Where pictures go: symlinks, pipes, standard output, folders, existing files,
signals and concurrent runs (issue 15), and the options checked before any work."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from tests.helpers import one_line_error as _one_line_error
from tests.processes import SIGNALS, needs_child_list, start_with_workers, stop_and_check

runner = CliRunner()
SMALL = ["--size", "320x180"]
PNG = b"\x89PNG\r\n\x1a\n"


def test_a_symlink_writes_its_target_and_stays_a_link(tmp_path):
    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(real)
    result = runner.invoke(app, ["plot", "relu", "-o", str(link), *SMALL])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(PNG)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.png", "real.png"]


def test_a_named_pipe_is_written_in_place_never_replaced(tmp_path):
    fifo = tmp_path / "fifo.png"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["plot", "relu", "-o", str(fifo), *SMALL])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert received and received[0].startswith(PNG)
    assert fifo.is_fifo()  # still the pipe, not a regular file renamed over it
    assert [p.name for p in tmp_path.iterdir()] == ["fifo.png"]


def test_dash_writes_the_picture_to_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["plot", "relu", "-o", "-", "--format", "svg", *SMALL])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.lstrip().startswith(b"<?xml") and b"</svg>" in result.stdout_bytes
    assert list(tmp_path.iterdir()) == []
    png = runner.invoke(app, ["plot", "relu", "-o", "-", *SMALL])
    assert png.stdout_bytes.startswith(PNG)


def test_decay_text_goes_to_stderr_when_the_picture_goes_to_stdout():
    result = runner.invoke(app, ["decay", "tanh", "--depth", "3", "--width", "8", "--batch", "4", "-o", "-", "--size", "800x450"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(PNG)
    assert "chi_1" in result.stderr


def test_folders_and_sockets_are_refused_and_left_alone(tmp_path):
    folder = tmp_path / "pictures.png"
    folder.mkdir()
    _one_line_error(runner.invoke(app, ["plot", "relu", "-o", str(folder), *SMALL]), "it is a folder")
    assert folder.is_dir() and list(folder.iterdir()) == []
    server = socket.socket(socket.AF_UNIX)
    where = tmp_path / "s.png"
    server.bind(str(where))
    try:
        _one_line_error(runner.invoke(app, ["plot", "relu", "-o", str(where), *SMALL]), "it is a socket")
        assert where.is_socket()
    finally:
        server.close()


def test_replacing_a_file_says_so(tmp_path):
    target = tmp_path / "f.png"
    first = runner.invoke(app, ["plot", "relu", "-o", str(target), *SMALL])
    assert first.exit_code == 0 and "overwrote" not in first.stderr
    second = runner.invoke(app, ["plot", "elu", "-o", str(target), *SMALL])
    assert second.exit_code == 0
    assert second.stdout.strip() == str(target)
    assert second.stderr.strip() == f"overwrote {target}"


def test_suffix_and_format_must_agree(tmp_path):
    _one_line_error(runner.invoke(app, ["plot", "relu", "-o", str(tmp_path / "z.png"), "--format", "pdf"]),
                    "z.png names a .png file but --format is pdf")
    _one_line_error(runner.invoke(app, ["decay", "relu", "-o", str(tmp_path / "z.svg"), "--format", "png"]),
                    "--format is png")
    assert list(tmp_path.iterdir()) == []


def test_default_names_of_long_formulas_are_short_and_distinct(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    long_a = "+".join(["x*tanh(softplus(x))"] * 20)
    long_b = "+".join(["x*tanh(softplus(x))"] * 19 + ["x"])
    for formula in (long_a, long_b):
        result = runner.invoke(app, ["plot", formula, *SMALL])
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and all(len(n) <= 84 and "/" not in n and "*" not in n for n in names)
    result = runner.invoke(app, ["plot", "elu:alpha=1e+50", *SMALL])
    assert result.stdout.strip() == "elu-alpha-1e+50.png"  # '+' kept: not the name of 1e-50


@pytest.mark.parametrize("title", ["$$", "$^^$", r"$\undefined$", "${" + "{" * 300 + "$", "cost in $", "$x$ and $"])
def test_a_title_that_is_not_valid_mathtext_is_plain_text(tmp_path, title):
    from actviz.cli.output import plain_title

    target = tmp_path / "t.svg"
    result = runner.invoke(app, ["plot", "relu", "-o", str(target), "--title", title, *SMALL])
    assert result.exit_code == 0, result.output
    assert plain_title(title).replace(r"\$", "$") == title
    assert plain_title(r"$\alpha$ = 0.1") == r"$\alpha$ = 0.1"  # valid mathtext stays math


@pytest.mark.parametrize("argv, fragment", [
    (["--dpi", "1e4"], "invalid --dpi 10000.0"),
    (["--dpi", "1e308"], "invalid --dpi"),
    (["--dpi", "inf"], "invalid --dpi inf"),
    (["--dpi", "1e-320"], "invalid --dpi"),
    (["--dpi", "0.001"], "invalid --dpi"),
    (["--size", "100000x100000"], "would take 40,017 MB"),
    (["--size", "30000x30000"], "would take 3,617 MB"),
    (["--size", "1x1"], "at least 64 pixels"),
    (["--dpi", "1200"], "lower --size or --dpi"),
])
def test_picture_sizes_are_bounded_before_any_work(tmp_path, argv, fragment):
    target = tmp_path / "good.png"
    target.write_bytes(b"good")
    _one_line_error(runner.invoke(app, ["plot", "relu", "-o", str(target), *argv]), fragment)
    assert target.read_bytes() == b"good"


@pytest.mark.parametrize("command", [["plot", "relu"], ["decay", "relu", "--depth", "2"], ["softmax", "1", "2"],
                                     ["phase", "tanh"], ["glu", "swiglu"]])
def test_show_without_a_display_fails_first_and_keeps_the_file(tmp_path, command):
    target = tmp_path / "good.png"
    target.write_bytes(b"good")
    _one_line_error(runner.invoke(app, [*command, "-o", str(target), "--show"]), "--show needs a display")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["good.png"]


@pytest.mark.parametrize("folder", ["good.png", "/proc/actviz-gallery"])
def test_gallery_into_a_file_or_an_impossible_place_is_one_line(tmp_path, monkeypatch, folder):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.png").write_bytes(b"good")
    _one_line_error(runner.invoke(app, ["gallery", folder]), "cannot write the gallery")
    assert (tmp_path / "good.png").read_bytes() == b"good"


def test_command_line_basics():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"actviz {version('actviz')}"
    for argv in (["-h"], ["plot", "-h"], ["decay", "-h"], ["props", "-h"]):
        helped = runner.invoke(app, argv)
        assert helped.exit_code == 0 and "Usage:" in helped.stdout
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout
    _one_line_error(runner.invoke(app, []), "missing command: expected one of list, info")
    _one_line_error(runner.invoke(app, ["--bogus"]), "No such option: --bogus")


# -- signals and concurrency: real processes ------------------------------------------------
_SLOW_SAVE = """
import sys, time
from actviz.cli.main import main
from actviz.plotting import export

write_atomically = export.write_atomically

def slow(path, write):  # write half a picture, then take long enough to be interrupted
    def half(stream):
        stream.write(b"half a picture")
        stream.flush()
        time.sleep(60)
    return write_atomically(path, half)

export.write_atomically = slow
main(sys.argv[1:])
"""


def _default_sigint() -> None:
    """Ctrl-C as in a foreground run: a shell starts background jobs (a suite run with ``&``)
    with SIGINT ignored, and Python then leaves it ignored, so the child never stopped."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_a_save_is_one_line_and_leaves_the_old_file(tmp_path, signum, status):
    target = tmp_path / "good.png"
    target.write_bytes(b"good old picture")
    process = subprocess.Popen([sys.executable, "-c", _SLOW_SAVE, "plot", "relu", "-o", str(target), *SMALL],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                               env={**os.environ, "MPLBACKEND": "Agg"}, preexec_fn=_default_sigint)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status
    assert err.decode().strip() == "interrupted"
    assert target.read_bytes() == b"good old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["good.png"]


def test_eight_concurrent_writers_leave_one_complete_file(tmp_path):
    from actviz.plotting.export import write_atomically

    target = tmp_path / "same.bin"
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        def write(stream) -> None:  # noqa: ANN001
            start.wait()
            for _ in range(64):  # 1 MiB in pieces, so the writers overlap
                stream.write(bytes([n]) * 16384)
        write_atomically(target, write)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    data = target.read_bytes()
    assert len(data) == 64 * 16384 and len(set(data)) == 1  # one writer's whole file, nobody's mix
    assert [p.name for p in tmp_path.iterdir()] == ["same.bin"]


@pytest.mark.slow
def test_eight_concurrent_runs_leave_one_valid_file(tmp_path):
    from matplotlib.image import imread

    target = tmp_path / "same.png"
    command = [sys.executable, "-m", "actviz", "plot", "relu", "-o", str(target), *SMALL]
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env={**os.environ, "MPLBACKEND": "Agg"}) for _ in range(8)]
    errors = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * 8
    assert all(b"Traceback" not in e for e in errors)
    assert [p.name for p in tmp_path.iterdir()] == ["same.png"]
    assert imread(target).shape[:2] == (180, 320)


def test_font_tools_warnings_do_not_reach_the_user(tmp_path, monkeypatch, capfd):
    # fontTools logged "'created' timestamp seems very low" while embedding a font in a PDF
    import logging

    from actviz.plotting.export import save_figure
    from matplotlib.figure import Figure

    fig = Figure()
    fig.add_subplot().plot([0, 1])
    levels = []
    original = fig.savefig

    def record(*args, **kwargs):  # noqa: ANN002,ANN003
        logging.getLogger("fontTools.ttLib.tables._h_e_a_d").warning("'created' timestamp seems very low")
        levels.append(logging.getLogger("fontTools").getEffectiveLevel())
        return original(*args, **kwargs)

    monkeypatch.setattr(fig, "savefig", record)
    save_figure(fig, tmp_path / "f.pdf")
    assert levels == [logging.ERROR]
    assert "timestamp" not in capfd.readouterr().err


@needs_child_list
@pytest.mark.parametrize("how", [s[0] for s in SIGNALS])
def test_a_signal_stops_the_gallery_workers_at_once(tmp_path, how):
    """Ctrl-C or kill ends the drawing workers instead of
    letting them draw the rest of the queue (the executor used before drew on for 51 s
    and wrote 175 of 210 files); every file written is whole."""
    process, workers = start_with_workers(["gallery", "out", "--jobs", "2"], tmp_path)
    out = tmp_path / "out"
    deadline = time.monotonic() + 60
    while not any(p.suffix == ".png" for p in out.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    stop_and_check(process, workers, how)
    written = [p for p in out.rglob("*") if p.is_file()]
    assert not any(".part" in p.name for p in written)
    assert len(written) < len(actviz.names(pointwise=True)) / 2, len(written)  # stopped, not drained
    for picture in written:
        data = picture.read_bytes()
        assert data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82"), picture  # PNG's first and last chunk
