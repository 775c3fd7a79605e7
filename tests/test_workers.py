"""Work split over two processes gives what it gives in one: the same results, in the same order."""

from __future__ import annotations

import pytest

from conftest import EXCERPTS, FULL
from linter import engine
from linter.errors import RuleFileError
from linter.settings import GrammarSettings, Settings
from linter.workers import can_fork, run_split


def _fails() -> int:
    raise RuleFileError("rules/house.yml: the regular expression ran too long")


@pytest.mark.parametrize("fork", [False, True])
def test_split_work_keeps_each_side_in_order(fork: bool) -> None:
    here = [lambda n=n: n for n in range(3)]
    there = [lambda n=n: n * 10 for n in range(4)]
    assert run_split(here, there, fork) == ([0, 1, 2], [0, 10, 20, 30])


@pytest.mark.parametrize("fork", [False, True])
def test_an_error_in_either_process_reaches_the_caller(fork: bool) -> None:
    with pytest.raises(RuleFileError, match="ran too long"):
        run_split([lambda: 1], [_fails], fork)


@pytest.mark.skipif(not can_fork(), reason="no safe fork on this platform")
def test_rules_in_two_processes_find_what_one_process_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(grammar=GrammarSettings(backend="off", jobs=1))
    alone = engine.compare(EXCERPTS, FULL, settings)
    monkeypatch.setattr(engine, "FORK_MIN_CHARACTERS", 0)
    split = engine.compare(EXCERPTS, FULL, Settings(grammar=GrammarSettings(backend="off", jobs=2)))
    assert split.findings == alone.findings and len(alone.findings) > 0
