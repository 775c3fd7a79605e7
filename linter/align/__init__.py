"""Alignment: which paragraphs and sentences of A and B render the same content.

``align`` runs the stages of this package in turn: content sentences and their
keys (units), candidate pairs from an inverted index (candidates), sentence
links from monotone chains, gaps and growth (sentences, chain), weak strays
into skipped paragraphs dropped (coherence), bridges for
free sentences between two links that render each other in other words
(bridges), and paragraph groups as connected components of those links
(paragraphs).
"""

from __future__ import annotations

from linter.align.bridges import bridged
from linter.align.candidates import candidate_links
from linter.align.coherence import coherent
from linter.align.paragraphs import group_paragraphs
from linter.align.sentences import link_sentences
from linter.align.units import Sides
from linter.model import Alignment, Document

__all__ = ["align"]


def align(a: Document, b: Document) -> Alignment:
    """Groups of paragraphs of ``a`` and ``b`` that render the same content, with their sentence links."""
    sides = Sides.of(a, b)
    links = bridged(sides, coherent(sides, link_sentences(sides, candidate_links(sides))))
    return group_paragraphs(a, b, sides, links)
