"""Local re-cutting: two neighbouring links and the free sentences around them, cut afresh.

Chains are built from one-to-one links, so where two sentences of A render
one of B and the next sentence of A renders a later one, the chain may link
the wrong sentence and leave its neighbours free: "In a rapidly changing
global environment …" and "However, this also opens new opportunities."
render one B sentence, the next A sentence renders the B sentence after the
next. Growth cannot repair that, as it only adds sentences to a link. So each
pair of consecutive links with free sentences among or next to them is cut
again by dynamic programming over that small region, into links of one or two
sentences per side, and the best cut replaces them if it weighs more (weight
as in the chain: similarity above MIN_LINK).
"""

from __future__ import annotations

from itertools import pairwise

from linter.align.units import MIN_LINK, Link, Sides, Taken, Unit

# Free sentences taken into a region at each of its ends.
EXTEND = 2

# The most sentences the pair may span on one side before free ones are taken
# in; a wider pair is left alone, which keeps each table small (at most
# (REGION_MAX + 2 * EXTEND) squared cells, each comparing SPAN_MAX squared cuts).
REGION_MAX = 4

# The most sentences on one side of a link in a new cut.
SPAN_MAX = 2

# Weights summed in another order may differ in their last bits; a new cut
# must beat the old one by more than that.
_NOISE = 1e-9

_Cell = tuple[float, tuple[int, int], Link | None]


def resegmented(sides: Sides, links: list[Link], taken: Taken) -> list[Link]:
    """``links`` with each region that reads better cut afresh, ordered by (first B, first A)."""
    ordered = sorted(links, key=lambda link: (link.a[0], link.b[0]))
    result: list[Link] = []
    index = 0
    while index < len(ordered):
        pair = ordered[index : index + 2]
        better = _recut(sides, pair, taken) if len(pair) == 2 else None
        if better is None:
            result.append(ordered[index])
            index += 1
        else:
            taken.release(pair)
            taken.take(better)
            result += better
            index += 2
    return sorted(result, key=lambda link: (link.b[0], link.a[0]))


def _recut(sides: Sides, pair: list[Link], taken: Taken) -> list[Link] | None:
    """The best cut of the region around two consecutive links, if it beats them."""
    first, second = pair
    if second.b[0] <= first.b[-1] or not _touches_free(first, second, taken):
        return None
    a_region = _region([*first.a, *second.a], taken.a, sides.a)
    b_region = _region([*first.b, *second.b], taken.b, sides.b)
    if not a_region or not b_region:
        return None
    if not _placeable(sides, a_region, b_region, taken):
        return None
    weight, cut = _best_cut(sides, a_region, b_region)
    return cut if weight > _weight(pair) + _NOISE else None


def _touches_free(first: Link, second: Link, taken: Taken) -> bool:
    """Whether a free sentence lies between the pair or right next to it, on either side (a quick test)."""
    for low, high, marks in ((first.a[0], second.a[-1], taken.a), (first.b[0], second.b[-1], taken.b)):
        if not all(marks[max(low - 1, 0) : high + 2]):
            return True
    return False


def _placeable(sides: Sides, a_region: list[int], b_region: list[int], taken: Taken) -> bool:
    """Whether a free sentence of the region shares a key with the other side of the region.

    Without one, a new cut could only skip more: not worth the comparisons.
    """
    if all(taken.a[p] for p in a_region) and all(taken.b[p] for p in b_region):
        return False
    a_keys = {key for p in a_region for key in sides.a[p].keys}
    b_keys = {key for p in b_region for key in sides.b[p].keys}
    return any(not taken.a[p] and not b_keys.isdisjoint(sides.a[p].keys) for p in a_region) or any(
        not taken.b[p] and not a_keys.isdisjoint(sides.b[p].keys) for p in b_region
    )


def _region(own: list[int], taken: list[bool], units: list[Unit]) -> list[int] | None:
    """The positions from the pair's first to its last on one side, with up to EXTEND free ones around.

    None if that is longer than REGION_MAX or holds a sentence of another link.
    """
    low, high = min(own), max(own)
    if high - low + 1 > REGION_MAX or any(taken[p] and p not in own for p in range(low, high + 1)):
        return None
    start, end = low, high
    while low - start < EXTEND and start > 0 and not taken[start - 1] and _joined(units, start - 1):
        start -= 1
    while end - high < EXTEND and end + 1 < len(units) and not taken[end + 1] and _joined(units, end):
        end += 1
    return list(range(start, end + 1))


def _joined(units: list[Unit], position: int) -> bool:
    """Whether the unit at ``position`` is followed directly by the next one (no heading between)."""
    return units[position + 1].sentence == units[position].sentence + 1


def _best_cut(sides: Sides, a_region: list[int], b_region: list[int]) -> tuple[float, list[Link]]:
    """Dynamic programming: the heaviest monotone cut of the region into links and skipped sentences."""
    m, n = len(a_region), len(b_region)
    table: list[list[_Cell]] = [[(float("-inf"), (0, 0), None)] * (n + 1) for _ in range(m + 1)]
    table[0][0] = (0.0, (0, 0), None)
    for i in range(m + 1):
        for j in range(n + 1):
            if i or j:
                table[i][j] = max(_moves(sides, table, a_region, b_region, i, j), key=lambda cell: cell[0])
    cut = []
    i, j = m, n
    while i or j:
        _, (i, j), link = table[i][j]
        if link is not None:
            cut.append(link)
    return table[m][n][0], cut[::-1]


def _moves(
    sides: Sides, table: list[list[_Cell]], a_region: list[int], b_region: list[int], i: int, j: int
) -> list[_Cell]:
    """Ways to reach cell (i, j): skip a sentence of either side, or link up to SPAN_MAX of each."""
    moves: list[_Cell] = []
    if i:
        moves.append((table[i - 1][j][0], (i - 1, j), None))
    if j:
        moves.append((table[i][j - 1][0], (i, j - 1), None))
    for k in range(1, min(i, SPAN_MAX) + 1):
        a_span = a_region[i - k : i]
        if not _contiguous(sides.a, a_span):
            continue
        for length in range(1, min(j, SPAN_MAX) + 1):
            b_span = b_region[j - length : j]
            if _contiguous(sides.b, b_span):
                for link in sides.links([(tuple(a_span), tuple(b_span))]):
                    moves.append((table[i - k][j - length][0] + link.score - MIN_LINK, (i - k, j - length), link))
    return moves


def _contiguous(units: list[Unit], span: list[int]) -> bool:
    return all(_joined(units, p) for p, _ in pairwise(span))


def _weight(links: list[Link]) -> float:
    return sum(link.score - MIN_LINK for link in links)
