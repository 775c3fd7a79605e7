"""What several reports of one event say to one another: a figure (KZ301), a hedge (KZ302) or
a name (KZ303) that the sources state differently.

These rules read the grouped claims of ``kzlint facts`` and ``kzlint align
--with`` (:mod:`linter.facts`), never an aligned pair: each finding points at
the claim in every source of its group.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from linter.facts import ClaimGroup, ClaimKind, FactCheck, Verdict
from linter.model import Category, Finding, Severity
from linter.rules.base import SourcesRule
from linter.rules.registry import register


def _described(group: ClaimGroup, facts: FactCheck) -> str:
    """Each source's wording, and its reading where that says more: '"$24 billion" (USD 24,000,000,000) in a.txt'."""
    parts = []
    for member in group.members:
        wording = member.location.text
        reading = f" ({member.reading})" if member.reading != wording else ""
        parts.append(f'"{wording}"{reading} in {facts.sources[member.source].path.name}')
    return "; ".join(parts)


def _about(group: ClaimGroup) -> str:
    return f" ({group.topic})" if group.topic else ""


class _GroupRule(SourcesRule):
    """Reports every group of its kinds whose verdict it names, pointing at each member.

    ``verdicts`` maps a verdict to what the finding says and its severity
    (``None``: the rule's own).
    """

    kinds: ClassVar[frozenset[ClaimKind]]
    verdicts: ClassVar[dict[Verdict, tuple[str, Severity | None]]]

    def check_sources(self, facts: FactCheck) -> Iterator[Finding]:
        for group in facts.groups:
            if group.kind in self.kinds and group.verdict in self.verdicts:
                what, severity = self.verdicts[group.verdict]
                message = f"{what}{_about(group)}: {_described(group, facts)}"
                yield self.finding(message, *(m.location for m in group.members), severity=severity)


@register
class FigureDiffers(_GroupRule):
    """Sources give different figures for one claim.

    Reports of one event that disagree on a figure cannot all be right, and an
    editor who publishes one of them needs to know that another source says
    otherwise. Figures are compared after normalisation, so "$41 billion" and
    "41 billion dollars" agree, and so do "32 percent" and "32%"; claims are
    matched by the words around them, so "investment reached $25 billion over
    the past 15 years" and "investment ... has reached $24 billion over the
    past 15 years" are one claim, while trade of $41 billion and investment
    projects worth $14.5 billion are two.

    **Bad:** one report "investment has reached $24 billion over the past 15 years" / another
    "over the past 15 years ... the total investment reached $25 billion".

    **Good:** one report "bilateral trade reached a record $41 billion" / another "trade hit a
    record of $41 billion".
    """

    id = "KZ301"
    name = "figure-differs-across-sources"
    category = Category.NUMBER
    severity = Severity.WARNING
    kinds = frozenset({ClaimKind.FIGURE})
    verdicts = {Verdict.DIFFER: ("sources give different figures", None)}


@register
class QualifierDiffers(_GroupRule):
    """Sources give one figure for a claim, hedged differently: "exceeded $41 billion" and "$41 billion".

    The figure agrees, the fact does not quite: a lower bound is not an exact
    value. Qualifiers that mean the same ("about", "approximately") agree.

    **Bad:** one report "trade exceeded the record of $41 billion" / another "trade reached a
    record $41 billion".

    **Good:** one report "about 600,000 trips" / another "approximately 600 thousand trips".
    """

    id = "KZ302"
    name = "qualifier-differs-across-sources"
    category = Category.NUMBER
    severity = Severity.INFO
    kinds = frozenset({ClaimKind.FIGURE})
    verdicts = {Verdict.QUALIFIER: ("sources hedge one figure differently", None)}


@register
class NameDiffers(_GroupRule):
    """Sources name one thing differently, or one gives it in a shorter form.

    "The Kazakhstan Air Defense Forces" and "the Kazakh Air Force" are not one
    service, whatever the sentences around them share: an editor checks which
    source is right. Names that differ in other words are a warning; a shorter
    form ("Dimash" for "Dimash Qudaibergen") or another spelling of the same
    words is an info. Names every report mentions and one repeats (the
    event's cast, such as "China" or "Tokayev") are not compared.

    **Bad:** one report "fighter jets of the Kazakhstan Air Defense Forces flew over" / another
    "six Kazakh Air Force fighter jets flew over".

    **Good:** one report "S. Kabylbekov" / another "Saulebek Kabylbekov".
    """

    id = "KZ303"
    name = "name-differs-across-sources"
    category = Category.NAME
    severity = Severity.WARNING
    also_emits = (Severity.INFO,)
    kinds = frozenset({ClaimKind.NAME})
    verdicts = {
        Verdict.DIFFER: ("sources name one thing differently", None),
        Verdict.FORM: ("sources give one name in different forms", Severity.INFO),
    }
