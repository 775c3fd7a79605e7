"""One pair's work, as a worker does it: the same ``compare`` and reporters as ``kzlint align``.

A task is a plain picklable value, so that it travels to a local process or to
a Dask worker alike; the outcome carries the rendered reports back, and the
client writes them. Whatever goes wrong with one pair becomes that pair's
failed outcome, never an exception that would stop the batch.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import os
import resource
import socket
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from linter.batch.manifest import PairSpec
from linter.errors import KzlintError
from linter.model import Severity
from linter.settings import Settings

REPORT_FORMATS = {"markdown": ".md", "json": ".json", "html": ".html"}


@dataclass(frozen=True)
class PairTask:
    """A pair, the settings it runs with, and the texts' bytes when the client ships them."""

    spec: PairSpec
    settings: Settings
    shipped: Mapping[Path, bytes] | None = None


@dataclass(frozen=True)
class PairOutcome:
    """What became of one pair: its reports and counts, or the one-line reason it failed.

    ``worker``, ``peak_mib``, ``resident_mib`` and ``cpu_seconds`` say which
    process ran it, that process's peak memory so far, the memory it still
    holds once the pair is done, and its processor time so far, for the
    benchmark; they are never written to the index.
    """

    id: str
    status: str
    error: str | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    by_rule: Mapping[str, int] = field(default_factory=dict)
    by_category: Mapping[str, int] = field(default_factory=dict)
    reports: Mapping[str, str] = field(default_factory=dict)
    worker: str = ""
    peak_mib: float = 0.0
    resident_mib: float = 0.0
    cpu_seconds: float = 0.0


def portable(settings: Settings) -> Settings:
    """``settings`` in a form that pickles (a read-only mapping proxy does not)."""
    return dataclasses.replace(settings, severities=dict(settings.severities))


def failed(pair_id: str, error: str) -> PairOutcome:
    return PairOutcome(pair_id, "failed", error=error)


def run_pair(task: PairTask) -> PairOutcome:
    """Compare the pair and render its reports, exactly as ``kzlint align`` does."""
    from linter import engine
    from linter.report import render

    spec = task.spec
    try:
        result = engine.compare(spec.a, spec.b, task.settings, others=spec.others, shipped=task.shipped)
        reports = {name: render([result], name) for name in REPORT_FORMATS}
    except KzlintError as error:
        return _here(failed(spec.id, str(error)))
    except Exception as error:  # a defect met on one pair is that pair's row, not the end of the batch
        return _here(failed(spec.id, f"internal error: {type(error).__name__}: {error}"))
    finally:
        _forget_words()
        _return_freed_memory()
    findings = result.all_findings
    by_severity = Counter(f.severity.label for f in findings)
    outcome = PairOutcome(
        spec.id,
        "ok",
        counts={s.label: by_severity.get(s.label, 0) for s in sorted(Severity, reverse=True)},
        by_rule=dict(sorted(Counter(f.rule for f in findings).items())),
        by_category=dict(sorted(Counter(f.category.value for f in findings).items())),
        reports=reports,
    )
    return _here(outcome)


def _forget_words() -> None:
    """Empty the caches that hold the words and names of the texts read, once a pair is done.

    They speed up one comparison, where words and names repeat, but a worker
    that runs thousands of pairs would otherwise grow with every new word it
    meets; loaded models (Harper's dictionary, the rule files) stay.
    """
    from linter import diffing, names, similarity
    from linter.grammar import names as grammar_names
    from linter.meaning.vectors import forget_words

    for module in (names, grammar_names, similarity, diffing):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    forget_words()


def _return_freed_memory() -> None:
    """Hand the memory freed by the pair back to the system, where the C library can (glibc's ``malloc_trim``).

    Harper and the tokenizer allocate outside Python's heap; glibc keeps what
    they free in its arenas, and a worker's resident memory crept up by 20 to
    50 MiB over a thousand pairs although nothing was still in use. Trimming
    after each pair (a millisecond) keeps it flat. Elsewhere there is nothing
    to call, and nothing to do.
    """
    trim = getattr(_c_library(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@cache
def _c_library() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def _here(outcome: PairOutcome) -> PairOutcome:
    """The outcome, stamped with this process, its peak and resident memory and its processor time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return dataclasses.replace(
        outcome,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        peak_mib=round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        resident_mib=resident_mib(),
        cpu_seconds=usage.ru_utime + usage.ru_stime,
    )


def resident_mib() -> float:
    """The memory this process holds now (Linux's ``/proc``; 0 where there is none)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return round(pages * resource.getpagesize() / 2**20, 1)
