"""The pipeline: load and segment the texts, align them, run every rule, summarise.

The CLI calls :func:`compare` or :func:`check` and hands the result to a
reporter; nothing here prints or writes files.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from linter.align.coverage import reads_as_independent_translations, renders_one_text
from linter.collector import collector_paused
from linter.diffing import WordChange
from linter.errors import InputError
from linter.grammar.issues import GrammarRun
from linter.inputs import STDIN, Source, is_address, read_input
from linter.merging import merged
from linter.model import Alignment, Category, Document, Finding, Severity
from linter.rules.base import Comparison, PairRule, SourcesRule, TextRule, TextUnderCheck
from linter.rules.registry import builtin_rules
from linter.segment import load_document, segment_source
from linter.settings import Settings
from linter.workers import Assignment, Progress, helper, processes

if TYPE_CHECKING:
    from linter.facts import FactCheck

Stage = Callable[[str], None]
# What names an input: a path, an address or "-" for standard input (see linter.inputs.read_input).
Input = str | Path
# A sentence link as the report finds it: A's and B's sentence indices.
LinkKey = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Summary:
    findings_by_severity: dict[str, int]
    findings_by_category: dict[str, int]
    coverage_of_b: float | None
    coverage_of_a: float | None
    related: bool | None
    # Whether A and B read as two translations of one original rather than one text and its copy-edit.
    independent_translations: bool | None
    aligned_groups: int
    unaligned_a: int
    unaligned_b: int


@dataclass(frozen=True)
class FactsResult:
    """The claims of several sources, grouped, and what the cross-source rules (KZ3xx) found in them."""

    check: FactCheck
    findings: tuple[Finding, ...]

    @property
    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.label for f in self.findings)
        return {s.label: counts.get(s.label, 0) for s in sorted(Severity, reverse=True)}


@dataclass(frozen=True)
class RunResult:
    """What one run found: the texts, how they align, the findings and a summary.

    ``word_changes`` holds the changed words of each sentence link (see
    :class:`~linter.diffing.PassageDiff`), so that the report can mark
    differences without computing them. ``facts`` is the
    fact check across A, B and the other sources given with ``--with``;
    ``accepted`` how many findings a baseline took away, which the report
    says, so that an empty report is not mistaken for a clean text.
    """

    a: Document
    b: Document | None
    alignment: Alignment | None
    findings: tuple[Finding, ...]
    summary: Summary
    grammar_backend: str | None
    word_changes: Mapping[LinkKey, tuple[WordChange, ...]] = field(default_factory=dict)
    grammar_failure: str | None = None
    facts: FactsResult | None = None
    accepted: int = 0

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """The run's findings and the fact check's: what the exit status weighs."""
        return self.findings + (self.facts.findings if self.facts else ())


def compare(
    a_path: Input,
    b_path: Input,
    settings: Settings,
    on_stage: Stage | None = None,
    others: Sequence[Input] = (),
    on_progress: Progress | None = None,
    shipped: Mapping[Path, bytes] | None = None,
) -> RunResult:
    """Align rendering A with reference B and run pair and single-text rules.

    ``on_stage`` is called as each stage begins, ``on_progress`` as the rules
    stage gets through its pieces of work. With ``others``, also check the
    facts A, B and the other sources state (see :func:`cross_check`).
    ``shipped`` holds the bytes of texts read by the caller, by path, so that
    a batch worker which cannot see the files still reports them by their names.
    """
    with collector_paused():
        return _compare(a_path, b_path, settings, on_stage or _quiet, others, on_progress, shipped or {})


def _compare(
    a_path: Input,
    b_path: Input,
    settings: Settings,
    stage: Stage,
    others: Sequence[Input],
    progress: Progress | None,
    shipped: Mapping[Path, bytes],
) -> RunResult:
    from linter.align import align

    stage("reading")
    _refuse_same_file(a_path, b_path, *others)
    a_source, b_source = _read(a_path, settings, shipped), _read(b_path, settings, shipped)
    other_sources = [_read(path, settings, shipped) for path in others]
    stage("segmentation")
    a, b = segment_source(a_source), segment_source(b_source)
    other_docs = [segment_source(source) for source in other_sources]
    stage("alignment")
    companions = _companions(settings, exclude=(Path(a_path), Path(b_path)))
    texts = [TextUnderCheck(a, "a", (b, *companions)), TextUnderCheck(b, "b", (a, *companions))]
    fork = _worth_forking(texts, settings)
    with _grammar_stage(texts, settings) as grammar:
        # A forked process must not inherit the thread that warms the backend up: it starts after the fork.
        if not fork:
            grammar.warm_up()
        plan = _RulePlan(a, b, texts, _active_rules(settings))
        with helper(plan.early_works(), plan.assign, fork) as second:
            if fork:
                grammar.warm_up()
            alignment = align(a, b)
            stage("rules")
            pair = Comparison(a, b, alignment)
            second.hand(_Aligned(alignment, pair.linked_shares))
            findings, word_changes = plan.findings(pair, *second.results(progress))
        stage("grammar")
        checked = grammar.run()
    findings = _finalise([*findings, *checked.findings], settings)
    summary = summarise(findings, alignment, pair.linked_shares)
    facts = _facts((a, b, *other_docs), settings, stage) if other_docs else None
    return RunResult(a, b, alignment, findings, summary, checked.backend, word_changes, checked.failure, facts)


def cross_check(paths: Sequence[Input], settings: Settings, on_stage: Stage | None = None) -> FactsResult:
    """Group the figures and names that several reports of one event state, and run the KZ3xx rules."""
    stage = on_stage or _quiet
    stage("reading")
    _refuse_same_file(*paths)
    sources = [_read(path, settings) for path in paths]
    stage("segmentation")
    docs = tuple(segment_source(source) for source in sources)
    return _facts(docs, settings, stage)


def _facts(docs: Sequence[Document], settings: Settings, stage: Stage) -> FactsResult:
    from linter.facts import check_facts

    stage("facts")
    check = check_facts(docs)
    rules = [rule() for rule in builtin_rules() if rule.scope == "sources" and settings.is_enabled(rule.id)]
    findings = (f for rule in rules if isinstance(rule, SourcesRule) for f in rule.check_sources(check))
    return FactsResult(check, _finalise(findings, settings))


def check(path: Input, settings: Settings, on_stage: Stage | None = None) -> RunResult:
    """Run the single-text rules on one rendering."""
    with collector_paused():
        return _check(path, settings, on_stage or _quiet)


def _check(path: Input, settings: Settings, stage: Stage) -> RunResult:
    stage("reading")
    source = _read(path, settings)
    stage("segmentation")
    doc = segment_source(source)
    stage("rules")
    texts = [TextUnderCheck(doc, "a", _companions(settings, exclude=(Path(path),)))]
    with _grammar_stage(texts, settings) as grammar:
        grammar.warm_up()
        findings = _text_findings(texts, _active_rules(settings))
        stage("grammar")
        checked = grammar.run()
    findings = _finalise([*findings, *checked.findings], settings)
    summary = summarise(findings, None, None)
    return RunResult(doc, None, None, findings, summary, checked.backend, grammar_failure=checked.failure)


def _read(path: Input, settings: Settings, shipped: Mapping[Path, bytes] | None = None) -> Source:
    """One input; its bytes from ``shipped`` when a batch task brought them (a path only names it then)."""
    options = settings.input
    data = shipped.get(Path(path)) if shipped else None
    return read_input(path, options.encoding, options.max_file_mb, options.fetch_timeout, data)


def _refuse_same_file(*paths: Input) -> None:
    """Comparing a text with itself finds nothing (or agrees on everything) and is always a slip of the command line."""
    if sum(str(path) == STDIN for path in paths) > 1:
        raise InputError("standard input (-) can be read once: give it as A or as B, not both")
    files = [Path(path) for path in paths if str(path) != STDIN and not is_address(str(path)) and Path(path).is_file()]
    for index, first in enumerate(files):
        for second in files[index + 1 :]:
            if first.samefile(second):
                raise InputError(f"{first} and {second} are the same file: give different texts to compare")


def _word_changes(pair: Comparison) -> dict[LinkKey, tuple[WordChange, ...]]:
    return {
        (tuple(s.index for s in passage.a), tuple(s.index for s in passage.b)): diff.changes
        for passage, diff in pair.linked_diffs
    }


def _quiet(_: str) -> None:
    """The default stage callback: no progress display."""


# Sentence links per piece of the work the two processes share (see _RulePlan):
# about a tenth of a second of word diffs and rules on the book benchmark.
LINKS_PER_WINDOW = 500


class _Aligned(NamedTuple):
    """What the helper is handed once the texts are aligned: the alignment and how much of each text it links."""

    alignment: Alignment
    shares: tuple[float, float]


class _Found(NamedTuple):
    """What a shared work finds: one list of findings per rule it runs, and the word diffs it made, for the report."""

    findings: list[list[Finding]]
    word_changes: dict[LinkKey, tuple[WordChange, ...]]


@dataclass(frozen=True)
class _Roles:
    """The pair rules that run on a comparison, by where they run (see :class:`_RulePlan`)."""

    prepared: list[PairRule]
    whole: list[PairRule]
    by_link: list[PairRule]


@dataclass(frozen=True)
class _RulePlan:
    """Which rule runs where when a long comparison is split over two processes (see :mod:`linter.workers`).

    While this process aligns the texts, the helper process runs the text
    rules and what pair rules read of the texts alone (:meth:`PairRule.prepare`,
    the names of a book): the early works. What the alignment brings is
    shared, since the two processes then finish together: this process
    starts on it as soon as it has handed the alignment over, the helper
    once it has run the pair rules it prepared, whose preparation only it
    holds. The shared works are the other pair rules, one work each, then
    the rules that read the word diffs, which read link by link and so run
    on windows of the links; each window's diffs come back for the report.
    The findings come back in one order either way: pair rules in rule
    order, then text rules per text.

    When A and B are not renderings of one text (KZ100), only the pair rules
    that mean something then run.
    """

    a: Document
    b: Document
    texts: Sequence[TextUnderCheck]
    rules: Sequence[PairRule | TextRule]

    def early_works(self) -> list[Callable[[], list[Finding]]]:
        prepared = [partial(_prepared, rule, self.a, self.b) for rule in self._preparing()]
        checks = [partial(_text_rule_findings, rule, text) for rule, text in _text_checks(self.rules, self.texts)]
        return [*prepared, *checks]

    def assign(self, aligned: _Aligned) -> Assignment[list[Finding], _Found]:
        """The helper's later works (the rules it prepared), and the works both processes share."""
        pair = Comparison(self.a, self.b, aligned.alignment, measured_shares=aligned.shares)
        roles = self._roles(pair)
        later = [partial(_pair_rule_findings, rule, pair) for rule in roles.prepared]
        whole = [partial(_whole_findings, rule, pair) for rule in roles.whole]
        windows = [partial(_window_findings, roles.by_link, window) for window in pair.windows(LINKS_PER_WINDOW)]
        return later, [*whole, *windows]

    def findings(
        self,
        pair: Comparison,
        early: Sequence[list[Finding]],
        later: Sequence[list[Finding]],
        shared: Sequence[_Found],
    ) -> tuple[list[Finding], dict[LinkKey, tuple[WordChange, ...]]]:
        """The works' findings in the plan's order, and the word changes of every link."""
        roles = self._roles(pair)
        text_found = early[len(self._preparing()) :]  # after the preparations, which find nothing
        windows = shared[len(roles.whole) :]
        by_rule = {
            **dict(zip(roles.prepared, later, strict=True)),
            **{rule: found.findings[0] for rule, found in zip(roles.whole, shared)},
            **{rule: [f for window in windows for f in window.findings[n]] for n, rule in enumerate(roles.by_link)},
        }
        pair_found = [by_rule[rule] for rule in self._pair_rules(pair)]
        findings = [finding for found in (*pair_found, *text_found) for finding in found]
        return findings, {link: changes for window in windows for link, changes in window.word_changes.items()}

    def _roles(self, pair: Comparison) -> _Roles:
        rules = self._pair_rules(pair)
        prepared = [rule for rule in rules if _prepares(rule)]
        by_link = [rule for rule in rules if rule.reads_word_diffs and rule not in prepared]
        whole = [rule for rule in rules if rule not in prepared and rule not in by_link]
        return _Roles(prepared, whole, by_link)

    def _preparing(self) -> list[PairRule]:
        return [rule for rule in self._pair_rules() if _prepares(rule)]

    def _pair_rules(self, pair: Comparison | None = None) -> list[PairRule]:
        """The pair rules in rule order; with ``pair``, only those that run on it."""
        return [
            rule
            for rule in self.rules
            if isinstance(rule, PairRule) and (pair is None or pair.is_related or not rule.needs_related_texts)
        ]


