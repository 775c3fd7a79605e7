"""The grammar stage: check each paragraph once, drop known false alarms, build findings.

Paragraphs are checked independently, so a changed paragraph is the only one
checked again (see :mod:`linter.grammar.cache`), identical paragraphs in two
renderings are checked once, and offsets map back to the file by adding the
paragraph's start. Boilerplate (photo credits, bylines, links) is not the
article's prose and is not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from linter.errors import BackendFailed
from linter.grammar.backends import open_backend
from linter.grammar.cache import CachedCheck, GrammarCache, cache_root
from linter.grammar.checks import OWN_CHECKS
from linter.grammar.families import UNAVAILABLE
from linter.grammar.issues import Backend, GrammarRun, Issue
from linter.grammar.names import (
    NameJudge,
    accepted_words,
    base_form,
    capitalised_words,
    known_words_in,
    near_a_suggestion,
    vocabulary,
)
from linter.grammar.quirks import is_harper_false_alarm
from linter.model import Category, Document, Finding, Location, Paragraph, ParagraphKind, Severity
from linter.rules.base import TextUnderCheck
from linter.settings import GrammarSettings, Settings
from linter.workers import processes

_SEVERITY = {Category.GRAMMAR: Severity.WARNING, Category.SPELLING: Severity.WARNING, Category.STYLE: Severity.INFO}
_SHOWN_SUGGESTIONS = 3


def run_grammar(texts: Sequence[TextUnderCheck], settings: Settings) -> GrammarRun:
    """Grammar, spelling and style findings for every text, and a line naming the backend that ran."""
    with open_grammar(texts, settings) as grammar:
        return grammar.run()


@contextmanager
def open_grammar(texts: Sequence[TextUnderCheck], settings: Settings) -> Iterator[GrammarStage]:
    """The grammar stage of ``texts``, its backend closed on leaving."""
    try:
        backend = open_backend(settings.grammar)
    except BackendFailed as failure:
        backend, reason = None, str(failure).split("; ", 1)[0]
    if backend is None:
        yield GrammarStage(texts, settings.grammar, None, reason)
        return
    try:
        yield GrammarStage(texts, settings.grammar, backend)
    finally:
        backend.close()


class GrammarStage:
    """The texts to check and a backend ready to check them, or the reason there is none."""

    def __init__(
        self, texts: Sequence[TextUnderCheck], grammar: GrammarSettings, backend: Backend | None, failure: str = ""
    ) -> None:
        self._texts = texts
        self._grammar = grammar
        self._backend = backend
        self._failure = failure
        self._paragraphs = list(dict.fromkeys(p.text for text in texts for p in checked_paragraphs(text.doc)))

    def warm_up(self) -> None:
        """Let the backend start up in the background, unless the cache can answer for every paragraph.

        Called once, as soon as the texts are read, so that the backend is
        ready by the time they are aligned.
        """
        if self._backend is None:
            return
        cache = _cache(self._backend, self._grammar)
        if cache is None or not all(cache.has(text) for text in self._paragraphs):
            self._backend.warm_up()

    def run(self) -> GrammarRun:
        """Grammar, spelling and style findings for every text, and a line naming the backend that ran."""
        backend, grammar, texts = self._backend, self._grammar, self._texts
        if backend is None:
            return _failed(self._failure)
        vocabularies: dict[int, frozenset[str]] = {}
        judges = [NameJudge(text, _companion_words(text, vocabularies), grammar.words) for text in texts]

        def words_to_teach(unknown: frozenset[str], near: frozenset[str]) -> frozenset[str]:
            return accepted_words(grammar.words) | names_never_reported(texts, judges, unknown, near)

        try:
            found, taught, near = issues_by_paragraph(backend, self._paragraphs, grammar, words_to_teach)
        except BackendFailed as failure:
            return _failed(str(failure))
        findings = [
            finding
            for text, judge in zip(texts, judges, strict=True)
            for finding in _text_findings(text, judge, found, backend.family, taught, near)
        ]
        return GrammarRun(findings, backend.description)


def names_never_reported(
    texts: Sequence[TextUnderCheck],
    judges: Sequence[NameJudge],
    unknown: frozenset[str],
    near: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """The ``unknown`` capitalised words that no text reports as misspelt wherever it has them.

    A name reported in one place (a capitalised typo at the start of a
    sentence) is not among them, so a backend taught them still flags it there.
    ``near`` holds the base forms of the words a slip away from a dictionary word.
    """
    dropped: set[str] = set()
    reported: set[str] = set()
    for text, judge in zip(texts, judges, strict=True):
        for paragraph in checked_paragraphs(text.doc):
            never, somewhere = judge.sort_unknown_names(paragraph, unknown, near)
            dropped |= never
            reported |= somewhere
    return frozenset(dropped - reported)


def _failed(reason: str) -> GrammarRun:
    message = f"grammar and spelling not checked: {reason}"
    finding = Finding(UNAVAILABLE.id, UNAVAILABLE.category, UNAVAILABLE.severity, message, ())
    return GrammarRun([finding], None, reason)


def checked_paragraphs(doc: Document) -> list[Paragraph]:
    return [p for p in doc.paragraphs if p.kind is not ParagraphKind.BOILERPLATE and any(c.isalpha() for c in p.text)]


def issues_by_paragraph(
    backend: Backend,
    paragraphs: Sequence[str],
    grammar: GrammarSettings,
    words_to_teach: Callable[[frozenset[str], frozenset[str]], frozenset[str]] = lambda *_: frozenset(),
) -> tuple[dict[str, list[Issue]], frozenset[str], frozenset[str]]:
    """The backend's issues for each paragraph text, from the cache or checked now and cached, the words taught,
    and the base forms of the unknown words a slip away from a dictionary word.

    A backend that ``learns_words`` is taught ``words_to_teach(unknown, near)``,
    ``unknown`` being the paragraphs' capitalised words its dictionary lacks
    and ``near`` the base forms of those a slip away from a dictionary word.
    """
    cache = _cache(backend, grammar)
    cached = {text: entry for text in paragraphs if cache and (entry := cache.get(text)) is not None}
    unknown = near = taught = frozenset[str]()
    if backend.learns_words:
        unknown, near = _unknown_words(backend, paragraphs, cached)
        taught = words_to_teach(unknown, frozenset(map(base_form, near)))
    held = {text: tuple(known_words_in(text, taught)) for text in paragraphs}
    found = {text: entry.issues for text, entry in cached.items() if entry.taught == held[text]}
    missing = [text for text in paragraphs if text not in found]
    for text, issues in zip(missing, backend.check(missing, processes(grammar.jobs), taught), strict=True):
        found[text] = issues
        if cache is not None:
            words = unknown & capitalised_words(text)
            cache.put(text, CachedCheck(issues, held[text], words, near & words))
    return found, taught, frozenset(map(base_form, near))


def _cache(backend: Backend, grammar: GrammarSettings) -> GrammarCache | None:
    return GrammarCache(cache_root(), backend.family, backend.version, backend.options) if grammar.cache else None


def _unknown_words(
    backend: Backend, paragraphs: Sequence[str], cached: Mapping[str, CachedCheck]
) -> tuple[frozenset[str], frozenset[str]]:
    """The paragraphs' capitalised words the backend lacks, and those of them a slip away from a dictionary word.

    From the cache, else asked, only if some paragraphs are uncached.
    """
    unknown = frozenset().union(*(entry.unknown for entry in cached.values()))
    near = frozenset().union(*(entry.near for entry in cached.values()))
    asked = frozenset().union(*(capitalised_words(text) for text in paragraphs if text not in cached))
    if not asked:
        return unknown, near
    new = backend.unknown_words(asked) - unknown
    return unknown | new, near | backend.near_dictionary(new)


def suggestion_text(problem: str, suggestions: Sequence[str]) -> str | None:
    """The first few suggestions as "a / b / c"; an empty one means deleting the flagged text."""
    shown = [_describe(problem, s) for s in suggestions[:_SHOWN_SUGGESTIONS]]
    return " / ".join(dict.fromkeys(shown)) or None


def _text_findings(
    text: TextUnderCheck,
    judge: NameJudge,
    found: dict[str, list[Issue]],
    family: str,
    taught: frozenset[str],
    near: frozenset[str],
) -> Iterator[Finding]:
    """The findings of one text; words the backend was taught count as flagged, as they would have been.

    A flagged word with a suggestion a slip away counts as near a
    dictionary word, as ``near`` says for the words the backend was asked about.
    """
    for paragraph in checked_paragraphs(text.doc):
        issues = found[paragraph.text]
        spelling = [(paragraph.text[i.start : i.end], i) for i in issues if i.category is Category.SPELLING]
        flagged = frozenset(base_form(word) for word, _ in spelling).union(
            base_form(word) for word in known_words_in(paragraph.text, taught)
        )
        close = near | {base_form(word) for word, issue in spelling if near_a_suggestion(word, issue.suggestions)}
        shown = [i for i in issues if not _is_false_alarm(family, judge, paragraph, i, flagged, close)]
        own = [
            issue
            for check in OWN_CHECKS
            for issue in check.find(paragraph.text)
            if not any(_same_slip(issue, other) for other in shown)
        ]
        yield from (_finding(f"GR.{family}.{issue.rule}", issue, text, paragraph) for issue in shown)
        yield from (_finding(f"GR.kzlint.{issue.rule}", issue, text, paragraph) for issue in own)


def _is_false_alarm(
    family: str, judge: NameJudge, paragraph: Paragraph, issue: Issue, flagged: frozenset[str], near: frozenset[str]
) -> bool:
    if family == "harper" and is_harper_false_alarm(paragraph.text, issue):
        return True
    return issue.category is Category.SPELLING and judge.is_not_a_misspelling(
        paragraph, paragraph.start + issue.start, paragraph.start + issue.end, flagged, near
    )


def _finding(rule_id: str, issue: Issue, text: TextUnderCheck, paragraph: Paragraph) -> Finding:
    start, end = paragraph.start + issue.start, paragraph.start + issue.end
    return Finding(
        rule_id,
        issue.category,
        _SEVERITY[issue.category],
        issue.message,
        (Location.of(text.side, text.doc, start, end),),
        suggestion_text(text.doc.text[start:end], issue.suggestions),
    )


def _companion_words(text: TextUnderCheck, vocabularies: dict[int, frozenset[str]]) -> frozenset[str]:
    """The words of the other texts of the run; each document's vocabulary is built once."""
    words: set[str] = set()
    for doc in text.companions:
        if id(doc) not in vocabularies:
            vocabularies[id(doc)] = vocabulary(doc)
        words |= vocabularies[id(doc)]
    return frozenset(words)


def _same_slip(own: Issue, backend: Issue) -> bool:
    """Whether a backend finding reports the slip an own check found: a grammar or spelling finding on the same text.

    Style findings such as a long sentence span a whole sentence; they hide nothing.
    """
    overlapping = own.start < backend.end and backend.start < own.end
    return overlapping and backend.category is not Category.STYLE


def _describe(problem: str, replacement: str) -> str:
    if replacement:
        return replacement
    return "remove the space" if problem.isspace() else f"delete “{problem}”"
