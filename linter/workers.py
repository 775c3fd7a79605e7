"""Running independent pieces of work on a second core, in a forked process.

Python runs one thread of Python at a time, so kzlint uses a second core by
forking: the child inherits every value the parent has built (the texts,
their alignment) without copying or pickling them, does its share, and sends
back only its results. Forking is what makes this cheap, so it is used only
where the operating system forks safely (Linux) and only for work large
enough to pay for it; elsewhere the same work runs in turn, with the same
results in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")
Work = Callable[[], T]


def processes(jobs: int) -> int:
    """How many processes ``--jobs`` asks for, 0 meaning one per core."""
    return jobs if jobs > 0 else os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a second process can be forked safely here."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def run_split(here: Sequence[Work[T]], there: Sequence[Work[T]], fork: bool) -> tuple[list[T], list[T]]:
    """The results of ``here`` and of ``there``, each in order.

    With ``fork``, ``there`` runs in a forked process while this one runs
    ``here``; an exception raised in the child is raised here.
    """
    if not (fork and there and can_fork()):
        return [work() for work in here], [work() for work in there]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_serve, args=(there, sender), daemon=True)
    child.start()
    sender.close()
    try:
        near = [work() for work in here]
        status, payload = receiver.recv()
    except EOFError:
        raise RuntimeError("the second kzlint process ended without sending its results") from None
    except BaseException:
        child.terminate()
        raise
    finally:
        child.join()
        receiver.close()
    if status == "error":
        raise payload
    return near, payload


def _serve(works: Sequence[Work[T]], sender: Connection) -> None:
    """The child's side: run the works and send their results, or the exception that stopped them."""
    try:
        results = [work() for work in works]
    except BaseException as error:  # noqa: BLE001 - everything goes back to the parent
        sender.send(("error", error))
    else:
        sender.send(("ok", results))
    finally:
        sender.close()
