"""The progress bar: on a terminal only, and moving within the rules stage as its pieces of work are done."""

from __future__ import annotations

import io
import time

import pytest

from linter import progress
from linter.progress import stage_display


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _last_line(stream: io.StringIO) -> str:
    return stream.getvalue().split("\r\033[K")[-2]


def _shown_after(display_steps, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    terminal = _Terminal()
    with stage_display(True, terminal) as display:
        display_steps(display)
        time.sleep(3 * progress._REFRESH)
    return _last_line(terminal)


def test_the_bar_moves_within_the_rules_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    def into_the_rules(display: progress.Display) -> None:
        for stage in ("reading", "segmentation", "alignment", "rules"):
            display.stage(stage)

    def half_through(display: progress.Display) -> None:
        into_the_rules(display)
        display.progress(5, 10)

    at_start, halfway = _shown_after(into_the_rules, monkeypatch), _shown_after(half_through, monkeypatch)
    assert "3/5 rules" in at_start and "%" not in at_start
    assert "3/5 rules 50%" in halfway
    assert halfway.count("█") > at_start.count("█")


def test_nothing_is_shown_off_a_terminal_or_when_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    for enabled, stream in ((True, io.StringIO()), (False, _Terminal())):
        with stage_display(enabled, stream) as display:
            display.stage("rules")
            display.progress(1, 2)
            time.sleep(3 * progress._REFRESH)
        assert stream.getvalue() == ""


def test_a_batch_bar_counts_pairs_and_estimates_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    terminal = _Terminal()
    with progress.count_display(True, 40, terminal) as on_done:
        on_done(4, 0)  # finished in an earlier run
        on_done(10, 1)
        time.sleep(3 * progress._REFRESH)
    shown = _last_line(terminal)
    assert "10/40 pairs, 1 failed" in shown and "left" in shown
    assert shown.count("█") == 5  # a quarter of the bar's 20 cells


def test_a_batch_bar_is_not_shown_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    stream = io.StringIO()
    with progress.count_display(True, 3, stream) as on_done:
        on_done(1, 0)
        time.sleep(3 * progress._REFRESH)
    assert stream.getvalue() == ""
