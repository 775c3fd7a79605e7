"""How much of a side's content the alignment links to the other side.

The summary's "A renders 47% of B" and the test of whether two texts are
renderings of one text at all (KZ100) both read this one measure: the share
of a side's content words (in body and quote paragraphs) that lie in
sentences with a link.
"""

from __future__ import annotations

from linter.model import Alignment, Document
from linter.segment import word_count

# Below this share of content linked on both sides, two texts are not read as
# renderings of one text (another language, the wrong file). Measured on the
# seed sources: the excerpts link all of their quoted content and 47% of the
# full text's; any two different reports of the visit link 0% to 10% of either.
RELATED_SHARE = 0.2


def linked_share(doc: Document, alignment: Alignment, side: str) -> float:
    """Share of ``doc``'s content words in sentences linked to the other side (``side`` is "a" or "b")."""
    linked = {index for group in alignment.groups for link in group.sentences for index in getattr(link, side)}
    total = covered = 0
    for paragraph in doc.paragraphs:
        if not paragraph.kind.is_content:
            continue
        for sentence in paragraph.sentences:
            words = word_count(sentence.text)
            total += words
            covered += words if sentence.index in linked else 0
    return round(covered / total, 4) if total else 0.0


def renders_one_text(a_share: float, b_share: float) -> bool:
    """Whether two texts read as renderings of one text: enough of one side links to the other."""
    return max(a_share, b_share) >= RELATED_SHARE


# Two renderings of one text worded alike share most content words in each
# linked sentence; two translations of one original share far fewer, since
# each translator chose the words. The median linked sentence says which.
INDEPENDENT_WORDING = 0.8


def reads_as_independent_translations(alignment: Alignment) -> bool | None:
    """Whether the median sentence link shares less than INDEPENDENT_WORDING of its content words (None: no link).

    Then A and B are two translations, and the comparison is of meaning: the
    report says so, and rewordings (KZ121) stay off unless asked for.
    """
    scores = sorted(link.score for group in alignment.groups for link in group.sentences)
    if not scores:
        return None
    return scores[len(scores) // 2] < INDEPENDENT_WORDING
