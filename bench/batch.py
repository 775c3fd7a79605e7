"""Benchmark ``kzlint batch``: pairs per second on local workers and on a Dask LocalCluster, memory per worker.

The archive is built in a temporary folder from the book pair (two public
Bible translations): each chapter is an article, A in one translation and B
in the other; every fifth A drops a paragraph and every seventh has two
paragraphs swapped, as excerpts and edited renderings do. The same archive is
then run by the local executor with 1 and 2 workers and by a 2-worker
``LocalCluster``, each into a fresh output folder without the grammar cache,
and the script prints pairs per second, the speed-up over one worker, and
for each worker, early in the batch and at its end, the memory it holds once
a pair is done and its peak memory (equal figures: memory does not grow with
the number of pairs; the peak follows the largest pair a worker has met).
The memory held after one pair swings by several MiB with the pair's size
(what the allocator keeps for reuse), so that figure is the median over a
tenth of the worker's pairs: its second tenth, after the warm-up, and its last.
The client's memory is read the same way as the pairs come in: it keeps each
pair's counts for the index, never its reports. The cluster's workers run
without Dask's statistical profiler, whose bounded history of stack samples
would otherwise grow through the run.

Usage: ``python bench/batch.py [--pairs 1000] [--grammar harper|off]``. With
``--grammar off`` a chapter pair takes milliseconds and the figures measure
start-up and the client's writing more than the work.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO.parent / "shared" / "bench" / "asv-darby-bible"
DROP_EVERY = 5
SWAP_EVERY = 7
# Issue 18's targets: the speed-up of 2 workers over 1, and how much the memory a worker holds may grow.
LOCAL_SPEED_UP = 1.8
CLUSTER_SPEED_UP = 1.6
FLAT_MEMORY_MIB = 5.0


@dataclass(frozen=True)
class Chapter:
    name: str
    a: tuple[str, ...]
    b: tuple[str, ...]


def chapters(book: Path) -> list[Chapter]:
    """The book's chapters in order, each side's paragraphs grouped by the chapter of their first verse."""
    gold = json.loads((book / "gold.json").read_text(encoding="utf-8"))
    sides = {}
    for side in ("a", "b"):
        paragraphs = (book / f"{side}.txt").read_text(encoding="utf-8").split("\n\n")
        grouped: dict[str, list[str]] = defaultdict(list)
        for paragraph, verses in zip(paragraphs, gold[f"{side}_verses"], strict=False):
            grouped[".".join(verses[0].split(".")[:2])].append(paragraph.strip())
        sides[side] = grouped
    names = [name for name in sides["a"] if name in sides["b"]]
    return [Chapter(name, tuple(sides["a"][name]), tuple(sides["b"][name])) for name in names]


def edited(paragraphs: Sequence[str], number: int) -> list[str]:
    """A's paragraphs as an editor left them: some articles drop one, some swap two."""
    edited_paragraphs = list(paragraphs)
    if number % DROP_EVERY == 1 and len(edited_paragraphs) > 2:
        del edited_paragraphs[len(edited_paragraphs) // 2]
    if number % SWAP_EVERY == 3 and len(edited_paragraphs) > 3:
        edited_paragraphs[1], edited_paragraphs[2] = edited_paragraphs[2], edited_paragraphs[1]
    return edited_paragraphs


def build_archive(book: Path, folder: Path, pairs: int) -> Path:
    """Write up to ``pairs`` chapter pairs under ``folder`` and a CSV manifest listing them; return the manifest."""
    for side in ("a", "b"):
        (folder / side).mkdir(parents=True, exist_ok=True)
    rows = []
    for number, chapter in enumerate(chapters(book)[:pairs]):
        (folder / "a" / f"{chapter.name}.txt").write_text("\n\n".join(edited(chapter.a, number)) + "\n", encoding="utf-8")
        (folder / "b" / f"{chapter.name}.txt").write_text("\n\n".join(chapter.b) + "\n", encoding="utf-8")
        rows.append({"id": chapter.name, "a": f"a/{chapter.name}.txt", "b": f"b/{chapter.name}.txt"})
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=["id", "a", "b"])
        writer.writeheader()
        writer.writerows(rows)
    return manifest


@dataclass(frozen=True)
class WorkerMemory:
    """A worker's peak memory and the memory it held after a pair (MiB), early in the batch and at its end.

    The peak follows the largest pair a worker has met; the memory held after
    a pair is what grows when something is kept from pair to pair, read as the
    median of a tenth of the worker's pairs, since one pair's figure is noisy.
    """

    peak_early: float
    peak_last: float
    resident_early: float
    resident_last: float

    @property
    def growth(self) -> float:
        return self.resident_last - self.resident_early


@dataclass(frozen=True)
class Figures:
    name: str
    pairs: int
    seconds: float
    failed: int
    # Per worker: its memory early in the batch and at its end (see WorkerMemory).
    memory: dict[str, WorkerMemory]
    # The processor time all workers used: over the wall time, the cores the batch really had.
    cpu_seconds: float
    # The memory the client holds as pairs come in (MiB), early in the batch and at its end (see early_and_last).
    client_held: tuple[float, float]

    @property
    def rate(self) -> float:
        return self.pairs / self.seconds

    @property
    def cores(self) -> float:
        return self.cpu_seconds / self.seconds


def worker_memory(outcomes: Sequence) -> dict[str, WorkerMemory]:
    """Each worker's memory early in the batch and at its end, from the outcomes in the order they came."""
    by_worker: dict[str, list] = defaultdict(list)
    for outcome in outcomes:
        by_worker[outcome.worker].append(outcome)
    return {worker: _memory_of(done) for worker, done in sorted(by_worker.items())}


