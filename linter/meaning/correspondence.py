"""Which words of a linked sentence pair render each other, and which carry content the other side lacks.

Two translators of one sentence choose different words for the same meaning:
"I was in awe" / "I was awestruck", "big" / "large", "friend" / "friends".
A content word has a *counterpart* on the other side when the other side has
the same word (spelling folded, stemmed: :func:`linter.diffing.word_key`) or a
word whose vector is closer than chance allows (:mod:`linter.meaning.vectors`).
What is left, content words without a counterpart, is where the meaning of two
renderings may part: the omission, addition and divergence rules read it, so
that rewording is never called a change of meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from linter.meaning.vectors import word_vectors


@dataclass(frozen=True)
class Correspondence:
    """The word indices, on each side, of the content words without a counterpart on the other side."""

    a_missing: frozenset[int]
    b_missing: frozenset[int]


def correspond(
    a_keys: Sequence[str | None], b_keys: Sequence[str | None], a_words: Sequence[str], b_words: Sequence[str]
) -> Correspondence:
    """The content words of each side without a counterpart on the other.

    ``a_keys``/``b_keys`` give each word's matching key, ``None`` for a word
    that carries no content of its own (a function word, a figure: figures are
    compared by the number rules); ``a_words``/``b_words`` are the word forms
    looked up in the vectors. Words with the same key are counterparts at once;
    only the rest are looked up, each against every content word of the other
    side (translators move a meaning from one word to another: "a firm
    supporter" / "always supports"), so two close renderings cost no vector.
    """
    a_content = [i for i, key in enumerate(a_keys) if key is not None]
    b_content = [j for j, key in enumerate(b_keys) if key is not None]
    a_shared, b_shared = {a_keys[i] for i in a_content}, {b_keys[j] for j in b_content}
    a_open = [i for i in a_content if a_keys[i] not in b_shared]
    b_open = [j for j in b_content if b_keys[j] not in a_shared]
    if not a_open and not b_open:
        return Correspondence(frozenset(), frozenset())
    a_missing = _without_counterpart(a_open, a_words, [b_words[j] for j in b_content])
    b_missing = _without_counterpart(b_open, b_words, [a_words[i] for i in a_content])
    return Correspondence(frozenset(a_missing), frozenset(b_missing))


def without_counterpart(words: Sequence[str], others: Sequence[str]) -> list[str]:
    """The words whose vector is near none of ``others`` (all of them when ``others`` is empty)."""
    positions = _without_counterpart(list(range(len(words))), words, list(others))
    return [words[i] for i in positions]


def _without_counterpart(candidates: list[int], words: Sequence[str], others: list[str]) -> list[int]:
    """The candidates (word indices) whose vector is near none of the other side's words (see the vectors' threshold)."""
    if not candidates or not others:
        return candidates
    vectors = word_vectors()
    closeness = vectors.matrix([words[i] for i in candidates]) @ vectors.matrix(others).T
    return [i for i, best in zip(candidates, closeness.max(axis=1)) if best < vectors.threshold]


def meaning_vectors(passages: Sequence[Sequence[str]]) -> np.ndarray:
    """Each passage's meaning as the unit mean of its words' vectors, one row each (zero for no known word).

    Coarse, but enough to tell which of two sentences renders a third.
    """
    vectors = word_vectors()
    rows = np.zeros((len(passages), vectors.dimensions), np.float32)
    for row, words in zip(rows, passages, strict=True):
        if words:
            row[:] = vectors.matrix(list(words)).mean(0)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
