"""Sentence links: which sentences of A and B render the same content, N:M.

Built in four steps, each answering a way in which renderings differ:

1. **Chains.** The heaviest monotone chain of candidate links is the text's
   backbone. A link in it is kept only if it belongs to a *run* (links at most
   RUN_GAP sentences apart on both sides) that holds an anchor: a weak link is
   believable next to strong ones, not alone. The chain is then recomputed on
   the candidates still free and not yet judged, which picks up passages
   quoted out of order (runs of at least MOVED_RUN links).
2. **Gaps.** Free sentences enclosed by two consecutive links of one chain
   can only match each other, so they are compared there (see ``_fill``).
   This finds the sentences whose counterpart the index missed, such as those
   made only of words too common to index. Only balanced gaps are searched: a
   stretch much longer on one side is content that side alone has (an excerpt
   skips much of the full text), where the order vouches for nothing.
3. **Growth.** A sentence split in two, or cut by a paragraph break, leaves a
   free piece next to the link of the other piece; it joins that link when
   that raises the link's similarity.
4. **Re-cutting.** Where free sentences remain among or next to two
   neighbouring links, the region is cut afresh (linter.align.resegment).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise

from linter.align.candidates import mutual_nearest
from linter.align.chain import heaviest_chain
from linter.align.resegment import resegmented
from linter.align.units import Link, Sides, Span, Taken, Unit, adjacent
from linter.meaning.correspondence import without_counterpart
from linter.similarity import word_keys

# Links whose sentences are at most this many positions apart on both sides
# belong to one run: room for a sentence or two that one side left out.
RUN_GAP = 3

# Links a run out of the backbone's order needs: a passage quoted elsewhere
# brings its sentences along, while a lone sentence matching one far away is
# far more often a repeated formula or a parallel passage than a quotation
# moved on its own (in the bible pair, which keeps its order, two thirds of
# such lone links pointed at a parallel verse in another book).
MOVED_RUN = 2

# A gap is balanced if its longer side has at most GAP_RATIO times the
# sentences of its shorter side plus GAP_SLACK: room for splits and merges.
GAP_RATIO = 2
GAP_SLACK = 2

# A gap with at most this many sentence pairs is searched in full.
SMALL_GAP = 9


def link_sentences(sides: Sides, candidates: list[Link]) -> list[Link]:
    """All sentence links, ordered by their first B then first A position."""
    taken = Taken(sides)
    chains = _trusted_chains(sides, candidates, taken)
    links = [link for chain in chains for link in chain]
    for number, chain in enumerate(chains):
        links += _gap_links(sides, chain, taken, backbone=number == 0)
    links.sort(key=lambda link: (link.b[0], link.a[0]))
    return resegmented(sides, [_grown(sides, link, taken) for link in links], taken)


def _trusted_chains(sides: Sides, candidates: list[Link], taken: Taken) -> list[list[Link]]:
    """Successive heaviest chains, each cut to its trusted runs; the first is the backbone.

    The links of a chain that are not trusted leave the candidates, so each
    chain is built from links no earlier chain has judged. The backbone is
    there even when empty: its gap is then the whole of both texts.
    """
    chains: list[list[Link]] = []
    remaining = candidates
    while chain := heaviest_chain(remaining):
        least = MOVED_RUN if chains else 1
        kept = [link for run in _runs(chain) if _trusted(sides, run, least) for link in run]
        taken.take(kept)
        if kept or not chains:
            chains.append(kept)
        judged = set(chain)
        remaining = [link for link in remaining if link not in judged and taken.free(link)]
    return chains or [[]]


def _runs(chain: list[Link]) -> Iterator[list[Link]]:
    """The chain cut wherever consecutive links are more than RUN_GAP apart on a side."""
    run: list[Link] = []
    for link in chain:
        if run and (link.a[0] - run[-1].a[-1] > RUN_GAP or link.b[0] - run[-1].b[-1] > RUN_GAP):
            yield run
            run = []
        run.append(link)
    if run:
        yield run


def _trusted(sides: Sides, run: list[Link], least: int) -> bool:
    """Whether a run has at least ``least`` links and an anchor among them."""
    return len(run) >= least and any(sides.is_anchor(link) for link in run)


def _gap_links(sides: Sides, chain: list[Link], taken: Taken, *, backbone: bool) -> list[Link]:
    """Links among the free sentences enclosed by consecutive links of one chain.

    The backbone also encloses the stretches before its first link and after
    its last: it spans both texts.
    """
    bounds = chain
    if backbone:
        bounds = [Link((-1,), (-1,), 0.0), *chain, Link((len(sides.a),), (len(sides.b),), 0.0)]
    links = []
    for left, right in pairwise(bounds):
        a_free = [p for p in range(left.a[-1] + 1, right.a[0]) if not taken.a[p]]
        b_free = [p for p in range(left.b[-1] + 1, right.b[0]) if not taken.b[p]]
        found = _fill(sides, a_free, b_free)
        taken.take(found)
        links += found
    return links


def _fill(sides: Sides, a_free: list[int], b_free: list[int]) -> list[Link]:
    """Links in one gap, found the cheapest way that works.

    A gap with as many sentences on each side that link pair by pair is read
    one to one (the usual case: one comparison per sentence). A small gap is
    searched in full. A larger one is split at the trusted links between its
    own mutual nearest neighbours (indexed on the gap alone, where words too
    common in the whole text become rare), and each piece is filled the same way.
    """
    links: list[Link] = []
    pending = [(a_free, b_free)]
    while pending:
        a_gap, b_gap = pending.pop()
        if not _balanced(len(a_gap), len(b_gap)):
            continue
        if one_to_one := _diagonal(sides, a_gap, b_gap):
            links += one_to_one
        elif len(a_gap) * len(b_gap) <= SMALL_GAP:
            links += heaviest_chain(sides.links(((a,), (b,)) for a in a_gap for b in b_gap))
        else:
            pairs = mutual_nearest([sides.a[p] for p in a_gap], [sides.b[p] for p in b_gap])
            chain = heaviest_chain(sides.links(((a_gap[i],), (b_gap[j],)) for i, j in pairs))
            splits = [link for run in _runs(chain) if _trusted(sides, run, 1) for link in run]
            links += splits
            pending += _pieces(a_gap, b_gap, splits)
    return links


def _balanced(m: int, n: int) -> bool:
    return min(m, n) > 0 and max(m, n) <= GAP_RATIO * min(m, n) + GAP_SLACK


def _diagonal(sides: Sides, a_gap: list[int], b_gap: list[int]) -> list[Link]:
    """The gap read one to one, if it has as many sentences on each side and each pair links."""
    if len(a_gap) != len(b_gap):
        return []
    found = sides.links(((a,), (b,)) for a, b in zip(a_gap, b_gap, strict=True))
    return found if len(found) == len(a_gap) else []


def _pieces(a_gap: list[int], b_gap: list[int], splits: list[Link]) -> Iterator[tuple[list[int], list[int]]]:
    """The parts of a gap between its split links, and before the first and after the last."""
    if not splits:
        return
    edges = [Link((-1,), (-1,), 0.0), *splits, Link((a_gap[-1] + 1,), (b_gap[-1] + 1,), 0.0)]
    for left, right in pairwise(edges):
        yield _between(a_gap, left.a[-1], right.a[0]), _between(b_gap, left.b[-1], right.b[0])


def _between(positions: list[int], low: int, high: int) -> list[int]:
    """The sorted ``positions`` strictly between ``low`` and ``high``."""
    return positions[bisect_right(positions, low) : bisect_left(positions, high)]


def _grown(sides: Sides, link: Link, taken: Taken) -> Link:
    """``link`` with the free neighbouring sentences that raise its similarity."""
    while (larger := _best_growth(sides, link, taken)) is not None:
        taken.take([larger])
        link = larger
    return link


def _best_growth(sides: Sides, link: Link, taken: Taken) -> Link | None:
    """The one-sentence extension of ``link`` with the highest similarity above its own, or a rendered piece.

    A piece of its own paragraph whose content words the other side of the
    link mostly renders, by stem or by meaning ("They are real sounds of the
    universe." before "They will travel outward…", rendered by one sentence of
    A) joins the link even when it lowers the similarity: a link that matched
    well already loses share to any piece that is not rendered word for word.
    """
    options = sides.links(_extensions(sides, link, taken))
    raising = [option for option in options if option.score > link.score]
    if raising:
        return max(raising, key=lambda option: option.score)
    return next((option for option in options if _rendered_piece(sides, link, option)), None)


def _rendered_piece(sides: Sides, link: Link, grown: Link) -> bool:
    """Whether ``grown`` adds to ``link`` a sentence of the same paragraph, most of whose words the other side renders.

    By stem always; by meaning too (the word vectors) when the grown link
    holds both paragraphs whole, so that the order of two paragraphs that
    render each other vouches for the piece: an excerpt's quote that stops
    inside a paragraph of B gains no sentence of B it skipped.
    """
    if grown.a != link.a:
        return _piece_rendered(sides.a, link.a, grown.a, sides.b, link.b)
    return _piece_rendered(sides.b, link.b, grown.b, sides.a, link.a)


def _piece_rendered(units: list[Unit], kept: Span, grown: Span, others: list[Unit], other_span: Span) -> bool:
    (added,) = set(grown) - set(kept)
    piece = units[added]
    if piece.paragraph != units[kept[0]].paragraph or not piece.words:
        return False
    said = [others[p] for p in other_span]
    said_keys = set().union(*(other.keys for other in said))
    unsaid = [word for word in piece.words if not said_keys.issuperset(word_keys(word))]
    if 2 * len(unsaid) >= len(piece.words) and _whole(units, (*kept, added)) and _whole(others, other_span):
        unsaid = without_counterpart(unsaid, [word for other in said for word in other.words])
    return 2 * len(unsaid) < len(piece.words)


def _whole(units: list[Unit], span: Sequence[int]) -> bool:
    """Whether the positions are all the sentences of their one paragraph (which are consecutive positions)."""
    paragraph = units[span[0]].paragraph
    first, last = min(span), max(span)
    before = first > 0 and units[first - 1].paragraph == paragraph
    after = last + 1 < len(units) and units[last + 1].paragraph == paragraph
    whole_run = len(set(span)) == last - first + 1 and all(units[p].paragraph == paragraph for p in span)
    return whole_run and not before and not after


def _extensions(sides: Sides, link: Link, taken: Taken) -> Iterator[tuple[Span, Span]]:
    """``link`` with one more free adjacent sentence, on either side, before or after."""
    for step, edge in ((-1, 0), (1, -1)):
        a_next = adjacent(sides.a, link.a[edge], step)
        if a_next is not None and not taken.a[a_next]:
            yield tuple(sorted((*link.a, a_next))), link.b
        b_next = adjacent(sides.b, link.b[edge], step)
        if b_next is not None and not taken.b[b_next]:
            yield link.a, tuple(sorted((*link.b, b_next)))
