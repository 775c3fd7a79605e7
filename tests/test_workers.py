"""Work split over two processes gives what it gives in one: the same results, in the same order."""

from __future__ import annotations

import multiprocessing
import os
import time
from functools import partial

import pytest

from conftest import EXCERPTS, FULL
from linter import engine
from linter.errors import RuleFileError
from linter.settings import GrammarSettings, Settings
from linter.workers import Assignment, can_fork, helper


def _fails() -> int:
    raise RuleFileError("rules/house.yml: the regular expression ran too long")


def _later(message: int) -> Assignment[int, str]:
    return [lambda n=n: message + n for n in range(2)], [lambda n=n: f"{message}.{n}" for n in range(40)]


@pytest.mark.parametrize("fork", [False, True])
def test_the_helper_runs_its_early_works_then_those_of_the_message_it_is_handed(fork: bool) -> None:
    with helper([lambda n=n: n * 10 for n in range(3)], _later, fork) as second:
        here = [1, 2]
        second.hand(100)
        pool = [f"100.{n}" for n in range(40)]
        assert (here, second.results()) == ([1, 2], ([0, 10, 20], [100, 101], pool))


@pytest.mark.skipif(not can_fork(), reason="no safe fork on this platform")
def test_both_processes_take_works_from_the_pool_and_each_work_runs_once() -> None:
    def later(_: None) -> Assignment[int, int]:
        return [], [partial(_slow_pid, n) for n in range(40)]

    with helper([], later, fork=True) as second:
        second.hand(None)
        _, _, pool = second.results()
    assert [n for n, _ in pool] == list(range(40))
    assert len({pid for _, pid in pool}) == 2


@pytest.mark.parametrize("fork", [False, True])
def test_progress_counts_each_work_of_the_pool_once_wherever_it_ran(fork: bool) -> None:
    told: list[tuple[int, int]] = []
    with helper([], _later, fork) as second:
        second.hand(7)
        second.results(lambda done, total: told.append((done, total)))
    assert told == [(done, 40) for done in range(1, 41)]


def _slow_pid(n: int) -> tuple[int, int]:
    time.sleep(0.02)
    return n, os.getpid()


@pytest.mark.parametrize("fork", [False, True])
@pytest.mark.parametrize("where", ["early", "later", "pool"])
def test_an_error_in_the_helper_reaches_the_caller(fork: bool, where: str) -> None:
    early = [_fails] if where == "early" else []

    def later(_: int) -> Assignment[int, int]:
        return ([_fails] if where == "later" else []), ([_fails] if where == "pool" else [])

    with pytest.raises(RuleFileError, match="ran too long"), helper(early, later, fork) as second:
        second.hand(0)
        second.results()


def test_a_caller_that_fails_before_handing_the_message_stops_the_helper() -> None:
    with pytest.raises(KeyError), helper([lambda: 1], lambda _: ([lambda: 2], []), fork=True):
        raise KeyError("the alignment failed")
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not can_fork(), reason="no safe fork on this platform")
def test_rules_in_two_processes_find_what_one_process_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(grammar=GrammarSettings(backend="off", jobs=1))
    alone = engine.compare(EXCERPTS, FULL, settings)
    monkeypatch.setattr(engine, "FORK_MIN_CHARACTERS", 0)
    split = engine.compare(EXCERPTS, FULL, Settings(grammar=GrammarSettings(backend="off", jobs=2)))
    assert split.findings == alone.findings and len(alone.findings) > 0
    assert split.word_changes == alone.word_changes and len(alone.word_changes) > 0