def _prepares(rule: PairRule) -> bool:
    """Whether the rule reads something of the texts ahead (:meth:`PairRule.prepare`)."""
    return type(rule).prepare is not PairRule.prepare


def _whole_findings(rule: PairRule, pair: Comparison) -> _Found:
    return _Found([list(rule.check_pair(pair))], {})


def _window_findings(rules: Sequence[PairRule], window: Comparison) -> _Found:
    return _Found([list(rule.check_pair(window)) for rule in rules], _word_changes(window))


def _text_checks(
    rules: Sequence[PairRule | TextRule], texts: Sequence[TextUnderCheck]
) -> list[tuple[PairRule | TextRule, TextUnderCheck]]:
    """Each text rule with each text it applies to, rule by rule."""
    return [(rule, text) for rule in rules for text in texts if rule.scope in ("each", text.side)]


def _prepared(rule: PairRule, a: Document, b: Document) -> list[Finding]:
    rule.prepare(a, b)
    return []


def _text_findings(texts: Sequence[TextUnderCheck], rules: Sequence[PairRule | TextRule]) -> list[Finding]:
    return [finding for rule, text in _text_checks(rules, texts) for finding in _text_rule_findings(rule, text)]


def _pair_rule_findings(rule: PairRule | TextRule, pair: Comparison) -> list[Finding]:
    return list(rule.check_pair(pair))


