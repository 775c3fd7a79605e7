"""Where the pairs run: local worker processes, or an existing Dask distributed cluster.

Both take the tasks and yield each pair's outcome as soon as it is done, in
the order they finish; the client writes it. Worker processes live for the
whole batch, so the grammar cache, Harper's dictionary and the rule files
they load once serve every pair they run. A worker that dies takes no
finished pair with it: the local pool is started again for the pairs left,
and Dask's scheduler gives a dead worker's pairs to the others.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Iterator
from itertools import islice
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Protocol

from linter.batch.task import PairOutcome, PairTask, failed, run_pair
from linter.errors import UsageError

# How often the local pool may lose a worker before the pairs left are failed rows.
_POOL_RESTARTS = 3
# Tasks a Dask cluster holds at once: a few per worker thread, so that none waits for the client.
_PER_THREAD = 4
_MIN_IN_FLIGHT = 16
DASK_INSTALL = "pip install 'kzlint[dask]'"


class Executor(Protocol):
    """Runs tasks and yields their outcomes as they finish."""

    ships_texts: bool

    def outcomes(self, tasks: Iterable[PairTask]) -> Iterator[PairOutcome]: ...


class LocalProcesses:
    """``jobs`` worker processes on this machine (0: one per core)."""

    ships_texts = False

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs or os.cpu_count() or 1

    def outcomes(self, tasks: Iterable[PairTask]) -> Iterator[PairOutcome]:
        pending = dict(enumerate(tasks))
        for _attempt in range(_POOL_RESTARTS + 1):
            if not pending:
                return
            yield from self._one_pool(pending)
        for task in pending.values():
            yield failed(task.spec.id, f"a worker process died while running it ({_POOL_RESTARTS + 1} times)")

    def _one_pool(self, pending: dict[int, PairTask]) -> Iterator[PairOutcome]:
        """Run ``pending`` in one pool, removing each pair as it is done, until all are or the pool breaks."""
        pool = ProcessPoolExecutor(
            max_workers=min(self.jobs, len(pending)), mp_context=get_context("forkserver"), initializer=_leave_interrupts
        )
        try:
            futures = {pool.submit(run_pair, task): number for number, task in pending.items()}
            for future in as_completed(futures):
                if _broken(future):
                    break
                # Let go of the future: it holds the pair's reports, which the client writes and forgets.
                del pending[futures.pop(future)]
                yield future.result()
            # A broken pool may still hold results its other workers finished.
            for future, number in futures.items():
                if number in pending and future.done() and not _broken(future):
                    del pending[number]
                    yield future.result()
        except BaseException:
            # Ctrl-C or the client stopping: a pair still running would have nobody to write it.
            _stop_workers(pool)
            raise
        pool.shutdown(wait=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued pairs and end the workers now, so that none outlives the batch."""
    if hasattr(pool, "terminate_workers"):  # Python 3.14 and later
        pool.terminate_workers()
        return
    # Before 3.14 the pool's processes are only reachable through its private mapping.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    # With its workers gone the pool shuts down at once, and releases its queues' semaphores.
    pool.shutdown(wait=True, cancel_futures=True)


def _broken(future: Future) -> bool:
    return isinstance(future.exception(), BrokenProcessPool)


def _leave_interrupts() -> None:
    """Ctrl-C is the client's to handle: a worker finishes its pair and is then shut down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class DaskCluster:
    """An existing Dask distributed scheduler at ``address``; each pair is one task."""

    def __init__(self, address: str, ship_texts: bool, timeout: float) -> None:
        self.address = address
        self.ships_texts = ship_texts
        self.timeout = timeout

    def outcomes(self, tasks: Iterable[PairTask]) -> Iterator[PairOutcome]:
        """Keep a few tasks per worker thread in flight, submitting the next as each finishes.

        The client then holds a bounded number of tasks (and of shipped
        texts) however long the archive, and reads each text just in time.
        """
        distributed = _distributed()
        client = self._connect(distributed.Client)
        waiting, in_flight = iter(tasks), {}
        finished = distributed.as_completed(loop=client.loop)
        try:
            for task in islice(waiting, max(_MIN_IN_FLIGHT, _PER_THREAD * sum(client.nthreads().values()))):
                self._submit(client, task, in_flight, finished)
            for future in finished:
                yield _dask_outcome(future, in_flight.pop(future))
                future.release()
                for task in islice(waiting, 1):
                    self._submit(client, task, in_flight, finished)
        finally:
            client.cancel(list(in_flight))  # pairs not done: nobody is left to write them
            client.close()

    @staticmethod
    def _submit(client, task: PairTask, in_flight: dict, finished) -> None:
        future = client.submit(run_pair, task, pure=False)
        in_flight[future] = task.spec.id
        finished.add(future)

    def _connect(self, client_class: type):
        try:
            return client_class(self.address, timeout=self.timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None


def _dask_outcome(future, pair_id: str) -> PairOutcome:
    """The pair's outcome, or a failed row when the cluster gave up on it (a worker died too often)."""
    try:
        return future.result()
    except Exception as exc:
        return failed(pair_id, f"the Dask cluster did not run it: {type(exc).__name__}: {exc}")


def _distributed():
    try:
        import dask.distributed
    except ImportError:
        raise UsageError(f"--dask needs Dask distributed: {DASK_INSTALL}") from None
    return dask.distributed
