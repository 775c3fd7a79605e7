"""Running independent pieces of work on a second core, in a forked process.

Python runs one thread of Python at a time, so kzlint uses a second core by
forking: the child inherits every value the parent has built (the texts)
without copying or pickling them, starts on its share at once, is sent the
one value the parent computes meanwhile (their alignment), shares with the
parent the pieces of work that value brings (the word diffs of the links,
in windows), and sends back only its results. Forking is what makes this
cheap, so it is used only where the operating system forks safely (Linux)
and only for work large enough to pay for it; elsewhere the same work runs
in turn, with the same results in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

M = TypeVar("M")
T = TypeVar("T")
S = TypeVar("S")
Work = Callable[[], T]
# Told how many works of a pool are done, of how many.
Progress = Callable[[int, int], None]
# What the message makes of the work left: the helper's later works, and a pool both processes draw from.
Assignment = tuple[Sequence[Work[T]], Sequence[Work[S]]]


def processes(jobs: int) -> int:
    """How many processes ``--jobs`` asks for, 0 meaning one per core."""
    return jobs if jobs > 0 else os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a second process can be forked safely here."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class Helper(Generic[M, T, S]):
    """A second process that starts on some work at once, is handed the rest later, and shares a pool.

    A pipeline stage often has work that needs only what is known now (the
    texts) and work that needs a value still being computed (their
    alignment): the helper does the first while the caller computes the
    value, then receives the value (:meth:`hand`, pickled) and does the
    second. The value also makes a *pool*: pieces of one large job that
    either process may run. The caller starts on the pool as soon as it has
    handed the value, the helper joins in once its later works are done, and
    each piece runs once, in whichever process takes it first; so the two
    processes finish together however the work was divided. Results come
    back in the pool's order, whoever ran them. Without a fork, the same
    works run here, in the same order, when :meth:`results` is asked for.

    ``later`` must make the same pool from the same value in both processes.
    """

    def __init__(self, early: Sequence[Work[T]], later: Callable[[M], Assignment[T, S]]) -> None:
        self._early, self._later = early, later
        self._message: tuple[M] | None = None
        self._child: BaseProcess | None = None
        self._pipes: tuple[Connection, Connection] | None = None
        self._turns: _Turns | None = None
        self._sending: threading.Thread | None = None
        self._replies: _Replies[T, S] | None = None
        self._answered = False

    def start(self) -> None:
        """Fork the process that runs the early works."""
        context = multiprocessing.get_context("fork")
        from_child, to_parent = context.Pipe(duplex=False)
        from_parent, to_child = context.Pipe(duplex=False)
        self._turns = _Turns(context)
        args = (self._early, self._later, self._turns, from_parent, to_parent)
        self._child = context.Process(target=_serve, args=args, daemon=True)
        self._child.start()
        to_parent.close()
        from_parent.close()
        self._pipes = (to_child, from_child)

    def hand(self, message: M) -> None:
        """Give the helper the value its later works and the pool need.

        Sent from a thread: a large value fills the pipe, and the helper reads
        it only once its early works are done, while this process goes on.
        """
        self._message = (message,)
        if self._pipes is not None:
            self._sending = threading.Thread(target=_send, args=(self._pipes[0], message), daemon=True)
            self._sending.start()

    def results(self, on_progress: Progress | None = None) -> tuple[list[T], list[T], list[S]]:
        """The results of the early works, the later ones and the pool, after running this process's share.

        ``on_progress`` is told how many of the pool's works are done, here
        or in the helper, each time one is. An exception raised in the helper
        is raised here.
        """
        if self._message is None:
            raise RuntimeError("the helper was asked for its results before it was handed its message")
        later, pool = self._later(self._message[0])
        tally = _Tally(len(pool), on_progress)
        if self._pipes is None or self._turns is None:
            early_results, later_results = [work() for work in self._early], [work() for work in later]
            return early_results, later_results, [tally.counted(work()) for work in pool]
        self._replies = _Replies(self._pipes[1], tally)
        mine = {place: tally.counted(result) for place, result in _share(pool, self._turns)}
        early_results, later_results, theirs = self._replies.wait()
        self._answered = True
        return early_results, later_results, [mine[i] if i in mine else theirs[i] for i in range(len(pool))]

    def stop(self) -> None:
        """End the helper process, finished or not, and close its pipes."""
        if self._child is None or self._pipes is None:
            return
        if not self._answered:
            self._child.terminate()
        self._child.join()
        for thread in (self._sending, self._replies):
            if thread is not None:
                thread.join()
        for connection in self._pipes:
            connection.close()
        self._child = None


class _Turns:
    """Hands out the places of a pool's works, each once, to whichever process asks first."""

    def __init__(self, context: BaseContext) -> None:
        self._next = context.Value("q", 0)

    def take(self) -> int:
        with self._next.get_lock():
            place = self._next.value
            self._next.value = place + 1
        return place