def _text_rule_findings(rule: PairRule | TextRule, text: TextUnderCheck) -> list[Finding]:
    return list(rule.check_text(text))


# Texts shorter than this (characters, all texts of the run together) are
# checked in one process: forking and sending findings back cost more there.
FORK_MIN_CHARACTERS = 200_000


def _worth_forking(texts: Sequence[TextUnderCheck], settings: Settings) -> bool:
    """Whether to use a second process: ``--jobs`` allows it and the texts are long."""
    return processes(settings.grammar.jobs) > 1 and sum(len(t.doc.text) for t in texts) >= FORK_MIN_CHARACTERS


def _active_rules(settings: Settings) -> list[PairRule | TextRule]:
    from linter.rulefiles import load_rules

    rules: list[PairRule | TextRule] = [rule() for rule in builtin_rules()]
    rules.extend(load_rules(settings))
    return [rule for rule in rules if settings.is_enabled(rule.info().id)]


class _GrammarChecks(Protocol):
    def warm_up(self) -> None: ...

    def run(self) -> GrammarRun: ...


class _NoGrammar:
    """The grammar stage of a run with ``--grammar off``."""

    def warm_up(self) -> None:
        """Nothing to start."""

    def run(self) -> GrammarRun:
        return GrammarRun([], None)


