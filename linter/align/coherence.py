"""Coherence: links into a paragraph that nothing else links are doubted when their own paragraph links elsewhere.

A paragraph renders one passage, so the links of its sentences agree on where
that passage is. An excerpt rendering quotes some paragraphs of the full text
and skips others, and there a quoted paragraph's last sentence is easily
linked into the *next*, skipped paragraph: a weak match of a few common words
("And Jesus said, Father, …"), or a sentence grown by a piece of the skipped
paragraph. Such a link is the only one into a paragraph of one side that
nothing else links, while the rest of its paragraph on the other side links
elsewhere. Unless it is an anchor, evidence on its own, it is dropped; a link
that only reaches such a paragraph with a piece it grew by is cut back to
the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linter.align.units import Link, Sides, Span, Unit


def coherent(sides: Sides, links: list[Link]) -> list[Link]:
    """``links`` without the weak strays into paragraphs nothing else links, and without grown stray pieces."""
    a, b = _Side.of(sides.a, (link.a for link in links)), _Side.of(sides.b, (link.b for link in links))
    kept = []
    for link in links:
        a_span, b_span = a.trimmed(link.a), b.trimmed(link.b)
        if (a_span, b_span) != (link.a, link.b):
            link = Link(a_span, b_span, sides.similarity(a_span, b_span))
        stray = (b.glances(link.b) and not a.lone(link.a)) or (a.glances(link.a) and not b.lone(link.b))
        if not stray or sides.is_anchor(link):
            kept.append(link)
    return kept


@dataclass(frozen=True)
class _Side:
    """One side's units, how many links reach each of its paragraphs, and how many sentences each holds."""

    units: list[Unit]
    reach: Counter[int]
    sizes: Counter[int]

    @classmethod
    def of(cls, units: list[Unit], spans: Iterable[Span]) -> _Side:
        reach = Counter(paragraph for span in spans for paragraph in {units[p].paragraph for p in span})
        return cls(units, reach, Counter(unit.paragraph for unit in units))

    def lone(self, span: Sequence[int]) -> bool:
        """Whether no other link reaches the paragraphs of the span."""
        return all(self.reach[self.units[p].paragraph] == 1 for p in span)

    def glances(self, span: Sequence[int]) -> bool:
        """The link alone reaches the span's paragraph and covers less than half of it: a skipped paragraph."""
        return self.lone(span) and 2 * len(span) < self.sizes[self.units[span[0]].paragraph]

    def trimmed(self, span: Span) -> Span:
        """The span without its glances into skipped paragraphs, when the rest stays."""
        by_paragraph: dict[int, list[int]] = {}
        for position in span:
            by_paragraph.setdefault(self.units[position].paragraph, []).append(position)
        glanced = {paragraph for paragraph, part in by_paragraph.items() if self.glances(part)}
        rest = tuple(p for p in span if self.units[p].paragraph not in glanced)
        return rest or span
