"""Paragraph groups: the paragraphs that sentence links tie together.

Renderings split and merge paragraphs freely, so a group is a connected
component of the graph whose nodes are paragraphs and whose edges are sentence
links: one paragraph split in two gives a 1:2 group, a sentence carried over a
paragraph break joins the paragraphs on both sides of the break.
"""

from __future__ import annotations

from collections import defaultdict

from linter.align.units import Link, Sides, Unit
from linter.model import AlignedGroup, Alignment, Document, SentenceLink
from linter.similarity import Keys, merged, similarity

# Scores are rounded so that reports and JSON output stay stable.
DIGITS = 4

_Node = tuple[str, int]


def group_paragraphs(a: Document, b: Document, sides: Sides, links: list[Link]) -> Alignment:
    """The alignment of ``a`` and ``b`` given their sentence links (ordered by B)."""
    components = _Components()
    members: defaultdict[_Node, list[Link]] = defaultdict(list)
    nodes = [_nodes(sides, link) for link in links]
    for first, *others in nodes:
        for node in others:
            components.join(first, node)
    for link, (first, *_) in zip(links, nodes, strict=True):
        members[components.root(first)].append(link)
    a_keys, b_keys = _keys_by_paragraph(sides.a), _keys_by_paragraph(sides.b)
    groups = sorted(
        (_group(sides, linked, a_keys, b_keys) for linked in members.values()),
        key=lambda group: (group.b[0], group.a[0]),
    )
    return Alignment(tuple(groups), _unaligned(a, groups, "a"), _unaligned(b, groups, "b"))


def _nodes(sides: Sides, link: Link) -> list[_Node]:
    return [*(("a", sides.a[p].paragraph) for p in link.a), *(("b", sides.b[p].paragraph) for p in link.b)]


def _group(
    sides: Sides, links: list[Link], a_keys: dict[int, list[Keys]], b_keys: dict[int, list[Keys]]
) -> AlignedGroup:
    """One group: its paragraphs, the similarity of their whole text, its sentence links."""
    a_paragraphs = tuple(sorted({sides.a[p].paragraph for link in links for p in link.a}))
    b_paragraphs = tuple(sorted({sides.b[p].paragraph for link in links for p in link.b}))
    score = similarity(_text_keys(a_keys, a_paragraphs), _text_keys(b_keys, b_paragraphs))
    sentence_links = tuple(
        SentenceLink(
            tuple(sides.a[p].sentence for p in link.a),
            tuple(sides.b[p].sentence for p in link.b),
            round(link.score, DIGITS),
        )
        for link in links
    )
    return AlignedGroup(a_paragraphs, b_paragraphs, round(score, DIGITS), sentence_links)


def _keys_by_paragraph(units: list[Unit]) -> dict[int, list[Keys]]:
    """The keys of each content paragraph's sentences, from the units (no second tokenisation)."""
    by_paragraph: defaultdict[int, list[Keys]] = defaultdict(list)
    for unit in units:
        by_paragraph[unit.paragraph].append(unit.keys)
    return by_paragraph


def _text_keys(by_paragraph: dict[int, list[Keys]], paragraphs: tuple[int, ...]) -> Keys:
    """Keys of the whole text of ``paragraphs``, linked sentences or not."""
    return merged(keys for paragraph in paragraphs for keys in by_paragraph[paragraph])


def _unaligned(doc: Document, groups: list[AlignedGroup], side: str) -> tuple[int, ...]:
    grouped = {index for group in groups for index in getattr(group, side)}
    return tuple(p.index for p in doc.paragraphs if p.index not in grouped)


class _Components:
    """Union-find over paragraph nodes; the smaller node becomes the root, so results are deterministic."""

    def __init__(self) -> None:
        self._parent: dict[_Node, _Node] = {}

    def root(self, node: _Node) -> _Node:
        parent = self._parent.setdefault(node, node)
        while parent != node:
            grandparent = self._parent[parent]
            self._parent[node] = grandparent
            node, parent = parent, grandparent
        return node

    def join(self, first: _Node, second: _Node) -> None:
        low, high = sorted((self.root(first), self.root(second)))
        self._parent[high] = low