@contextmanager
def _grammar_stage(texts: Sequence[TextUnderCheck], settings: Settings) -> Iterator[_GrammarChecks]:
    """The grammar stage of ``texts`` (see :func:`linter.grammar.open_grammar`); Harper is not loaded when off."""
    if settings.grammar.backend == "off":
        yield _NoGrammar()
        return
    from linter.grammar import open_grammar

    with open_grammar(texts, settings) as grammar:
        yield grammar


def _companions(settings: Settings, exclude: Iterable[Path]) -> tuple[Document, ...]:
    """Other sources named in the settings, read for cross-source checks such as known names."""
    skip = {p.resolve() for p in exclude}
    paths = sorted({p.resolve() for path in settings.companions for p in _text_files(path)} - skip)
    return tuple(load_document(p, max_file_mb=settings.input.max_file_mb) for p in paths)


def _text_files(path: Path) -> list[Path]:
    """A file as given; a folder's texts, but not its README, which describes the texts."""
    if path.is_dir():
        return [
            p for p in path.iterdir() if p.suffix in {".txt", ".md"} and p.is_file() and p.stem.upper() != "README"
        ]
    return [path]


def _finalise(findings: Iterable[Finding], settings: Settings) -> tuple[Finding, ...]:
    """Apply severity overrides and order findings: worst first, then by weight and place."""
    adjusted = [
        f._replace(severity=settings.severities[f.rule]) if f.rule in settings.severities else f
        for f in findings
        if settings.is_enabled(f.rule)
    ]
    unique = {(f.rule, f.message, f.locations): f for f in adjusted}.values()
    return tuple(sorted(merged(unique), key=_SORT_KEY))


_SORT_KEY = attrgetter("sort_key")


def summarise(findings: Sequence[Finding], alignment: Alignment | None, shares: tuple[float, float] | None) -> Summary:
    """The counts of a run; ``shares`` are A's and B's linked content (see Comparison.linked_shares)."""
    return recount(
        Summary(
            findings_by_severity={},
            findings_by_category={},
            coverage_of_b=shares[1] if shares else None,
            coverage_of_a=shares[0] if shares else None,
            related=renders_one_text(*shares) if shares else None,
            independent_translations=reads_as_independent_translations(alignment) if alignment else None,
            aligned_groups=len(alignment.groups) if alignment else 0,
            unaligned_a=len(alignment.unaligned_a) if alignment else 0,
            unaligned_b=len(alignment.unaligned_b) if alignment else 0,
        ),
        findings,
    )


def recount(summary: Summary, findings: Sequence[Finding]) -> Summary:
    """The summary with its findings counted anew, as after a baseline took some away."""
    by_severity = Counter(f.severity.label for f in findings)
    by_category = Counter(f.category.value for f in findings)
    return dataclasses.replace(
        summary,
        findings_by_severity={s.label: by_severity.get(s.label, 0) for s in sorted(Severity, reverse=True)},
        findings_by_category={c.value: by_category[c.value] for c in Category if by_category[c.value]},
    )


def exit_code(findings: Sequence[Finding], fail_on: Severity) -> int:
    """0 when nothing reaches ``fail_on``, 1 otherwise (2 is reserved for usage errors)."""
    return 1 if any(f.severity >= fail_on for f in findings) else 0
