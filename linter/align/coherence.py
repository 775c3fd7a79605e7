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

from linter.align.units import Link, Sides, Span, Unit


def coherent(sides: Sides, links: list[Link]) -> list[Link]:
    """``links`` without the weak strays into paragraphs nothing else links, and without grown stray pieces."""
    a_reach = _reach(sides.a, (link.a for link in links))
    b_reach = _reach(sides.b, (link.b for link in links))
    kept = []
    for link in links:
        a_span, b_span = _trim(sides.a, link.a, a_reach), _trim(sides.b, link.b, b_reach)
        if (a_span, b_span) != (link.a, link.b):
            link = Link(a_span, b_span, sides.similarity(a_span, b_span))
        if not _stray(sides, link, a_reach, b_reach):
            kept.append(link)
    return kept


def _reach(units: list[Unit], spans: Iterable[Span]) -> Counter[int]:
    """How many links reach each paragraph (a link counts once per paragraph it touches)."""
    return Counter(paragraph for span in spans for paragraph in {units[p].paragraph for p in span})


def _trim(units: list[Unit], span: Span, reach: Counter[int]) -> Span:
    """The span without its glances into skipped paragraphs (see :func:`_lone_glance`), when the rest stays."""
    by_paragraph: dict[int, list[int]] = {}
    for position in span:
        by_paragraph.setdefault(units[position].paragraph, []).append(position)
    glances = {paragraph for paragraph, part in by_paragraph.items() if _lone_glance(units, part, reach)}
    rest = tuple(p for p in span if units[p].paragraph not in glances)
    return rest or span


def _stray(sides: Sides, link: Link, a_reach: Counter[int], b_reach: Counter[int]) -> bool:
    """A weak link alone into a paragraph of one side that it barely covers, from a paragraph linked elsewhere."""
    if sides.is_anchor(link):
        return False
    return _lone_glance(sides.b, link.b, b_reach) and not _lone(sides.a, link.a, a_reach) or (
        _lone_glance(sides.a, link.a, a_reach) and not _lone(sides.b, link.b, b_reach)
    )


def _lone(units: list[Unit], span: Sequence[int], reach: Counter[int]) -> bool:
    return all(reach[units[p].paragraph] == 1 for p in span)


def _lone_glance(units: list[Unit], span: Sequence[int], reach: Counter[int]) -> bool:
    """The link alone reaches the span's paragraph and covers less than half of its sentences: a skipped paragraph."""
    if not _lone(units, span, reach):
        return False
    paragraph = units[span[0]].paragraph
    return 2 * len(span) < sum(1 for unit in units if unit.paragraph == paragraph)
