"""Texts that are not renderings of one text (KZ100)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.align.coverage import RELATED_SHARE
from linter.model import Category, Document, Finding, Location, Severity
from linter.rules.base import Comparison, PairRule
from linter.rules.registry import register


@register
class UnrelatedTexts(PairRule):
    """A and B do not seem to be renderings of one text: almost nothing aligns.

    A text in another language than the other, or the wrong file, aligns
    with almost nothing, and every paragraph of both would be reported as
    dropped or added: a thousand findings that hide the one that matters.
    When less than 20% of the content words of each side lie in linked
    sentences, this one error is reported instead and the other comparison
    rules stay silent; single-text rules (grammar, untranslated text, rule
    files) still run on each text.

    **Bad:** A is an article in Russian and B its English translation (kzlint
    compares renderings in one language), or B is another article altogether.

    **Good:** A and B are two English renderings of one article, or excerpts
    of it and the full text.
    """

    id = "KZ100"
    name = "unrelated-texts"
    category = Category.DIVERGENCE
    severity = Severity.ERROR
    needs_related_texts = False

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        if pair.is_related:
            return
        a_share, b_share = pair.linked_shares
        yield self.finding(
            f"A and B do not seem to be renderings of one text: only {a_share:.0%} of A's content and "
            f"{b_share:.0%} of B's align (at least {RELATED_SHARE:.0%} expected); "
            "check that these are the files to compare, and in the same language",
            *(_start(side, doc) for side, doc in (("a", pair.a), ("b", pair.b)) if doc.paragraphs),
        )


def _start(side: str, doc: Document) -> Location:
    first = doc.paragraphs[0]
    return Location.of(side, doc, first.start, first.sentences[0].end if first.sentences else first.end)
