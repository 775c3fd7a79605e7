"""Running a rule's own examples: texts it must flag and texts it must leave alone.

A text example becomes a small document checked on its own (with its
``companions``, if any); a pair example becomes an A and a B whose sentences
are all linked to each other, as one aligned passage, so the example tests
the rule and not the aligner.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from linter.model import AlignedGroup, Alignment, Document, Finding, SentenceLink
from linter.rulefiles.spec import Example, FilePairRule, LoadedRule
from linter.rules.base import Comparison, TextUnderCheck
from linter.segment import segment


@dataclass(frozen=True)
class ExampleReport:
    """How one rule did on its examples; each failure is one line starting with ``path:line:``."""

    rule: str
    source: str
    examples: int
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def check_examples(rule: LoadedRule) -> ExampleReport:
    spec = rule.spec
    failures = tuple(
        f"{spec.source}:{example.line}: {problem}"
        for example in spec.examples
        if (problem := _problem(example, findings_for(rule, example)))
    )
    return ExampleReport(spec.id, spec.source, len(spec.examples), failures)


def findings_for(rule: LoadedRule, example: Example) -> list[Finding]:
    """What the rule reports on one example."""
    if isinstance(rule, FilePairRule):
        a, b = segment(Path("A.txt"), example.a), segment(Path("B.txt"), example.b)
        return list(rule.check_pair(Comparison(a, b, all_linked(a, b))))
    doc = segment(Path("example.txt"), example.text)
    companions = tuple(segment(Path(f"companion-{n}.txt"), text) for n, text in enumerate(example.companions, 1))
    side = "b" if rule.scope == "b" else "a"
    return list(rule.check_text(TextUnderCheck(doc, side, companions)))


def all_linked(a: Document, b: Document) -> Alignment:
    """One group joining every paragraph and sentence of A to every one of B."""
    link = SentenceLink(tuple(s.index for s in a.sentences), tuple(s.index for s in b.sentences), 1.0)
    group = AlignedGroup(tuple(p.index for p in a.paragraphs), tuple(p.index for p in b.paragraphs), 1.0, (link,))
    return Alignment((group,), (), ())


def _problem(example: Example, findings: list[Finding]) -> str | None:
    if example.expect == "pass":
        return f"pass example was flagged: {findings[0].message}" if findings else None
    if not findings:
        return f"fail example was not flagged: {example.shown!r}"
    if example.message and not any(example.message in f.message for f in findings):
        got = "; ".join(f.message for f in findings)
        return f"fail example: no message contains {example.message!r} (got: {got})"
    return None
