"""A progress bar for the commands that compute for a while: rich.progress on
stderr, shown only once the work has taken more than a second."""

from __future__ import annotations

import time


class LazyProgress:
    """A rich progress bar on stderr that appears only once the work has taken more than a second."""

    def __init__(self, total: int, description: str) -> None:
        self.total, self.description = total, description
        self.offset = 0
        self.started = time.perf_counter()
        self.bar = None
        self.task = None

    def update(self, done: int, _total: int) -> None:
        if self.bar is None:
            if time.perf_counter() - self.started < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=self.total)
        self.bar.update(self.task, completed=self.offset + done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
