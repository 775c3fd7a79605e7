"""Harper, the offline checker: no Java, no network, so it runs on any fresh machine.

Harper releases the GIL while it builds a linter and while it lints, so
threads check paragraphs truly in parallel, without the start-up, pickling
and ``__main__`` pitfalls of worker processes. A ``harper.Linter`` takes
about 0.6 s to build and serves one call at a time, so each thread borrows one
from a pool kept for the life of the process. Small texts are checked by one
thread: a second linter costs more than it saves.
"""

from __future__ import annotations

import json
import queue
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version as package_version

import harper

from linter.errors import BackendUnavailable
from linter.grammar.issues import Backend, Issue
from linter.model import Category

_DIALECTS = {
    "en": harper.Dialect.AMERICAN,
    "en-us": harper.Dialect.AMERICAN,
    "en-gb": harper.Dialect.BRITISH,
    "en-au": harper.Dialect.AUSTRALIAN,
    "en-ca": harper.Dialect.CANADIAN,
    "en-in": harper.Dialect.INDIAN,
}
# Style checks on which news style guides disagree (AP writes "2024-2025" with a
# hyphen and no serial comma) or that flag the long sentences of official
# prose: on only with --picky.
PICKY_RULES = ("LongSentences", "OxfordComma", "NumericRangeEnDash")
_SPELLING_KINDS = frozenset({"Spelling", "Typo"})
_STYLE_KINDS = frozenset({"Style", "Readability", "Enhancement", "Redundancy", "Formatting", "Regionalism"})
# Below this many characters, one linter is faster than two. Measured: a
# second linter costs about 1.5 CPU-seconds (0.6 s to build, the rest to warm
# its caches) and a fresh linter checks about 15,000 characters per
# CPU-second, so two threads on two free cores break even near 45,000.
PARALLEL_MIN_CHARS = 60_000
_BATCHES_PER_WORKER = 4


@dataclass(frozen=True)
class HarperOptions:
    dialect: int
    picky: bool


def dialect_for(language: str) -> harper.Dialect:
    try:
        return _DIALECTS[language.strip().lower().replace("_", "-")]
    except KeyError:
        raise BackendUnavailable(
            f"Harper checks English only (en-US, en-GB, en-AU, en-CA, en-IN), not {language!r}; "
            "use --grammar languagetool with --languagetool-url for other languages"
        ) from None


class HarperBackend(Backend):
    family = "harper"

    def __init__(self, language: str, picky: bool, note: str = "") -> None:
        """``note`` says why Harper runs when LanguageTool was preferred, for the report."""
        self._language = language
        self._options = HarperOptions(int(dialect_for(language)), picky)
        self._note = note

    @property
    def version(self) -> str:
        return package_version("harper-py")

    @property
    def description(self) -> str:
        note = f"; {self._note}" if self._note else ""
        return f"Harper {self.version} (offline, {self._language}{note})"

    @property
    def options(self) -> dict[str, object]:
        return {"dialect": self._options.dialect, "picky": self._options.picky}

    def check(self, texts: Sequence[str], jobs: int) -> list[list[Issue]]:
        if not texts:
            return []
        linters = _pool(self._options)
        if jobs <= 1 or len(texts) <= 1 or sum(map(len, texts)) < PARALLEL_MIN_CHARS:
            return linters.lint_all(texts)
        batches = _batches(texts, jobs * _BATCHES_PER_WORKER)
        with ThreadPoolExecutor(max_workers=min(jobs, len(batches))) as executor:
            return [issues for batch in executor.map(linters.lint_all, batches) for issues in batch]


class LinterPool:
    """Harper linters of one configuration, each lent to one thread at a time."""

    def __init__(self, options: HarperOptions) -> None:
        self._options = options
        self._idle: queue.SimpleQueue[harper.Linter] = queue.SimpleQueue()

    def lint_all(self, texts: Sequence[str]) -> list[list[Issue]]:
        with self._borrowed() as linter:
            return [lint_text(linter, text) for text in texts]

    @contextmanager
    def _borrowed(self) -> Iterator[harper.Linter]:
        try:
            linter = self._idle.get_nowait()
        except queue.Empty:
            linter = _new_linter(self._options)
        try:
            yield linter
        finally:
            self._idle.put(linter)


def lint_text(linter: harper.Linter, text: str) -> list[Issue]:
    """Harper's issues in one paragraph, with the rule name of each.

    ``organized_lints`` gives rule names. Harper's own de-duplication drops
    every lint that overlaps another, so with --picky one long-sentence lint
    would hide all the slips inside the sentence; only lints on identical
    spans are merged here, keeping Harper's most important one.
    """
    organised = linter.organized_lints(text, language="plaintext", dedup=False)
    ranked = sorted(
        ((rule, lint) for rule, lints in organised.items() for lint in lints),
        key=lambda pair: (_priority(pair[1]), pair[1].span.start, pair[0]),
    )
    kept: dict[tuple[int, int], Issue] = {}
    for rule, lint in ranked:
        kept.setdefault((lint.span.start, lint.span.end), _issue(rule, lint))
    return sorted(kept.values(), key=lambda issue: (issue.start, issue.end, issue.rule))


def category_of(lint_kind: str) -> Category:
    if lint_kind in _SPELLING_KINDS:
        return Category.SPELLING
    if lint_kind in _STYLE_KINDS:
        return Category.STYLE
    return Category.GRAMMAR


@cache
def _pool(options: HarperOptions) -> LinterPool:
    """One pool per configuration for the life of the process: a used linter has warm caches."""
    return LinterPool(options)


def _new_linter(options: HarperOptions) -> harper.Linter:
    linter = harper.Linter(harper.Dialect(options.dialect))
    config = linter.get_lint_config()
    linter.set_lint_config({**config, **{rule: options.picky for rule in PICKY_RULES}})
    return linter


def _batches(texts: Sequence[str], count: int) -> list[list[str]]:
    """About ``count`` consecutive groups of similar size, so that threads finish together."""
    size = sum(map(len, texts)) / count
    batches: list[list[str]] = [[]]
    filled = 0
    for text in texts:
        if filled >= size:
            batches.append([])
            filled = 0
        batches[-1].append(text)
        filled += len(text)
    return batches


def _priority(lint: harper.Lint) -> int:
    """Harper's importance of a lint (lower is more important), used to pick among duplicates."""
    return int(json.loads(lint.to_json())["inner"].get("priority", 255))


def _issue(rule: str, lint: harper.Lint) -> Issue:
    return Issue(
        lint.span.start,
        lint.span.end,
        rule,
        category_of(lint.lint_kind),
        lint.message,
        tuple(_replacement(lint.problem_text, suggestion) for suggestion in lint.suggestions),
    )


def _replacement(problem: str, suggestion: harper.Suggestion) -> str:
    """What the flagged text should become under ``suggestion``."""
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return problem + suggestion.replacement_text
    if suggestion.kind == harper.SuggestionKind.REMOVE:
        return ""
    return suggestion.replacement_text
