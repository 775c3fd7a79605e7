"""Harper, the offline checker: no Java, no network, so it runs on any fresh machine.

Harper releases the GIL while it builds a linter and while it lints, so
threads check paragraphs truly in parallel, without the start-up, pickling
and ``__main__`` pitfalls of worker processes. A ``harper.Linter`` serves one
call at a time, so each thread borrows one from a pool kept for the life of
the process. The first linter of a process costs about 0.9 s (Harper loads
its dictionary once); it is built in the background while the texts are
aligned (:meth:`HarperBackend.warm_up`), and later ones cost milliseconds.

Harper is taught the words kzlint would not report anyway: the unknown
names the name rules drop wherever they occur, the region's words, the
user's list. Without them it looks for suggestions for each unknown name,
and in each thread the first long name with no close dictionary word costs
one to two seconds of search ("Qudaibergen"), only for kzlint to drop the
finding afterwards.
"""

from __future__ import annotations

import dataclasses
import json
import queue
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from importlib.metadata import version as package_version

import harper

from linter.errors import BackendUnavailable
from linter.grammar.issues import Backend, Issue
from linter.grammar.names import NEAR_WORD_MIN_LETTERS, SLIPS_UNDONE, intended_forms
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
# Below this many characters one thread is as fast as two. Measured: a linter
# checks about 20,000 characters per CPU-second and a second one costs little
# once the dictionary is loaded, so two threads halve a few paragraphs' time.
PARALLEL_MIN_CHARS = 8_000
_BATCHES_PER_WORKER = 4
# Harper's time grows with the square of a sentence's length when the sentence
# is a long list ("a, b, c, ...": 80,000 characters take ten seconds) or a run
# of marks (200,000 "!" take minutes). Prose never comes near, but a pasted
# table or a separator line does. So Harper reads a paragraph in pieces of at
# most PIECE_CHARS characters, cut after a sentence where there is one, else at
# a space, and of a run of more than LONGEST_MARK_RUN marks it reads only the
# start. A piece is read with up to CONTEXT characters of the text on either
# side, so that its edges read as they do in the paragraph (a word that only
# starts the piece is no sentence start), and keeps the issues that begin
# inside it.
PIECE_CHARS = 10_000
LONGEST_MARK_RUN = 20
CONTEXT = 200
_MARK_RUN = re.compile(rf"[^\w\s]{{{LONGEST_MARK_RUN + 1},}}")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”»’')\]]*\s+")


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
    learns_words = True

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
        # How a long paragraph is read in pieces changes the answer too.
        pieces = {"piece": PIECE_CHARS, "context": CONTEXT, "mark_run": LONGEST_MARK_RUN}
        # So does which unknown words count as a slip away from a dictionary word (the entries record them).
        return {
            "dialect": self._options.dialect, "picky": self._options.picky, "pieces": pieces,
            "near_words": {"min_letters": NEAR_WORD_MIN_LETTERS, "slips": list(SLIPS_UNDONE)},
        }

    def warm_up(self) -> None:
        _pool(self._options).warm_up()

    def unknown_words(self, words: Iterable[str]) -> frozenset[str]:
        return _pool(self._options).unknown_words(words)

    def near_dictionary(self, words: Iterable[str]) -> frozenset[str]:
        return _pool(self._options).near_dictionary(words)

    def check(self, texts: Sequence[str], jobs: int, known_words: frozenset[str] = frozenset()) -> list[list[Issue]]:
        if not texts:
            return []
        linters = _pool(self._options)
        lint_all = partial(linters.lint_all, known_words=known_words)
        if jobs <= 1 or len(texts) <= 1 or sum(map(len, texts)) < PARALLEL_MIN_CHARS:
            return lint_all(texts)
        batches = _batches(texts, jobs * _BATCHES_PER_WORKER)
        with ThreadPoolExecutor(max_workers=min(jobs, len(batches))) as executor:
            return [issues for batch in executor.map(lint_all, batches) for issues in batch]


@dataclass
class _Taught:
    """A linter and the words it has been taught; Harper keeps them until told to forget them."""

    linter: harper.Linter
    words: frozenset[str] = frozenset()

    def knowing(self, words: frozenset[str]) -> harper.Linter:
        if words != self.words:
            self.linter.clear_words()
            self.linter.import_words(sorted(words))
            self.words = words
        return self.linter


