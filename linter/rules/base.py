"""What every rule is: an id, a category, a default severity, a summary and a check.

Built-in rules subclass :class:`PairRule` (they read an aligned pair) or
:class:`TextRule` (they read one text). Rule files and grammar backends build
:class:`RuleInfo` values too, so ``kzlint rules`` lists every rule the same way.
Rules never print: they yield :class:`~linter.model.Finding` values.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from linter.model import Alignment, Category, Document, Finding, Location, Severity


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


@dataclass(frozen=True)
class Comparison:
    """What a pair rule reads: the two renderings and how they align."""

    a: Document
    b: Document
    alignment: Alignment


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

    @classmethod
    def info(cls) -> RuleInfo:
        doc = inspect.cleandoc(cls.__doc__ or "")
        summary = doc.splitlines()[0] if doc else cls.name
        return RuleInfo(cls.id, cls.name, cls.category, cls.severity, summary, "built-in", cls.scope, doc)

    def finding(
        self,
        message: str,
        *locations: Location,
        suggestion: str | None = None,
        weight: float = 0.0,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            self.id,
            self.category,
            severity or self.severity,
            message,
            tuple(locations),
            suggestion,
            weight,
        )


class PairRule(Rule):
    scope: ClassVar[str] = "pair"

    @abstractmethod
    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        """Findings about how B's content is rendered in A."""


class TextRule(Rule):
    scope: ClassVar[str] = "each"

    @abstractmethod
    def check_text(self, text: TextUnderCheck) -> Iterator[Finding]:
        """Findings about one rendering on its own."""
