"""Running independent pieces of work on a second core, in a forked process.

Python runs one thread of Python at a time, so kzlint uses a second core by
forking: the child inherits every value the parent has built (the texts)
without copying or pickling them, starts on its share at once, is sent the
one value the parent computes meanwhile (their alignment), and sends back
only its results. Forking is what makes this cheap, so it is used only
where the operating system forks safely (Linux) and only for work large
enough to pay for it; elsewhere the same work runs in turn, with the same
results in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

M = TypeVar("M")
T = TypeVar("T")
Work = Callable[[], T]


def processes(jobs: int) -> int:
    """How many processes ``--jobs`` asks for, 0 meaning one per core."""
    return jobs if jobs > 0 else os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a second process can be forked safely here."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class Helper(Generic[M, T]):
    """A second process that starts on some work at once and is handed the rest later.

    A pipeline stage often has work that needs only what is known now (the
    texts) and work that needs a value still being computed (their
    alignment): the helper does the first while the caller computes the
    value, then receives the value (:meth:`hand`, pickled) and does the
    second. Without a fork, the same works run here, in the same order, when
    :meth:`results` is asked for.
    """

    def __init__(self, early: Sequence[Work[T]], later: Callable[[M], Sequence[Work[T]]]) -> None:
        self._early, self._later = early, later
        self._message: tuple[M] | None = None
        self._child: BaseProcess | None = None
        self._pipes: tuple[Connection, Connection] | None = None
        self._sending: threading.Thread | None = None
        self._answered = False

    def start(self) -> None:
        """Fork the process that runs the early works."""
        context = multiprocessing.get_context("fork")
        from_child, to_parent = context.Pipe(duplex=False)
        from_parent, to_child = context.Pipe(duplex=False)
        args = (self._early, self._later, from_parent, to_parent)
        self._child = context.Process(target=_serve, args=args, daemon=True)
        self._child.start()
        to_parent.close()
        from_parent.close()
        self._pipes = (to_child, from_child)

    def hand(self, message: M) -> None:
        """Give the helper the value its later works need.

        Sent from a thread: a large value fills the pipe, and the helper reads
        it only once its early works are done, while this process goes on.
        """
        self._message = (message,)
        if self._pipes is not None:
            self._sending = threading.Thread(target=_send, args=(self._pipes[0], message), daemon=True)
            self._sending.start()

    def results(self) -> tuple[list[T], list[T]]:
        """The results of the early works and of the later ones; an exception raised in the helper is raised here."""
        if self._message is None:
            raise RuntimeError("the helper was asked for its results before it was handed its message")
        if self._pipes is None:
            return [work() for work in self._early], [work() for work in self._later(self._message[0])]
        try:
            status, payload = self._pipes[1].recv()
        except EOFError:
            raise RuntimeError("the second kzlint process ended without sending its results") from None
        self._answered = True
        if status == "error":
            raise payload
        return payload

    def stop(self) -> None:
        """End the helper process, finished or not, and close its pipes."""
        if self._child is None or self._pipes is None:
            return
        if not self._answered:
            self._child.terminate()
        self._child.join()
        if self._sending is not None:
            self._sending.join()
        for connection in self._pipes:
            connection.close()
        self._child = None


def _send(connection: Connection, message: object) -> None:
    """Send, unless the helper has already stopped (it failed early: :meth:`Helper.results` reports why)."""
    with suppress(BrokenPipeError, OSError):
        connection.send(message)


@contextmanager
def helper(early: Sequence[Work[T]], later: Callable[[M], Sequence[Work[T]]], fork: bool) -> Iterator[Helper[M, T]]:
    """A :class:`Helper`, forked when ``fork`` is true and the platform allows it, stopped on leaving."""
    worker: Helper[M, T] = Helper(early, later)
    if fork and can_fork():
        worker.start()
    try:
        yield worker
    finally:
        worker.stop()


def _serve(
    early: Sequence[Work[T]], later: Callable[[M], Sequence[Work[T]]], receiver: Connection, sender: Connection
) -> None:
    """The helper's side: the early works, then the message and the later works; results or the error go back."""
    try:
        early_results = [work() for work in early]
        later_results = [work() for work in later(receiver.recv())]
    except EOFError:
        return  # the caller stopped before handing the message: nobody waits for results
    except BaseException as error:  # noqa: BLE001 - everything goes back to the parent
        sender.send(("error", error))
    else:
        sender.send(("ok", (early_results, later_results)))
    finally:
        sender.close()
        receiver.close()
