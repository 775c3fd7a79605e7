"""Figures of linked sentences: a changed number (KZ130) and a changed hedge on one (KZ131).

Both rules read only content paragraphs (``Comparison.linked_figures``): a
site's byline, captions and its editor's own prose are not renderings of the
other text, so their dates and counts have nothing to agree with.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from linter.model import Category, Document, Finding, Location, Severity
from linter.quantities import Qualifier, Quantity
from linter.rules.base import Comparison, PairRule
from linter.rules.registry import register


@register
class NumberMismatch(PairRule):
    """A figure in one rendering has no equal figure in the linked sentence of the other.

    Numbers are the facts a reader checks first, and a translation that turns
    200,000 into 300,000 misinforms without any other sign of trouble.
    Figures are compared after normalisation, so "600,000", "600 thousand"
    and "six hundred thousand" are equal, and so are "thirty-two" and "32",
    "fifth" and "5th", "July 2" and "2 July". A figure replaced by a different
    figure of the same kind is an error, reported on both sides. A figure
    with no counterpart at all is a warning, or an info when it is spelled
    out. Spelled-out counts below 13 ("three envoys", "the two sides", "both")
    and the ordinals "first" and "second" are as often idiom or paraphrase as
    fact, so they are reported only against a figure that counts the same
    thing ("three months" / "four months").

    **Bad:** A "trips reached 200,000 in the first three months" / B "trips reached 300,000 in the
    first three months".

    **Good:** A "about 600,000 last year" / B "approximately 600 thousand last year".
    """

    id = "KZ130"
    name = "number-mismatch"
    category = Category.NUMBER
    severity = Severity.ERROR
    also_emits = (Severity.WARNING, Severity.INFO)

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        for figures in pair.linked_figures:
            for x, y in figures.changed:
                yield self.finding(
                    f'figure changed: "{x.text}" ({x.normalised}) in A, "{y.text}" ({y.normalised}) in B',
                    Location.of("a", pair.a, x.start, x.end),
                    Location.of("b", pair.b, y.start, y.end),
                    weight=1.0,
                )
            yield from self._unmatched("a", pair.a, figures.only_a)
            yield from self._unmatched("b", pair.b, figures.only_b)

    def _unmatched(self, side: str, doc: Document, figures: Sequence[Quantity]) -> Iterator[Finding]:
        other = "B" if side == "a" else "A"
        for figure in figures:
            if figure.soft:
                continue
            yield self.finding(
                f'"{figure.text}" ({figure.normalised}) in {side.upper()} has no equal figure '
                f"in the linked sentence of {other}",
                Location.of(side, doc, figure.start, figure.end),
                severity=Severity.INFO if figure.spelled else Severity.WARNING,
            )


@register
class QuantityQualifier(PairRule):
    """The same figure is hedged differently: "about" on one side, "more than" on the other.

    "to 200,000" states a figure, "exceeded 200 thousand" a lower bound: the
    number agrees, the fact does not. Qualifiers that mean the same
    ("about", "approximately", "around", "some") are not reported; an
    approximate figure stated as exact is an info; a bound ("more than",
    "less than") that the other side lacks or reverses is a warning. Small
    spelled-out counts on both sides ("some one", "under three") are idiom
    more often than estimate and are not reported.

    **Bad:** A "to 200,000 in the first three months" / B "in the first three months it exceeded
    200 thousand".

    **Good:** A "about 600,000 last year" / B "approximately 600 thousand last year".
    """

    id = "KZ131"
    name = "quantity-qualifier"
    category = Category.NUMBER
    severity = Severity.WARNING
    also_emits = (Severity.INFO,)

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        for figures in pair.linked_figures:
            for x, y in figures.same:
                if x.qualifier is y.qualifier or (x.soft and y.soft):
                    continue
                yield self.finding(
                    f'same figure, different qualifier: "{x.phrase}" ({x.qualifier.value}) in A, '
                    f'"{y.phrase}" ({y.qualifier.value}) in B',
                    Location.of("a", pair.a, x.phrase_start, x.phrase_end),
                    Location.of("b", pair.b, y.phrase_start, y.phrase_end),
                    severity=_severity(x.qualifier, y.qualifier),
                )


def _severity(x: Qualifier, y: Qualifier) -> Severity | None:
    """An info when only the hedge "about" comes or goes; the rule's severity when a bound does."""
    return Severity.INFO if {x, y} == {Qualifier.EXACT, Qualifier.APPROXIMATE} else None