def _memory_of(done: Sequence) -> WorkerMemory:
    """Peaks after the first tenth and at the end; memory held, as medians over the second and the last tenth."""
    held_early, held_last = early_and_last([outcome.resident_mib for outcome in done])
    return WorkerMemory(done[max(1, len(done) // 10) - 1].peak_mib, done[-1].peak_mib, held_early, held_last)


def early_and_last(readings: Sequence[float]) -> tuple[float, float]:
    """The median of the second tenth of ``readings`` (after the warm-up) and of the last tenth."""
    tenth = max(1, len(readings) // 10)
    return statistics.median(readings[tenth : 2 * tenth] or readings[-tenth:]), statistics.median(readings[-tenth:])


def worker_cpu(outcomes: Sequence) -> float:
    """The processor seconds of all workers, each worker's from its last outcome (the count only grows)."""
    last: dict[str, float] = {}
    for outcome in outcomes:
        last[outcome.worker] = max(last.get(outcome.worker, 0.0), outcome.cpu_seconds)
    return sum(last.values())


def measure(name: str, manifest: Path, scratch: Path, grammar: str, executor: Callable[[], object]) -> Figures:
    """Run the whole archive once into a fresh output folder, without the grammar cache, so every pair is checked."""
    from linter.batch.manifest import read_manifest
    from linter.batch.runner import run_batch
    from linter.batch.task import resident_mib
    from linter.config import Overrides, load_settings

    settings = load_settings(manifest.parent, Overrides(grammar=grammar, cache=False, jobs=1))
    pairs = read_manifest(manifest)
    client_held: list[float] = []
    started = time.perf_counter()
    result = run_batch(
        pairs, settings, scratch / f"out-{name}", executor(), lambda _done, _failed: client_held.append(resident_mib())
    )
    seconds = time.perf_counter() - started
    failed = sum(outcome.status == "failed" for outcome in result.outcomes)
    memory = worker_memory(result.outcomes)
    return Figures(name, len(pairs), seconds, failed, memory, worker_cpu(result.outcomes), early_and_last(client_held))


def print_figures(results: Sequence[Figures]) -> None:
    base = results[0].rate
    print(f"{'executor':<24}{'pairs':>6}{'failed':>7}{'seconds':>9}{'pairs/s':>9}{'speed-up':>10}{'cores had':>11}")
    for figures in results:
        print(
            f"{figures.name:<24}{figures.pairs:>6}{figures.failed:>7}{figures.seconds:>9.1f}"
            f"{figures.rate:>9.2f}{figures.rate / base:>9.2f}x{figures.cores:>11.2f}"
        )
    print("(cores had: the workers' processor time over the wall time; below the worker count, the machine was busy)")
    print("\nmemory per worker, MiB (held: median over its second tenth of pairs -> over its last tenth;")
    print("peak: after its first tenth -> at its last pair)")
    print(f"  {'executor':<24} {'worker':<28} {'held after a pair':>20} {'peak':>20}")
    for figures in results:
        for worker, memory in figures.memory.items():
            held = f"{memory.resident_early:.1f} -> {memory.resident_last:.1f}"
            peak = f"{memory.peak_early:.1f} -> {memory.peak_last:.1f}"
            print(f"  {figures.name:<24} {worker:<28} {held:>20} {peak:>20}")
        early, last = figures.client_held
        print(f"  {figures.name:<24} {'client':<28} {f'{early:.1f} -> {last:.1f}':>20}")
    growth = max(memory.growth for figures in results for memory in figures.memory.values())
    print()
    _target(f"local executor, 2 workers >= {LOCAL_SPEED_UP}x one worker", results[1].rate / base >= LOCAL_SPEED_UP)
    _target(f"LocalCluster, 2 workers >= {CLUSTER_SPEED_UP}x one worker", results[2].rate / base >= CLUSTER_SPEED_UP)
    _target(f"memory per worker flat (what it holds grows {growth:.1f} MiB at most)", growth <= FLAT_MEMORY_MIB)


def _target(claim: str, met: bool) -> None:
    print(f"{'met' if met else 'NOT met'}: {claim}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=1000, help="chapters in the archive (the book has 1,188)")
    parser.add_argument("--grammar", default="harper", choices=("off", "harper"), help="grammar backend of each pair")
    options = parser.parse_args()

    import dask
    from dask.distributed import LocalCluster

    from linter.batch.executors import DaskCluster, LocalProcesses

    with tempfile.TemporaryDirectory(prefix="kzlint-batch-bench-") as temporary:
        scratch = Path(temporary)
        manifest = build_archive(BOOK, scratch / "archive", options.pairs)
        print(f"archive: {options.pairs} chapter pairs, grammar {options.grammar}, {os.cpu_count()} cores")
        print(f"load average before: {_load()}\n")
        results = [
            measure("local, 1 worker", manifest, scratch, options.grammar, lambda: LocalProcesses(1)),
            measure("local, 2 workers", manifest, scratch, options.grammar, lambda: LocalProcesses(2)),
        ]
        # Dask's statistical profiler keeps the last 1,000 one-second cycles of stack samples per worker
        # (about 17 minutes, tens of MiB): bounded, but it grows through a whole run of this benchmark and
        # would hide whether kzlint's own memory is flat. The README says how to switch it off on a cluster.
        with (
            dask.config.set({"distributed.worker.profile.enabled": False}),
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        ):
            dask = measure(
                "LocalCluster, 2 workers",
                manifest,
                scratch,
                options.grammar,
                lambda: DaskCluster(cluster.scheduler_address, ship_texts=False, timeout=10),
            )
        results.append(dask)
        print(f"load average after: {_load()} (other processes share the cores: a busy machine lowers the speed-up)\n")
        print_figures(results)


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
