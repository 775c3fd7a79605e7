"""The heaviest monotone chain: the links that keep both texts in reading order.

Renderings of one text mostly keep its order, so among competing links (a
repeated formula matches many places) the right ones are those that line up:
a chain of links, each entirely after the previous one on both sides, with the
largest total weight. A link weighs what its similarity exceeds MIN_LINK by,
the evidence beyond what unrelated sentences share: otherwise a string of
chance matches would outweigh one true link it crosses. This is the weighted longest-increasing-subsequence
problem (over spans of sentences), solved in O(n log n) with a Fenwick tree of
prefix maxima.
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.align.units import MIN_LINK, Link

# (total weight of the best chain ending here, index of its last link)
_Best = tuple[float, int]
_NONE: _Best = (0.0, -1)


def heaviest_chain(found: Sequence[Link]) -> list[Link]:
    """The max-weight subset of ``found`` in which each link follows the previous on both sides.

    Links are taken by their first A sentence; a link enters the tree (keyed by
    its last B sentence) only once the links being extended start after its
    last A sentence. Of chains of equal weight, the one ending at the earliest
    link wins: a sentence that two places match equally well ("It is written,
    … the Lord thy God") renders the nearer one, as translations keep their order.
    """
    if not found:
        return []
    tree = [_NONE] * (max(link.b[-1] for link in found) + 2)
    by_start = sorted(range(len(found)), key=lambda k: (found[k].a[0], found[k].b[0], k))
    by_end = sorted(range(len(found)), key=lambda k: (found[k].a[-1], k))
    totals: list[_Best] = [_NONE] * len(found)
    previous = [-1] * len(found)
    entered = 0
    for index in by_start:
        link = found[index]
        while entered < len(by_end) and found[by_end[entered]].a[-1] < link.a[0]:
            done = by_end[entered]
            _raise(tree, found[done].b[-1] + 1, totals[done])
            entered += 1
        before = _prefix_max(tree, link.b[0])
        totals[index] = (before[0] + link.score - MIN_LINK, index)
        previous[index] = before[1]
    return _walk_back(found, previous, max(totals, key=_earliest_on_ties)[1])


def _earliest_on_ties(best: _Best) -> tuple[float, int]:
    return best[0], -best[1]


def _prefix_max(tree: list[_Best], end: int) -> _Best:
    """Best chain whose last B sentence is before ``end`` (Fenwick positions 1..end)."""
    best = _NONE
    while end > 0:
        best = max(best, tree[end])
        end -= end & -end
    return best


def _raise(tree: list[_Best], position: int, value: _Best) -> None:
    while position < len(tree):
        if value > tree[position]:
            tree[position] = value
        position += position & -position


def _walk_back(found: Sequence[Link], previous: list[int], last: int) -> list[Link]:
    chain = []
    while last >= 0:
        chain.append(found[last])
        last = previous[last]
    return chain[::-1]
