"""A batch from start to end: plan (skip what is finished), run, write each pair as it comes, write the index.

Each finished pair's reports and record are written the moment its outcome
arrives, atomically, so that Ctrl-C, a dead worker or a full disk loses
nothing already done, and the next run resumes with the pairs left. The
index is written last, from every pair of the batch: those run now, those
finished before, those that failed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from linter.batch.executors import Executor
from linter.batch.index import BatchIndex, IndexRow, build_index, index_html, index_json, index_markdown
from linter.batch.manifest import PairSpec
from linter.batch.state import PairFiles, finished, fingerprint, forget, save
from linter.batch.task import PairOutcome, PairTask, failed, portable
from linter.config import Overrides, apply_overrides
from linter.errors import KzlintError
from linter.model import Severity
from linter.output import write_atomic
from linter.settings import Settings

# Called as pairs finish: how many are done and how many of those failed.
OnPairDone = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchResult:
    """The index as written, and the outcomes of the pairs run now (for the benchmark's figures)."""

    index: BatchIndex
    outcomes: tuple[PairOutcome, ...]
    folder: Path

    @property
    def summary_line(self) -> str:
        statuses = self.index.statuses
        return (
            f"wrote {(self.folder / 'index.md').as_posix()}: {len(self.index.rows)} pairs, {statuses['ok']} compared, "
            f"{statuses['skipped']} unchanged, {statuses['failed']} failed"
        )

    def exit_code(self, fail_on: Severity) -> int:
        """2 if a pair failed; else 1 if a pair has a finding at ``fail_on`` or worse; else 0."""
        outcomes = [row.outcome for row in self.index.rows]
        if any(outcome.status == "failed" for outcome in outcomes):
            return 2
        worst = [s.label for s in Severity if s >= fail_on]
        return 1 if any(outcome.counts.get(label, 0) for outcome in outcomes for label in worst) else 0


@dataclass(frozen=True)
class _Planned:
    spec: PairSpec
    files: PairFiles
    key: str = ""
    task: PairTask | None = None
    outcome: PairOutcome | None = None


def run_batch(
    pairs: Sequence[PairSpec], settings: Settings, folder: Path, executor: Executor, on_done: OnPairDone | None = None
) -> BatchResult:
    """Run every pair not finished before, write its reports under ``folder``, and write the index."""
    planned = [_plan(spec, settings, folder) for spec in pairs]
    by_id = {entry.spec.id: entry for entry in planned}
    outcomes = {entry.spec.id: entry.outcome for entry in planned if entry.outcome and entry.outcome.status == "skipped"}
    ran = []
    report = on_done or (lambda _done, _failed: None)
    failures = 0
    report(len(outcomes), failures)
    for finished_pair in _run(planned, executor):
        outcome = _keep(by_id[finished_pair.id], finished_pair)
        outcomes[outcome.id] = outcome
        ran.append(outcome)
        failures += outcome.status == "failed"
        report(len(outcomes), failures)
    index = build_index([IndexRow(entry.spec, outcomes[entry.spec.id], entry.files) for entry in planned])
    write_atomic(folder / "index.json", index_json(index))
    write_atomic(folder / "index.md", index_markdown(index))
    write_atomic(folder / "index.html", index_html(index))
    return BatchResult(index, tuple(ran), folder)


def _run(planned: Sequence[_Planned], executor: Executor) -> Iterator[PairOutcome]:
    """The outcome of every planned task; a pair that failed before it could be sent is already an outcome."""
    tasks = [entry.task for entry in planned if entry.task]
    yield from (entry.outcome for entry in planned if entry.outcome and entry.outcome.status == "failed")
    if tasks:
        # Texts to ship are read as each task is handed over, so that only those in flight are held.
        yield from executor.outcomes(map(_with_texts, tasks) if executor.ships_texts else tasks)


def _plan(spec: PairSpec, settings: Settings, folder: Path) -> _Planned:
    """What to do with one pair: nothing (finished before), fail it at once, or a task to run."""
    files = PairFiles(folder, spec.id)
    if spec.problem:
        return _Planned(spec, files, outcome=failed(spec.id, spec.problem))
    try:
        pair_settings = _pair_settings(spec, settings)
    except (KzlintError, ValueError) as error:  # an unknown encoding, say: that pair's row
        return _Planned(spec, files, outcome=failed(spec.id, str(error)))
    key = fingerprint(spec, pair_settings)
    done = finished(files, key)
    if done:
        return _Planned(spec, files, key, outcome=done)
    return _Planned(spec, files, key, task=PairTask(spec, portable(pair_settings)))


def _keep(entry: _Planned, outcome: PairOutcome) -> PairOutcome:
    """Write a finished pair's reports and record, or forget a failed pair's record; the outcome without its reports.

    Once on disk, the reports' texts are not needed for the index, and a client
    that held them all would grow by every report of the archive (about 100 KiB
    a chapter pair).
    """
    if outcome.status == "ok":
        save(entry.files, entry.key, outcome)
    else:
        forget(entry.files)
    return dataclasses.replace(outcome, reports={})


def _pair_settings(spec: PairSpec, settings: Settings) -> Settings:
    """The batch's settings with the pair's own options over them."""
    options = spec.options
    overrides = Overrides(
        disabled=options.disable, grammar=options.grammar, language=options.language, encoding=options.encoding
    )
    return apply_overrides(settings, overrides)


def _with_texts(task: PairTask) -> PairTask:
    """The task with its texts' bytes, for workers that cannot see the files.

    A file missing, unreadable or too large is not shipped: the worker then
    tries to read it itself and fails the pair with the usual one-line reason.
    """
    shipped, limit = {}, task.settings.input.max_file_mb * 1_000_000
    for path in (task.spec.a, task.spec.b, *task.spec.others):
        try:
            if path.stat().st_size <= limit:
                shipped[path] = path.read_bytes()
        except OSError:
            continue
    return dataclasses.replace(task, shipped=shipped)

