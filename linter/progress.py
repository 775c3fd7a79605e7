"""A progress bar on stderr for runs long enough to wonder about.

It appears only after a second, only on a terminal, and never with ``--quiet``,
so scripted runs and short runs print nothing extra. The bar moves stage by
stage, and within the rules stage, the longest of a book's run, piece by piece;
a batch's bar moves pair by pair, with the time left at the pace so far.
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


class _Line:
    """A line on ``stream``, redrawn every fifth of a second once the run has lasted a second."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._shown = False
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

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
                self._stream.write(f"\r\033[K{self._text(elapsed)}")
                self._stream.flush()
                self._shown = True

    def _text(self, elapsed: float) -> str:
        raise NotImplementedError


def _bar(share: float) -> str:
    filled = round(_WIDTH * min(share, 1.0))
    return "█" * filled + "░" * (_WIDTH - filled)


class _StageLine(_Line):
    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._stage = ""
        self._done = 0
        self._part = 0.0

    def enter(self, stage: str) -> None:
        if self._stage:
            self._done += 1
        self._stage = stage
        self._part = 0.0

    def advance(self, done: int, total: int) -> None:
        """How far the current stage has got: ``done`` of its ``total`` pieces of work."""
        self._part = done / total if total else 0.0

    def _text(self, elapsed: float) -> str:
        total, part = len(STAGES), self._part
        share = f" {part:.0%}" if part else ""
        return f"kzlint {_bar((self._done + part) / total)} {self._done}/{total} {self._stage}{share} {elapsed:.1f}s"


class _CountLine(_Line):
    """How many of a batch's pairs are done, and the time left at the pace so far.

    The first count is what was done before this run (pairs finished earlier
    and skipped): the pace is reckoned from the pairs done since.
    """

    def __init__(self, stream: TextIO, total: int) -> None:
        super().__init__(stream)
        self._total = total
        self._done = 0
        self._failed = 0
        self._before: int | None = None

    def advance(self, done: int, failed: int) -> None:
        if self._before is None:
            self._before = done
        self._done, self._failed = done, failed

    def _text(self, elapsed: float) -> str:
        done, total = self._done, self._total
        since = done - (self._before or 0)
        failed = f", {self._failed} failed" if self._failed else ""
        left = f", about {_duration(elapsed / since * (total - done))} left" if since and done < total else ""
        return f"kzlint {_bar(done / total if total else 1.0)} {done}/{total} pairs{failed} {_duration(elapsed)}{left}"


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


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


@contextmanager
def count_display(enabled: bool, total: int, stream: TextIO | None = None) -> Iterator[Callable[[int, int], None]]:
    """Yield the callback a batch calls as pairs finish: ``(done, failed)`` of ``total``."""
    target = stream or sys.stderr
    if not (enabled and target.isatty()):
        yield lambda _done, _failed: None
        return
    line = _CountLine(target, total)
    line.start()
    try:
        yield line.advance
    finally:
        line.close()
