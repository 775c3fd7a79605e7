"""The grammar stage: check each paragraph once, drop known false alarms, build findings.

Paragraphs are checked independently, so a changed paragraph is the only one
checked again (see :mod:`linter.grammar.cache`), identical paragraphs in two
renderings are checked once, and offsets map back to the file by adding the
paragraph's start. Boilerplate (photo credits, bylines, links) is not the
article's prose and is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from linter.errors import BackendFailed
from linter.grammar.backends import open_backend
from linter.grammar.cache import GrammarCache, cache_root
from linter.grammar.checks import OWN_CHECKS
from linter.grammar.families import UNAVAILABLE
from linter.grammar.issues import Backend, GrammarRun, Issue
from linter.grammar.names import NameJudge, base_form, vocabulary
from linter.grammar.quirks import is_harper_false_alarm
from linter.model import Category, Document, Finding, Location, Paragraph, ParagraphKind, Severity
from linter.rules.base import TextUnderCheck
from linter.settings import GrammarSettings, Settings
from linter.workers import processes

_SEVERITY = {Category.GRAMMAR: Severity.WARNING, Category.SPELLING: Severity.WARNING, Category.STYLE: Severity.INFO}
_SHOWN_SUGGESTIONS = 3


def run_grammar(texts: Sequence[TextUnderCheck], settings: Settings) -> GrammarRun:
    """Grammar, spelling and style findings for every text, and a line naming the backend that ran."""
    grammar = settings.grammar
    try:
        backend = open_backend(grammar)
    except BackendFailed as failure:
        return _failed(str(failure).split("; ", 1)[0])
    try:
        paragraphs = list(dict.fromkeys(p.text for text in texts for p in checked_paragraphs(text.doc)))
        found = issues_by_paragraph(backend, paragraphs, grammar)
    except BackendFailed as failure:
        return _failed(str(failure))
    finally:
        backend.close()
    vocabularies: dict[int, frozenset[str]] = {}
    findings = [
        finding
        for text in texts
        for finding in _text_findings(text, found, backend.family, grammar, _companion_words(text, vocabularies))
    ]
    return GrammarRun(findings, backend.description)


def _failed(reason: str) -> GrammarRun:
    message = f"grammar and spelling not checked: {reason}"
    finding = Finding(UNAVAILABLE.id, UNAVAILABLE.category, UNAVAILABLE.severity, message, ())
    return GrammarRun([finding], None, reason)


def checked_paragraphs(doc: Document) -> list[Paragraph]:
    return [p for p in doc.paragraphs if p.kind is not ParagraphKind.BOILERPLATE and any(c.isalpha() for c in p.text)]


def issues_by_paragraph(
    backend: Backend, paragraphs: Sequence[str], grammar: GrammarSettings
) -> dict[str, list[Issue]]:
    """The backend's issues for each paragraph text: from the cache, or checked now and cached."""
    cache = GrammarCache(cache_root(), backend.family, backend.version, backend.options) if grammar.cache else None
    found: dict[str, list[Issue]] = {}
    if cache is not None:
        for text in paragraphs:
            cached = cache.get(text)
            if cached is not None:
                found[text] = cached
    missing = [text for text in paragraphs if text not in found]
    for text, issues in zip(missing, backend.check(missing, processes(grammar.jobs)), strict=True):
        found[text] = issues
        if cache is not None:
            cache.put(text, issues)
    return found


def suggestion_text(problem: str, suggestions: Sequence[str]) -> str | None:
    """The first few suggestions as "a / b / c"; an empty one means deleting the flagged text."""
    shown = [_describe(problem, s) for s in suggestions[:_SHOWN_SUGGESTIONS]]
    return " / ".join(dict.fromkeys(shown)) or None


def _text_findings(
    text: TextUnderCheck,
    found: dict[str, list[Issue]],
    family: str,
    grammar: GrammarSettings,
    companion_words: frozenset[str],
) -> Iterator[Finding]:
    judge = NameJudge(text, companion_words, grammar.words)
    for paragraph in checked_paragraphs(text.doc):
        issues = found[paragraph.text]
        flagged = frozenset(
            base_form(paragraph.text[i.start : i.end]) for i in issues if i.category is Category.SPELLING
        )
        shown = [i for i in issues if not _is_false_alarm(family, judge, paragraph, i, flagged)]
        own = [
            issue
            for check in OWN_CHECKS
            for issue in check.find(paragraph.text)
            if not any(_same_slip(issue, other) for other in shown)
        ]
        yield from (_finding(f"GR.{family}.{issue.rule}", issue, text, paragraph) for issue in shown)
        yield from (_finding(f"GR.kzlint.{issue.rule}", issue, text, paragraph) for issue in own)


def _is_false_alarm(family: str, judge: NameJudge, paragraph: Paragraph, issue: Issue, flagged: frozenset[str]) -> bool:
    if family == "harper" and is_harper_false_alarm(paragraph.text, issue):
        return True
    return issue.category is Category.SPELLING and judge.is_not_a_misspelling(
        paragraph, paragraph.start + issue.start, paragraph.start + issue.end, flagged
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
