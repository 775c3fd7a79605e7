"""Bridges: sentences left free between two links, linked when they render each other in other words.

The aligner links sentences that share content words. Two translators can
render a sentence without a word in common ("I was in awe." / "I was
awestruck."), and such a pair stays free even when the sentences before and
after it are linked. There the order of the texts is strong evidence: A's free
sentences and B's free sentences between the same two links can only render
each other or nothing. So where a gap holds as many free sentences on each
side, they are paired in order, each pair kept when its meaning, read from
the word vectors (:mod:`linter.meaning`), is closer than chance and closer
than either sentence is to the other side's neighbours at the gap's edges: a
bridge needs the context's vote as well as the vectors'.

*Chance* is measured on the texts themselves: two sentences of one register
(two Bible translations, two talks on astronomy) share much of their
vocabulary's meaning, so a bridge must be closer than 19 in 20 pairs of
sentences the aligner knows do *not* render each other (a sentence of one
link against the other side of another link).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np

from linter.align.sentences import MOVED_RUN
from linter.align.units import Link, Sides, Unit
from linter.meaning.correspondence import meaning_vectors
from linter.meaning.vectors import word_vectors

# One-to-one links sampled to measure chance: enough for a stable 95th
# percentile (twice as many pairs), few enough to cost milliseconds.
CHANCE_LINKS = 100

# Sides of a gap that differ by at most this many free sentences are alike
# (a sentence split or merged, one left out); a gap is searched when it has at
# most this many sentence pairs.
BRIDGE_SLACK = 2
BRIDGE_CELLS = 400


def bridged(sides: Sides, links: list[Link]) -> list[Link]:
    """``links`` (ordered by B) with the bridges between consecutive links added, in the same order."""
    covered_a = {p for link in links for p in link.a}
    covered_b = {p for link in links for p in link.b}
    texts = _Texts(sides, links)
    bridges = []
    for left, right in pairwise(links):
        if left.a[-1] < right.a[0] and left.b[-1] < right.b[0]:
            a_free = [p for p in range(left.a[-1] + 1, right.a[0]) if p not in covered_a]
            b_free = [p for p in range(left.b[-1] + 1, right.b[0]) if p not in covered_b]
            if a_free and b_free and len(a_free) * len(b_free) <= BRIDGE_CELLS:
                found = texts.bridges(left, right, a_free, b_free)
                if _believable(found, len(a_free), len(b_free)):
                    bridges += found
    coherent = [bridge for bridge in bridges if _agrees_with_paragraphs(sides, bridge, [*links, *bridges])]
    if not coherent:
        return links
    return sorted([*links, *coherent], key=lambda link: (link.b[0], link.a[0]))


def _agrees_with_paragraphs(sides: Sides, bridge: Link, links: list[Link]) -> bool:
    """Whether another link joins the bridge's two paragraphs too, or both are single sentences nothing else links.

    A paragraph renders a passage, so its sentences' links agree: a bridge
    that another link (or bridge) of the same two paragraphs confirms is
    believed, one into a paragraph no other sentence of its own links to is a
    chance match. Two paragraphs that nothing else links are believed joined
    by a lone bridge only when each is a single sentence ("I was in awe." /
    "I was awestruck.").
    """
    a_paragraph, b_paragraph = sides.a[bridge.a[0]].paragraph, sides.b[bridge.b[0]].paragraph
    joins = [(sides.a[link.a[0]].paragraph, sides.b[link.b[0]].paragraph) for link in links if link is not bridge]
    if (a_paragraph, b_paragraph) in joins:
        return True
    alone = all(a_paragraph != a and b_paragraph != b for a, b in joins)
    return alone and _sentences_in(sides.a, a_paragraph) == _sentences_in(sides.b, b_paragraph) == 1


def _sentences_in(units: list[Unit], paragraph: int) -> int:
    return sum(1 for unit in units if unit.paragraph == paragraph)


def _believable(found: list[Link], m: int, n: int) -> bool:
    """Bridges in a gap of like sides (room for a split, a merge, a sentence left out) are believed one by one.

    In a gap much longer on one side, that side has content of its own (an
    excerpt skips paragraphs of the full text), so a lone pair that happens
    to match is no evidence: there the bridges must be a run holding at
    least half of the shorter side's sentences, as a quoted passage brings
    its sentences along.
    """
    if max(m, n) <= min(m, n) + BRIDGE_SLACK:
        return True
    return len(found) >= max(MOVED_RUN, (min(m, n) + 1) // 2)


@dataclass(frozen=True)
class _Texts:
    """Both sides and their links: where bridges are looked for, and what chance is for these texts."""

    sides: Sides
    links: list[Link]

    def bridges(self, left: Link, right: Link, a_free: list[int], b_free: list[int]) -> list[Link]:
        """The free sentences between two links paired in order, where meaning and context vote for each pair.

        A pair counts only when its two sentences are each other's nearest in
        the gap, closer than chance, and closer than either is to the other
        side's sentences at the gap's edges; of those, the pairs kept are the
        heaviest matching that keeps both texts' order.
        """
        a, b = self.sides.a, self.sides.b
        a_meaning = meaning_vectors([a[p].words for p in a_free])
        b_meaning = meaning_vectors([b[p].words for p in b_free])
        a_edges = meaning_vectors([a[p].words for p in (left.a[-1], right.a[0])])
        b_edges = meaning_vectors([b[p].words for p in (left.b[-1], right.b[0])])
        scores = a_meaning @ b_meaning.T
        rivals = np.maximum((a_meaning @ b_edges.T).max(1)[:, None], (a_edges @ b_meaning.T).max(0)[None, :])
        mutual = (scores == scores.max(1, keepdims=True)) & (scores == scores.max(0, keepdims=True))
        gains = np.where(mutual & (scores >= self.chance) & (scores > rivals), scores, 0.0)
        return [
            Link((a_free[i],), (b_free[j],), round(float(scores[i, j]), 4)) for i, j in _heaviest_matching(gains)
        ]
    @cached_property
    def chance(self) -> float:
        """What 19 in 20 pairs of sentences of different links reach (the vectors' word threshold if too few).

        The pairs are a sample of one-to-one links, each A sentence against
        the B sentences of the next link and the one after.
        """
        floor = word_vectors().threshold
        ones = [link for link in self.links if len(link.a) == len(link.b) == 1]
        if len(ones) < CHANCE_LINKS:
            return floor
        sample = ones[:: len(ones) // CHANCE_LINKS][:CHANCE_LINKS]
        a_meaning = meaning_vectors([self.sides.a[link.a[0]].words for link in sample])
        b_meaning = meaning_vectors([self.sides.b[link.b[0]].words for link in sample])
        scores = [(a_meaning * np.roll(b_meaning, -shift, axis=0)).sum(1) for shift in (1, 2)]
        return max(floor, float(np.percentile(np.concatenate(scores), 95)))


def _heaviest_matching(gains: np.ndarray) -> list[tuple[int, int]]:
    """The order-keeping one-to-one pairs (row, column) of greatest total gain, zero-gain pairs left out."""
    rows, columns = gains.shape
    best = np.zeros((rows + 1, columns + 1))
    for i in range(rows):
        for j in range(columns):
            best[i + 1, j + 1] = max(best[i, j + 1], best[i + 1, j], best[i, j] + gains[i, j])
    pairs = []
    i, j = rows, columns
    while i and j:
        if gains[i - 1, j - 1] > 0 and best[i, j] == best[i - 1, j - 1] + gains[i - 1, j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]
