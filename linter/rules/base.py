"""What every rule is: an id, a category, a default severity, a summary and a check.

Built-in rules subclass :class:`PairRule` (they read an aligned pair) or
:class:`TextRule` (they read one text). Rule files and grammar backends build
:class:`RuleInfo` values too, so ``kzlint rules`` lists every rule the same way.
Rules never print: they yield :class:`~linter.model.Finding` values.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from linter.align.coverage import linked_share, renders_one_text
from linter.diffing import PassageDiff, context_stems, diff_passage
from linter.model import AlignedGroup, Alignment, Category, Document, Finding, Location, Sentence, Severity
from linter.quantities import Quantity, QuantityComparison, compare_quantities, extract_quantities

if TYPE_CHECKING:
    from linter.facts import FactCheck


@dataclass(frozen=True)
class RuleInfo:
    """How a rule presents itself in ``kzlint rules`` and in reports."""

    id: str
    name: str
    category: Category
    severity: Severity
    summary: str
    source: str
    scope: str
    doc: str = ""
    examples: tuple[tuple[str, str], ...] = field(default=())
    # Severities the rule gives some findings besides its default one (KZ102: a quoted sentence left out is info).
    also: tuple[Severity, ...] = ()

    @property
    def severities(self) -> tuple[Severity, ...]:
        """Every severity the rule can give a finding, most severe first."""
        return tuple(sorted({self.severity, *self.also}, reverse=True))


@dataclass(frozen=True, eq=False)
class Comparison:
    """What a pair rule reads: the two renderings, how they align, and how each link differs.

    A *window* (:meth:`windows`) is the same comparison seen through some of
    its sentence links only: its link-by-link properties (the passages, their
    diffs and figures) cover those links, the rest is the whole comparison's.
    """

    a: Document
    b: Document
    alignment: Alignment
    window: tuple[LinkedPassage, ...] | None = field(default=None, repr=False)
    measured_shares: tuple[float, float] | None = field(default=None, repr=False)

    @cached_property
    def linked_shares(self) -> tuple[float, float]:
        """Share of A's and of B's content words in linked sentences.

        ``measured_shares`` gives them when another process has measured them already.
        """
        if self.measured_shares is not None:
            return self.measured_shares
        return linked_share(self.a, self.alignment, "a"), linked_share(self.b, self.alignment, "b")

    @property
    def is_related(self) -> bool:
        """Whether A and B read as renderings of one text at all: enough of one side links to the other."""
        return renders_one_text(*self.linked_shares)

    @cached_property
    def linked_diffs(self) -> tuple[tuple[LinkedPassage, PassageDiff], ...]:
        """The word diff of every sentence link, with A's aligned paragraphs as context.

        Computed once per comparison: several rules and the report read the same diffs.
        """
        contexts: dict[tuple[int, ...], frozenset[str]] = {}
        diffs = []
        for passage in self.linked_passages():
            paragraphs = passage.group.a
            if paragraphs not in contexts:
                contexts[paragraphs] = context_stems([s for i in paragraphs for s in self.a.paragraphs[i].sentences])
            diffs.append((passage, diff_passage(passage.a, passage.b, contexts[paragraphs])))
        return tuple(diffs)

    @cached_property
    def linked_figures(self) -> tuple[QuantityComparison, ...]:
        """The figures of every sentence link, paired between A and B, in the order of :meth:`linked_passages`.

        Only content paragraphs count: a byline's date or a caption's count
        renders nothing of the other text. Computed once per comparison: the
        number rules (KZ130, KZ131) read the same figures.
        """
        return tuple(
            compare_quantities(_content_figures(self.a, passage.a), _content_figures(self.b, passage.b))
            for passage in self.linked_passages()
        )

    def linked_passages(self) -> Iterator[LinkedPassage]:
        """Every sentence link with the sentences it joins, group by group in B's order (a window's links only)."""
        return iter(self._passages)

    def windows(self, size: int) -> list[Comparison]:
        """The comparison cut into windows of ``size`` consecutive links, for rules that read link by link."""
        passages = self._passages
        return [replace(self, window=passages[at : at + size]) for at in range(0, len(passages), size)]

    @cached_property
    def _passages(self) -> tuple[LinkedPassage, ...]:
        if self.window is not None:
            return self.window
        a_sentences, b_sentences = self.a.sentences, self.b.sentences
        return tuple(
            LinkedPassage(group, tuple(a_sentences[i] for i in link.a), tuple(b_sentences[i] for i in link.b))
            for group in self.alignment.groups
            for link in group.sentences
        )


def _content_figures(doc: Document, sentences: Sequence[Sentence]) -> list[Quantity]:
    return [
        quantity
        for sentence in sentences
        if doc.paragraphs[sentence.paragraph].kind.is_content
        for quantity in extract_quantities(sentence.text, sentence.start)
    ]


@dataclass(frozen=True)
class LinkedPassage:
    """The sentences of A and B that one sentence link joins, and the paragraph group around them."""

    group: AlignedGroup
    a: tuple[Sentence, ...]
    b: tuple[Sentence, ...]


@dataclass(frozen=True)
class TextUnderCheck:
    """What a text rule reads: one rendering, its side, and the other texts in the run.

    ``companions`` lets a rule accept what the other renderings confirm,
    such as a foreign name that every source spells the same way.
    """

    doc: Document
    side: str
    companions: tuple[Document, ...] = ()


class Rule(ABC):
    """A built-in rule. Subclasses set the class attributes and write a docstring:

    the first line is the summary; the rest explains why the rule exists and
    gives an **Bad** and a **Good** example, which ``kzlint rules show`` prints.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    scope: ClassVar[str]
    # Whether the rule reads Comparison.linked_diffs. Such a rule reads each
    # sentence link on its own: the engine runs it on windows of the links
    # (Comparison.windows), in whichever process builds their diffs for the
    # report, and joins its findings in the order of the links.
    reads_word_diffs: ClassVar[bool] = False
    # Severities some findings get instead of ``severity``: ``kzlint rules`` shows them all.
    also_emits: ClassVar[tuple[Severity, ...]] = ()

    @classmethod
    def info(cls) -> RuleInfo:
        doc = inspect.cleandoc(cls.__doc__ or "")
        summary = doc.splitlines()[0] if doc else cls.name
        return RuleInfo(
            cls.id, cls.name, cls.category, cls.severity, summary, "built-in", cls.scope, doc, also=cls.also_emits
        )

    def finding(
        self,
        message: str,
        *locations: Location,
        suggestion: str | None = None,
        weight: float = 0.0,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule; a place with no text (the gap where one side has nothing) is left out."""
        quoted = tuple(location for location in locations if location.text)
        return Finding(
            self.id,
            self.category,
            severity or self.severity,
            message,
            quoted or tuple(locations),
            suggestion,
            weight,
        )


class PairRule(Rule):
    scope: ClassVar[str] = "pair"
    # When A and B are not renderings of one text (KZ100), a rule that reports
    # how A renders B would flag every paragraph; such rules are not run then.
    needs_related_texts: ClassVar[bool] = True

    @abstractmethod
    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        """Findings about how B's content is rendered in A."""

    def prepare(self, a: Document, b: Document) -> None:
        """Read what the rule needs of the two texts alone, in the process that will check the pair.

        Called while the texts are aligned, so that a long preparation (the
        names of a book) runs beside the alignment instead of after it.
        """


class TextRule(Rule):
    scope: ClassVar[str] = "each"

    @abstractmethod
    def check_text(self, text: TextUnderCheck) -> Iterator[Finding]:
        """Findings about one rendering on its own."""


class SourcesRule(Rule):
    """A rule over the claims of several sources, grouped (``kzlint facts``, ``kzlint align --with``)."""

    scope: ClassVar[str] = "sources"

    @abstractmethod
    def check_sources(self, facts: FactCheck) -> Iterator[Finding]:
        """Findings about what the sources say to one another."""
