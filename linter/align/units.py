"""What the aligner works on: content sentences (units), links between them, thresholds.

Only sentences of content paragraphs (body and quote) take part: a heading,
byline or editor's comment on one side has no counterpart by definition and
must never be aligned. A unit's *position* is its place in its side's list of
units; runs and gaps are measured in positions, so skipped headings do not
count as distance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from linter.model import Document
from linter.segment import content_tokens
from linter.similarity import STOP_WORDS, Keys, keys_of_words, merged, similarity

# Thresholds on similarity, the share of content words two passages have in
# common (Sørensen–Dice of stemmed keys, see linter.similarity), measured on
# the seed pair, two independent translations of one article. There, true
# sentence pairs score 0.31 to 0.95, and the pieces of a sentence split in two
# 0.18 to 0.27 each; of the 1,956 pairs of sentences from different passages,
# 99% score below 0.25 (they share topic words: "China", "Kazakhstan",
# "cooperation"), 51 reach 0.2 and a single one 0.41 (both sentences name
# "President Kassym-Jomart Tokayev" and "the upcoming visit").
#
# MIN_LINK: below this, two sentences are not linked at all.
MIN_LINK = 0.2

# ANCHOR: a link from here up (sharing at least ANCHOR_SHARED content words)
# is believed on its own; a weaker one only in a run of links holding an
# anchor, where the order of the text vouches for it (linter.align.sentences).
ANCHOR = 0.4

# Two short sentences ("God forbid.") reach a high share with one or two
# common words by chance, so an anchor must also share this many words.
ANCHOR_SHARED = 3

Span = tuple[int, ...]


@dataclass(frozen=True)
class Unit:
    """A content sentence: its document-wide index, its paragraph, its keys and their number."""

    sentence: int
    paragraph: int
    keys: Keys
    size: int
    # The content words as written (lower case), for comparing meaning (bridges, growth by meaning).
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """Consecutive sentences of A and of B (unit positions) that render the same content."""

    a: Span
    b: Span
    score: float


@dataclass(frozen=True)
class Sides:
    """The units of A and of B, and the questions every step of the aligner asks of them."""

    a: list[Unit]
    b: list[Unit]

    @classmethod
    def of(cls, a: Document, b: Document) -> Sides:
        return cls(units_of(a), units_of(b))

    def links(self, pairs: Iterable[tuple[Span, Span]]) -> list[Link]:
        """Links for the pairs of spans whose similarity reaches MIN_LINK.

        Pairs without a key in common are skipped unasked: their similarity is
        0, and a set test is a hundred times cheaper than the measure.
        """
        found = []
        for a, b in pairs:
            a_keys, b_keys = _span_keys(self.a, a), _span_keys(self.b, b)
            if not a_keys.keys().isdisjoint(b_keys.keys()):
                score = similarity(a_keys, b_keys)
                if score >= MIN_LINK:
                    found.append(Link(a, b, score))
        return found

    def similarity(self, a: Span, b: Span) -> float:
        """The similarity of two spans of sentences (see :func:`linter.similarity.similarity`)."""
        return similarity(_span_keys(self.a, a), _span_keys(self.b, b))

    def is_anchor(self, link: Link) -> bool:
        """Whether ``link`` is evidence enough on its own (see ANCHOR and ANCHOR_SHARED)."""
        size = sum(self.a[p].size for p in link.a) + sum(self.b[p].size for p in link.b)
        shared = round(link.score * size / 2)  # Dice = 2 * shared / size
        return link.score >= ANCHOR and shared >= ANCHOR_SHARED


class Taken:
    """Which unit positions of each side already belong to a link."""

    def __init__(self, sides: Sides) -> None:
        self.a = [False] * len(sides.a)
        self.b = [False] * len(sides.b)

    def free(self, link: Link) -> bool:
        return not any(self.a[p] for p in link.a) and not any(self.b[p] for p in link.b)

    def take(self, links: Iterable[Link]) -> None:
        self._mark(links, True)

    def release(self, links: Iterable[Link]) -> None:
        self._mark(links, False)

    def _mark(self, links: Iterable[Link], value: bool) -> None:
        for link in links:
            for position in link.a:
                self.a[position] = value
            for position in link.b:
                self.b[position] = value


def units_of(doc: Document) -> list[Unit]:
    """The content sentences of ``doc`` in reading order."""
    units = []
    for paragraph in doc.paragraphs:
        if paragraph.kind.is_content:
            for sentence in paragraph.sentences:
                words = tuple(word for word in content_tokens(sentence.text) if word not in STOP_WORDS)
                found = keys_of_words(words)
                units.append(Unit(sentence.index, paragraph.index, found, sum(found.values()), words))
    return units


def adjacent(units: list[Unit], position: int, step: int) -> int | None:
    """The position next to ``position`` (``step`` is -1 or 1) if it is the very next sentence.

    A sentence cut by a paragraph break continues in the next paragraph, so
    paragraphs are no barrier; a heading or comment in between is.
    """
    other = position + step
    if 0 <= other < len(units) and units[other].sentence == units[position].sentence + step:
        return other
    return None


def _span_keys(units: list[Unit], span: Span) -> Keys:
    return units[span[0]].keys if len(span) == 1 else merged(units[p].keys for p in span)
