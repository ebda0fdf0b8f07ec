"""A progress bar for long commands (deep stacks, the gallery), on stderr so that data
printed to stdout stays clean; rich is imported only once a bar is shown. And the option
of the commands that train several runs at once (``train``, ``claims``)."""

from __future__ import annotations

import time
from typing import Annotated

import typer

RunJobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Runs trained at once, one process each (default: one per core).")]


class LazyProgress:
    """A rich progress bar on stderr that appears only once the work has taken more than a
    second, and only where stderr is a terminal: piped or redirected, rich would leave a blank
    line there (a log, or a test's captured stderr, got it under load).

    ``total`` 0 takes the total from the first :meth:`update` that shows the bar."""

    def __init__(self, total: int, description: str) -> None:
        self.total, self.description = total, description
        self.offset = 0
        self.started = time.perf_counter()
        self.bar = None
        self.task = None
        self.silent = False

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if self.silent or time.perf_counter() - self.started < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            console = Console(stderr=True)
            if not console.is_terminal:
                self.silent = True
                return
            self.bar = Progress(console=console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=self.total or total)
        self.bar.update(self.task, completed=self.offset + done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