class LinterPool:
    """Harper linters of one configuration, each lent to one thread at a time."""

    def __init__(self, options: HarperOptions) -> None:
        self._options = options
        self._idle: queue.SimpleQueue[_Taught] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._building: Future[_Taught] | None = None

    def warm_up(self) -> None:
        """Build a linter in the background, unless one is idle or on its way."""
        with self._lock:
            if self._building is None and self._idle.empty():
                self._building = _builder().submit(self._new)

    def unknown_words(self, words: Iterable[str]) -> frozenset[str]:
        """Those of ``words`` Harper's own dictionary lacks; it answers without looking for suggestions."""
        with self._borrowed() as taught:
            linter = taught.knowing(frozenset())
            return frozenset(word for word in words if not linter.is_likely_english(word))

    def near_dictionary(self, words: Iterable[str]) -> frozenset[str]:
        """Those of ``words`` with a dictionary word a slip away; a few hundred dictionary look-ups per word."""
        with self._borrowed() as taught:
            linter = taught.knowing(frozenset())
            return frozenset(
                word for word in words if any(map(linter.is_likely_english, sorted(intended_forms(word))))
            )

    def lint_all(self, texts: Sequence[str], known_words: frozenset[str] = frozenset()) -> list[list[Issue]]:
        with self._borrowed() as taught:
            linter = taught.knowing(known_words)
            return [lint_text(linter, text) for text in texts]

    @contextmanager
    def _borrowed(self) -> Iterator[_Taught]:
        taught = self._take()
        try:
            yield taught
        finally:
            self._idle.put(taught)

    def _take(self) -> _Taught:
        """An idle linter, else the one being built, else a new one."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            building, self._building = self._building, None
        return building.result() if building is not None else self._new()

    def _new(self) -> _Taught:
        return _Taught(_new_linter(self._options))


def lint_text(linter: harper.Linter, text: str) -> list[Issue]:
    """Harper's issues in one paragraph, with the rule name of each, read in pieces (see PIECE_CHARS)."""
    if len(text) <= PIECE_CHARS and not _MARK_RUN.search(text):
        return _lint_piece(linter, text)
    return [
        dataclasses.replace(issue, start=piece.read + issue.start, end=piece.read + issue.end)
        for piece in _pieces(text)
        for issue in _lint_piece(linter, text[piece.read : piece.read_end])
        if piece.start <= piece.read + issue.start < piece.end
    ]


@dataclass(frozen=True)
class _Piece:
    """Where a piece of a paragraph starts and ends, and the wider span read for it (its context)."""

    start: int
    end: int
    read: int
    read_end: int


def _pieces(text: str) -> Iterator[_Piece]:
    """What Harper reads of ``text``: consecutive pieces of at most PIECE_CHARS characters, with their context."""
    start = 0
    for run in _MARK_RUN.finditer(text):
        yield from _cut(text, start, run.start() + LONGEST_MARK_RUN)
        start = run.end()
    yield from _cut(text, start, len(text))


def _cut(text: str, start: int, end: int) -> Iterator[_Piece]:
    """``text[start:end]`` in pieces, each ending after its last sentence, else at its last space."""
    first = start
    while start < end:
        limit = start + PIECE_CHARS
        cut = end if end <= limit else _last_break(text, start, limit)
        yield _Piece(start, cut, _context_start(text, first, start), _context_end(text, cut, end))
        start = cut


def _context_start(text: str, first: int, start: int) -> int:
    """Where to start reading for a piece at ``start``: up to CONTEXT characters before, at a word."""
    earliest = max(first, start - CONTEXT)
    if earliest == first:
        return first
    space = text.find(" ", earliest, start)
    return space + 1 if space >= 0 else start


def _context_end(text: str, cut: int, end: int) -> int:
    """Where to stop reading for a piece that ends at ``cut``: up to CONTEXT characters after, at a word."""
    latest = min(end, cut + CONTEXT)
    if latest == end:
        return end
    space = text.rfind(" ", cut, latest)
    return space if space > cut else cut


def _last_break(text: str, start: int, limit: int) -> int:
    """The end of the last sentence before ``limit``, else the last space, else ``limit``."""
    last = None
    for last in _SENTENCE_BREAK.finditer(text, start + 1, limit):
        pass
    if last is not None:
        return last.end()
    space = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
    return space if space > start else limit


def _lint_piece(linter: harper.Linter, text: str) -> list[Issue]:
    """Harper's issues in one piece of text.

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


@cache
def _builder() -> ThreadPoolExecutor:
    """The thread that builds linters ahead of need; one is enough, Harper loads its dictionary once."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="harper-warm-up")


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