def _share(pool: Sequence[Work[S]], turns: _Turns) -> Iterator[tuple[int, S]]:
    """Run works of the pool until none is left, giving each result with its place."""
    while (place := turns.take()) < len(pool):
        yield place, pool[place]()


class _Tally:
    """How many of a pool's works are done, in either process, told to ``on_progress`` as each one is."""

    def __init__(self, total: int, on_progress: Progress | None) -> None:
        self._total, self._on_progress = total, on_progress
        self._done = 0
        self._lock = threading.Lock()

    def counted(self, result: S) -> S:
        """``result``, counted as one more work done."""
        if self._on_progress is not None:
            with self._lock:  # told in order, from either thread
                self._done += 1
                self._on_progress(self._done, self._total)
        return result


class _Replies(threading.Thread, Generic[T, S]):
    """The helper's messages, read by a thread as they come.

    The helper sends each result as soon as it has it, so pickling them is
    spread over its work instead of added at its end, and a thread here
    reads them at once, so that the helper never waits on a full pipe.
    """

    def __init__(self, connection: Connection, tally: _Tally) -> None:
        super().__init__(daemon=True)
        self._connection, self._tally = connection, tally
        self._works: tuple[list[T], list[T]] | None = None
        self._parts: dict[int, S] = {}
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            while True:
                kind, payload = self._connection.recv()
                if kind == "works":
                    self._works = payload
                elif kind == "part":
                    self._parts[payload[0]] = self._tally.counted(payload[1])
                else:
                    self._error = payload if kind == "error" else None
                    return
        except (EOFError, OSError):
            self._error = RuntimeError("the second kzlint process ended without sending its results")

    def wait(self) -> tuple[list[T], list[T], dict[int, S]]:
        """The early and later results and the pool's, by place; an exception raised in the helper is raised here."""
        self.join()
        if self._error is not None:
            raise self._error
        assert self._works is not None
        return (*self._works, self._parts)


def _send(connection: Connection, message: object) -> None:
    """Send, unless the helper has already stopped (it failed early: :meth:`Helper.results` reports why)."""
    with suppress(BrokenPipeError, OSError):
        connection.send(message)


@contextmanager
def helper(
    early: Sequence[Work[T]], later: Callable[[M], Assignment[T, S]], fork: bool
) -> Iterator[Helper[M, T, S]]:
    """A :class:`Helper`, forked when ``fork`` is true and the platform allows it, stopped on leaving."""
    worker: Helper[M, T, S] = Helper(early, later)
    if fork and can_fork():
        worker.start()
    try:
        yield worker
    finally:
        worker.stop()


def _serve(
    early: Sequence[Work[T]],
    later: Callable[[M], Assignment[T, S]],
    turns: _Turns,
    receiver: Connection,
    sender: Connection,
) -> None:
    """The helper's side: the early works, then the message, the later works and the pool.

    Results go back as they come (see :class:`_Replies`), then "done"; or the error.
    """
    try:
        early_results = [work() for work in early]
        later_works, pool = later(receiver.recv())
        sender.send(("works", (early_results, [work() for work in later_works])))
        for part in _share(pool, turns):
            sender.send(("part", part))
    except EOFError:
        return  # the caller stopped before handing the message: nobody waits for results
    except BaseException as error:  # noqa: BLE001 - everything goes back to the parent
        sender.send(("error", error))
    else:
        sender.send(("done", None))
    finally:
        sender.close()
        receiver.close()
