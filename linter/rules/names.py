"""Names of linked sentences: a name one rendering writes differently or leaves out (KZ140)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from linter.model import Category, Document, Finding, Location, Sentence, Severity
from linter.names import Name, Passage, Relation, document_names
from linter.rules.base import Comparison, PairRule
from linter.rules.registry import register

# A different rendering is the rule's warning; a shortened or absent name is often the
# paraphrase or excerpt working as intended, and the omission rules weigh absent content.
_SEVERITY = {Relation.SHORTENED: Severity.INFO, Relation.DIFFERENT: None, Relation.MISSING: Severity.INFO}


@dataclass
class _Side:
    """One rendering as the names rule reads it, with its aligned groups read once each."""

    label: str
    doc: Document
    names: Mapping[int, tuple[Name, ...]]
    groups: dict[tuple[int, ...], Passage] = field(default_factory=dict)

    @classmethod
    def of(cls, label: str, doc: Document) -> _Side:
        return cls(label, doc, document_names(doc))

    def passage(self, sentences: Sequence[Sentence]) -> Passage:
        """The sentences' text and the names of those that carry content."""
        content = [s for s in sentences if self.doc.paragraphs[s.paragraph].kind.is_content]
        return Passage(" ".join(s.text for s in sentences), [n for s in content for n in self.names[s.index]])

    def group(self, paragraphs: tuple[int, ...]) -> Passage:
        if paragraphs not in self.groups:
            self.groups[paragraphs] = self.passage([s for i in paragraphs for s in self.doc.paragraphs[i].sentences])
        return self.groups[paragraphs]

    def location(self, name: Name) -> Location:
        return Location.of(self.label.lower(), self.doc, name.start, name.end)


@dataclass(frozen=True)
class _Difference:
    relation: Relation
    name: Name
    counterpart: Name | None


@register
class NameMismatch(PairRule):
    """A name in one rendering is written differently, or not at all, in the linked passage of the other.

    Names are where translations of one article drift apart unnoticed: an
    official name loses a word ("Trans-Caspian International Route" for the
    "Trans-Caspian International Transport Route"), a person is spelled two
    ways. Names are matched word by word with near spellings, so case
    ("Zhanatas wind power plant"), initials ("S. Kabylbekov" for "Saulebek
    Kabylbekov"), a surname alone ("Tokayev"), an acronym ("SCO") and a
    nationality for its country ("the Chinese side" for "China") are not
    reported. A name shortened ("Dimash" for "Dimash Qudaibergen") or absent
    from the other side's whole aligned group is an info; a different
    rendering is a warning. Titles and nationality adjectives are not compared.

    **Bad:** A "promote the construction of the Trans-Caspian International Route" / B "the
    construction of the Trans-Caspian International Transport Route (TITR)".

    **Good:** A "the Zhanatas wind power plant" / B "the Zhanatas Wind Power Plant".
    """

    id = "KZ140"
    name = "name-mismatch"
    category = Category.NAME
    severity = Severity.WARNING
    also_emits = (Severity.INFO,)

    def prepare(self, a: Document, b: Document) -> None:
        """Find the names of both texts, which takes longer than aligning them (see :func:`document_names`)."""
        document_names(a)
        document_names(b)

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        a, b = _Side.of("A", pair.a), _Side.of("B", pair.b)
        reported: set[tuple[tuple[str, int, int], ...]] = set()
        for passage in pair.linked_passages():
            linked_a, linked_b = a.passage(passage.a), b.passage(passage.b)
            group_a, group_b = a.group(passage.group.a), b.group(passage.group.b)
            findings = [
                *(self._finding(d, a, b) for d in _differences(linked_a, linked_b, group_b)),
                *(self._finding(d, b, a) for d in _differences(linked_b, linked_a, group_a)),
            ]
            for finding in findings:
                places = tuple((loc.side, loc.start, loc.end) for loc in finding.locations)
                if places not in reported:
                    reported.add(places)
                    yield finding

    def _finding(self, difference: _Difference, side: _Side, other: _Side) -> Finding:
        name, counterpart = difference.name, difference.counterpart
        severity = _SEVERITY[difference.relation]
        if counterpart is None:
            return self.finding(
                f'"{name.text}" in {side.label} has no counterpart in the aligned passage of {other.label}',
                side.location(name),
                severity=severity,
            )
        pairs = sorted([(side, name), (other, counterpart)], key=lambda pair: pair[0].label)
        described = ", ".join(f'"{n.text}" in {s.label}' for s, n in pairs)
        what = "name shortened" if difference.relation is Relation.SHORTENED else "different rendering of a name"
        return self.finding(f"{what}: {described}", *(s.location(n) for s, n in pairs), severity=severity)


def _differences(own: Passage, theirs: Passage, their_group: Passage) -> Iterator[_Difference]:
    """Names of ``own`` that the other side's linked passage, or its whole group, does not write the same way."""
    for name in own.names:
        if theirs.mentions(name) or their_group.mentions(name):
            continue
        relation, counterpart = theirs.closest(name)
        if relation is Relation.MISSING:
            relation, counterpart = their_group.closest(name)
        if relation is not Relation.SAME:
            yield _Difference(relation, name, counterpart)
