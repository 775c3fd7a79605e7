"""``kzlint batch``: choose the pairs and the executor, run, show progress, return the exit status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from linter.batch.executors import DaskCluster, Executor, LocalProcesses
from linter.batch.manifest import PairSpec, pair_by_name, read_manifest
from linter.batch.runner import BatchResult, run_batch
from linter.errors import UsageError
from linter.progress import count_display
from linter.settings import Settings


@dataclass(frozen=True)
class BatchRequest:
    """What the command line asked for: where the pairs come from, where reports go, what runs them."""

    manifest: Path | None
    pair_dirs: tuple[Path, Path] | None
    folder: Path
    jobs: int = 0
    dask: str | None = None
    ship_texts: bool = False
    dask_timeout: float = 10.0
    quiet: bool = False


def batch_command(request: BatchRequest, settings: Settings) -> BatchResult:
    """Run the batch; the result gives the exit status and the line that sums it up."""
    pairs = _pairs(request)
    executor = _executor(request)
    with count_display(not request.quiet, len(pairs)) as on_done:
        return run_batch(pairs, settings, request.folder, executor, on_done)


def _pairs(request: BatchRequest) -> list[PairSpec]:
    if (request.manifest is None) == (request.pair_dirs is None):
        raise UsageError("kzlint batch takes a MANIFEST or --pair-by-name DIR_A DIR_B (one of the two)")
    if request.manifest is not None:
        return read_manifest(request.manifest)
    return pair_by_name(*request.pair_dirs)


def _executor(request: BatchRequest) -> Executor:
    if request.dask:
        return DaskCluster(request.dask, request.ship_texts, request.dask_timeout)
    if request.ship_texts:
        raise UsageError("--ship-texts sends texts to a Dask cluster: give --dask ADDRESS too")
    return LocalProcesses(request.jobs)
