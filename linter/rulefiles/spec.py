"""What every rule from a file has, whatever its type: id, message, severity, category, scope, examples.

A file rule is a built-in rule class (:class:`PairRule` or :class:`TextRule`)
whose metadata lives on the instance rather than on the class, so the engine
runs rules from files and built-in rules the same way.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import ClassVar

import yaml

from linter.model import Category, Severity
from linter.rulefiles.nodes import Fields
from linter.rulefiles.phrases import Matcher, compile_matcher
from linter.rules.base import PairRule, RuleInfo, TextRule


@dataclass(frozen=True)
class Example:
    """A text (or, for pair rules, an A and a B) that the rule must flag (``fail``) or leave alone (``pass``)."""

    expect: str
    line: int
    text: str = ""
    a: str = ""
    b: str = ""
    companions: tuple[str, ...] = ()
    message: str | None = None

    @property
    def shown(self) -> str:
        if self.a or self.b:
            return f"A: {self.a} | B: {self.b}"
        if self.companions:
            return f"{self.text} | other sources: {' / '.join(self.companions)}"
        return self.text


@dataclass(frozen=True)
class RuleSpec:
    """The fields common to every rule type, already checked."""

    id: str
    message: str
    severity: Severity
    category: Category
    scope: str
    description: str
    ignorecase: bool
    whole_words: bool
    source: str
    line: int
    examples: tuple[Example, ...]

    @property
    def origin(self) -> str:
        """Where the rule is written, for errors raised while it runs: ``path:line: rule 'id'``."""
        return f"{self.source}:{self.line}: rule '{self.id}'"

    @property
    def name(self) -> str:
        return self.id.rsplit(".", 1)[-1]


class FileRule:
    """Mixed into :class:`TextRule` and :class:`PairRule`: metadata per instance, read from the file.

    Each rule type names its own keys (``fields``), the placeholders its
    message may use, its default category and the scopes it accepts (the
    first is the default), and builds itself from the checked fields.
    """

    kind: ClassVar[str]
    fields: ClassVar[frozenset[str]]
    placeholders: ClassVar[frozenset[str]]
    default_category: ClassVar[Category]
    scopes: ClassVar[tuple[str, ...]]
    reads_phrases: ClassVar[bool] = True

    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.id = spec.id
        self.name = spec.name
        self.category = spec.category
        self.severity = spec.severity
        self.scope = spec.scope

    def info(self) -> RuleInfo:
        spec = self.spec
        summary = " ".join((spec.description.strip() or spec.message).split("\n\n")[0].split())
        doc = "\n\n".join(part for part in (spec.description.strip(), "\n".join(self.details())) if part)
        examples = tuple((example.expect, example.shown) for example in spec.examples)
        return RuleInfo(
            spec.id, spec.name, spec.category, spec.severity, summary, spec.source, spec.scope, doc, examples
        )

    def details(self) -> list[str]:
        """Lines that say what the rule matches, for ``kzlint rules show``."""
        case = "ignoring case" if self.spec.ignorecase else "case-sensitive"
        words = "whole words" if self.spec.whole_words else "anywhere in a word"
        matching = f" ({case}; phrases match {words})" if self.reads_phrases else ""
        return [f"Message: {self.spec.message}", f"Type: {self.kind}{matching}. Scope: {self.spec.scope}."]

    def message(self, **values: str) -> str:
        return self.spec.message.format_map(values)

    def phrase_matcher(self, expression: str) -> Matcher:
        """Compile an expression that was already checked when the file was read."""
        return compile_matcher(expression, self.spec.ignorecase, self.spec.origin)


class FileTextRule(FileRule, TextRule):
    """A rule file's rule that reads one text at a time."""


class FilePairRule(FileRule, PairRule):
    """A rule file's rule that reads the aligned pair."""


def checked_message(fields: Fields, allowed: frozenset[str]) -> str:
    """The message template, with every ``{placeholder}`` known to the rule type."""
    message = fields.text("message")
    try:
        names = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(message)
            if name is not None
        ]
    except ValueError:
        raise fields.error("message", "'message' has an unmatched { or }; write {{ or }} for a literal brace") from None
    for name, spec, conversion in names:
        if name not in allowed or spec or conversion:
            known = ", ".join(f"{{{p}}}" for p in sorted(allowed))
            raise fields.error("message", f"'message' uses unknown placeholder {{{name}}} (this type knows {known})")
    return message


def checked_matcher(fields: Fields, node: yaml.Node, key: str, expression: str, spec: RuleSpec) -> str:
    """Compile ``expression`` now so that a bad one is reported at its line; return it for the rule to keep."""
    try:
        compile_matcher(expression, spec.ignorecase, spec.origin)
    except ValueError as problem:
        raise fields.place.error(node, f"{fields.what}: '{key}' {problem}") from None
    return expression


def item_nodes(fields: Fields, key: str) -> list[yaml.Node]:
    """The nodes of a key holding one value or a list, so each item can be blamed on its own line."""
    node = fields.value(key)
    return fields.sequence(key) if isinstance(node, yaml.SequenceNode) else [node]


LoadedRule = FileTextRule | FilePairRule
"""What loading a rule file yields: a rule the engine can run."""
