"""How alike two passages are in content, whatever words each translator chose.

Two translations of one original share their content words far more than their
wording: "standing shoulder to shoulder" and "standing back to back" share
*stand*, "vital interests" and "core interests" share *interest*. So a passage
is reduced to its **keys**: the content words (function words dropped), each
lightly stemmed so that inflected and derived forms meet ("difficulties" and
"difficult", "Kazakhstani" and "Kazakh"). Similarity is the Sørensen–Dice
coefficient of the two key multisets, computed by ``textdistance``: the share
of content words the passages have in common, 0 (none) to 1 (the same words).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import chain

import textdistance

from linter.segment import content_tokens

Keys = Counter[str]

# Words that carry grammar rather than content, including the archaic forms of
# older English translations; sharing them says nothing about shared content.
STOP_WORDS = frozenset(
    """
    a an the and or but nor so yet of to in on at by for with from into onto upon about as than then
    that this these those there here is are was were be been being am do does did done have has had
    having will would shall should can could may might must i me my mine we us our ours you your yours
    he him his she her hers it its they them their theirs who whom whose which what not no all any each
    every both either neither such own same other also very too only just more most much many some few
    when where while if because though although since until unless whether how why again further once
    over under between thee thou thy thine ye unto hath doth shalt wilt art hast didst dost
    """.split()
)

# Stems are cut to this many letters: long enough to keep "interest" apart from
# "international", short enough that "difficulties" meets "difficult".
STEM_LENGTH = 6

_DICE = textdistance.Sorensen(external=False)


@cache
def stem(word: str) -> str:
    """A crude stem of a lower-cased English word form, the same for both renderings.

    Cached because a text repeats a small vocabulary many times. Possessives,
    a plural -s, -ing, -ed and a final -e are dropped, then the word is cut to
    ``STEM_LENGTH`` letters; numbers lose their group separators ("600,000").
    """
    if word[:1].isdigit():
        return word.replace(",", "")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word[:STEM_LENGTH]


def keys(text: str) -> Keys:
    """The stemmed content words of ``text``, with their counts."""
    return keys_of_words(content_tokens(text))


def keys_of_words(words: Iterable[str]) -> Keys:
    """The stemmed content words among lower-cased word forms (see :func:`linter.segment.content_tokens`)."""
    return Counter(chain.from_iterable(map(word_keys, words)))


@cache
def word_keys(token: str) -> tuple[str, ...]:
    """The keys of one word form: none for a function word, one per part of a compound.

    Hyphenated compounds count as their parts, since one translator writes
    "Chinese-Kazakh" where another writes "Chinese and Kazakh". Cached, so a
    book-length text costs one dictionary look-up per word.
    """
    return tuple(stem(part) for part in token.split("-") if part and part not in STOP_WORDS)


def merged(parts: Iterable[Keys]) -> Keys:
    """The keys of several passages read as one (counted in one pass, which is fastest)."""
    return Counter(chain.from_iterable(part.elements() for part in parts))


def similarity(a: Keys, b: Keys) -> float:
    """Share of content words two passages have in common (Sørensen–Dice, 0..1).

    A passage without content words ("And he said:") gives no evidence of
    sameness, so its similarity to anything is 0.
    """
    if not a or not b:
        return 0.0
    return float(_DICE(a, b))


def text_similarity(a: str, b: str) -> float:
    """:func:`similarity` of two raw passages."""
    return similarity(keys(a), keys(b))
