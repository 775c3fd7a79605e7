"""A progress line on stderr for runs long enough to wonder about.

It appears only after a second, only on a terminal, and never with ``--quiet``,
so scripted runs and short runs print nothing extra.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
        self._stop = threading.Event()
        self._shown = False
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def enter(self, stage: str) -> None:
        if self._stage:
            self._done += 1
        self._stage = stage

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
        total = len(STAGES)
        filled = round(_WIDTH * min(self._done, total) / total)
        bar = "█" * filled + "░" * (_WIDTH - filled)
        self._stream.write(f"\r\033[Kkzlint {bar} {self._done}/{total} {self._stage} {elapsed:.1f}s")
        self._stream.flush()
        self._shown = True


@contextmanager
def stage_display(enabled: bool, stream: TextIO | None = None) -> Iterator[Callable[[str], None]]:
    """Yield a callback the engine calls as each stage begins."""
    target = stream or sys.stderr
    if not (enabled and target.isatty()):
        yield lambda _stage: None
        return
    line = _StageLine(target)
    line.start()
    try:
        yield line.enter
    finally:
        line.close()
