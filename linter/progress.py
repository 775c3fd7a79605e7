"""A progress bar on stderr for runs long enough to wonder about.

It appears only after a second, only on a terminal, and never with ``--quiet``,
so scripted runs and short runs print nothing extra. The bar moves stage by
stage, and within the rules stage, the longest of a book's run, piece by piece.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

STAGES = ("reading", "segmentation", "alignment", "rules", "grammar")
_DELAY = 1.0
_REFRESH = 0.2
_WIDTH = 20


class _StageLine:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._stage = ""
        self._done = 0
        self._part = 0.0
        self._stop = threading.Event()
        self._shown = False
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def enter(self, stage: str) -> None:
        if self._stage:
            self._done += 1
        self._stage = stage
        self._part = 0.0

    def advance(self, done: int, total: int) -> None:
        """How far the current stage has got: ``done`` of its ``total`` pieces of work."""
        self._part = done / total if total else 0.0

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        if self._shown:
            self._stream.write("\r\033[K")
            self._stream.flush()

    def _run(self) -> None:
        while not self._stop.wait(_REFRESH):
            elapsed = time.monotonic() - self._started
            if elapsed >= _DELAY:
                self._draw(elapsed)

    def _draw(self, elapsed: float) -> None:
        total, part = len(STAGES), self._part
        filled = round(_WIDTH * min(self._done + part, total) / total)
        bar = "█" * filled + "░" * (_WIDTH - filled)
        share = f" {part:.0%}" if part else ""
        self._stream.write(f"\r\033[Kkzlint {bar} {self._done}/{total} {self._stage}{share} {elapsed:.1f}s")
        self._stream.flush()
        self._shown = True


@dataclass(frozen=True)
class Display:
    """What the engine tells the display: a stage begins; a stage is ``done`` of ``total`` pieces of work through."""

    stage: Callable[[str], None]
    progress: Callable[[int, int], None]


_NO_DISPLAY = Display(lambda _stage: None, lambda _done, _total: None)


@contextmanager
def stage_display(enabled: bool, stream: TextIO | None = None) -> Iterator[Display]:
    """Yield the callbacks the engine calls as the run goes on."""
    target = stream or sys.stderr
    if not (enabled and target.isatty()):
        yield _NO_DISPLAY
        return
    line = _StageLine(target)
    line.start()
    try:
        yield Display(line.enter, line.advance)
    finally:
        line.close()
