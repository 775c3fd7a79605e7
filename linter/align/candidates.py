"""Which sentence pairs are worth comparing, found without comparing all pairs.

An inverted index maps each rare key to the sentences that contain it. A
sentence's nearest neighbour on the other side is the one sharing the most
rare-key weight with it (IDF, so a shared name counts far more than a shared
"people", as a weighted Dice). Pairs that are *each other's* nearest neighbour
are the candidates: that holds for most sentences that render one another, and
seldom by chance, which keeps the pairs few and the backbone built from them
reliable. Candidates are then compared with the real similarity measure
(linter.similarity); the sentences they miss are found later, next to their
neighbours' links (linter.align.sentences).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import chain

from linter.align.units import Link, Sides, Unit

# A key found in more sentences than this (both texts together) is too common
# to find a counterpart by ("Jehovah", "king", "people" in a bible); it still
# counts in the similarity of the pairs found. The cap is absolute, so the work
# per sentence is bounded and the total grows linearly with the texts; in an
# article of a few hundred sentences no key is that common.
MAX_POSTINGS = 50


def candidate_links(sides: Sides) -> list[Link]:
    """One-to-one links between mutual nearest neighbours, ordered by (a, b)."""
    return sides.links(((a,), (b,)) for a, b in mutual_nearest(sides.a, sides.b))


def mutual_nearest(a_units: list[Unit], b_units: list[Unit]) -> list[tuple[int, int]]:
    """Pairs (a, b) of positions each of which is the other's nearest neighbour.

    One pass over the index serves both directions: every pair sharing a rare
    key is scored once (weighted Dice) and may become either side's best.
    """
    weights = rare_key_weights(a_units, b_units)
    postings = _postings(b_units, weights)
    b_mass = [_mass(unit, weights) for unit in b_units]
    b_best: list[tuple[float, int]] = [(0.0, -1)] * len(b_units)
    a_best: list[int] = []
    for a, unit in enumerate(a_units):
        a_mass = _mass(unit, weights)
        best = (0.0, -1)
        for b, weight in _shared_weight(unit, weights, postings).items():
            score = weight / (a_mass + b_mass[b])
            if score > best[0]:
                best = (score, b)
            if score > b_best[b][0]:
                b_best[b] = (score, a)
        a_best.append(best[1])
    return [(a, b) for a, b in enumerate(a_best) if b >= 0 and b_best[b][1] == a]


def rare_key_weights(a_units: list[Unit], b_units: list[Unit]) -> dict[str, float]:
    """Smoothed IDF of every key rare enough to index (see MAX_POSTINGS).

    Smoothed (log(1 + N/df), never 0) so that in a text of a few sentences a
    key found in all of them still counts.
    """
    frequency = Counter(chain.from_iterable(unit.keys.keys() for unit in (*a_units, *b_units)))
    total = len(a_units) + len(b_units)
    return {key: math.log1p(total / count) for key, count in frequency.items() if count <= MAX_POSTINGS}


def _shared_weight(unit: Unit, weights: dict[str, float], postings: dict[str, list[int]]) -> dict[int, float]:
    """Total weight of the rare keys ``unit`` shares with each indexed unit that has any."""
    shared: defaultdict[int, float] = defaultdict(float)
    for key in unit.keys:
        weight = weights.get(key)
        if weight:
            for other in postings[key]:
                shared[other] += weight
    return shared


def _postings(units: list[Unit], weights: dict[str, float]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = {key: [] for key in weights}
    for position, unit in enumerate(units):
        for key in unit.keys:
            if key in postings:
                postings[key].append(position)
    return postings


def _mass(unit: Unit, weights: dict[str, float]) -> float:
    """Total weight of the unit's rare keys (fsum: exact, so the order of the set cannot matter)."""
    return math.fsum(map(weights.__getitem__, unit.keys.keys() & weights.keys()))
