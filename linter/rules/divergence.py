"""Differences of wording inside linked sentences (KZ120)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import compress

from linter.diffing import NORM, ChangeRun, PassageDiff, Reversal, Significance, is_content_word
from linter.model import Category, Finding, Location, Severity, Token
from linter.rules.base import Comparison, PairRule
from linter.rules.omission import run_location, shown
from linter.rules.registry import register

_LABELS = {
    Significance.NEGATION: "negation differs",
    Significance.CONTENT: "different wording",
    Significance.FUNCTION: "different function word or word form",
    Significance.TRIVIAL: "spelling variant",
}


@register
class DivergentPhrasing(PairRule):
    """Linked sentences of A and B word something differently.

    Every changed run of words inside a linked sentence pair is one finding,
    weighted so that what can change the meaning comes first: a negation
    added or removed ("not", "never", "without", "unshakable"/"shakable"),
    an idiom or antonym turned around ("shoulder to shoulder" / "back to
    back", "increase" / "reduce"; the table is ``REVERSED_PHRASES`` in
    ``linter.diffing``) are warnings; a different content term, then a
    different function word or word form, are infos. Articles, case,
    punctuation, curly quotes, British/American spelling and hyphenation are
    trivial and reported only when nothing else in the pair differs. Clauses
    that A leaves out are KZ103/KZ104 and changed figures KZ130, so they are
    not repeated here.

    **Bad:** A "we stand shoulder to shoulder" / B "we stand back to back".

    **Good:** A "we always support each other" / B "we always support one another"
    (reported only as an info, if at all).
    """

    id = "KZ120"
    name = "divergent-phrasing"
    category = Category.DIVERGENCE
    severity = Severity.WARNING
    also_emits = (Severity.INFO,)
    reads_word_diffs = True

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        for _, diff in pair.linked_diffs:
            yield from self._passage_findings(pair, diff)

    def _passage_findings(self, pair: Comparison, diff: PassageDiff) -> Iterator[Finding]:
        graded = [
            (diff.significance(run), run) for run in diff.runs if not diff.is_dropped(run) and not _figures_only(run)
        ]
        only_trivial = all(grade is Significance.TRIVIAL for grade, _ in graded)
        reported: set[Reversal] = set()
        for grade, run in graded:
            if grade is Significance.TRIVIAL and not only_trivial:
                continue
            reversal = diff.reversal_in(run) if grade is Significance.REVERSAL else None
            if reversal is None:
                yield self._run_finding(pair, grade, run)
            elif reversal not in reported:
                reported.add(reversal)
                yield self._reversal_finding(pair, reversal)

    def _run_finding(self, pair: Comparison, grade: Significance, run: ChangeRun) -> Finding:
        a, b = run_location("a", pair.a, run), run_location("b", pair.b, run)
        return self.finding(
            f"{_LABELS[grade]}: {_variant(a)} in A, {_variant(b)} in B",
            a,
            b,
            severity=_severity(grade),
            weight=_weight(grade, [*run.a, *run.b]),
        )

    def _reversal_finding(self, pair: Comparison, reversal: Reversal) -> Finding:
        a = Location.of("a", pair.a, reversal.a[0].start, reversal.a[-1].end)
        b = Location.of("b", pair.b, reversal.b[0].start, reversal.b[-1].end)
        return self.finding(
            f"phrase turned around: {_variant(a)} in A, {_variant(b)} in B",
            a,
            b,
            severity=_severity(Significance.REVERSAL),
            weight=_weight(Significance.REVERSAL, [*reversal.a, *reversal.b]),
        )


def _severity(grade: Significance) -> Severity:
    return Severity.WARNING if grade >= Significance.REVERSAL else Severity.INFO


def _weight(grade: Significance, words: Sequence[Token]) -> float:
    """The grade first; within a grade, runs with more content words first (a tenth per word, up to 0.9)."""
    return float(grade) + min(sum(map(is_content_word, map(NORM, words))), 9) / 10


def _variant(location: Location) -> str:
    return f'"{shown(location.text)}"' if location.text else "nothing"


def _figures_only(run: ChangeRun) -> bool:
    """A run whose content words are all figures: a changed number is KZ130's to report."""
    tokens = (*run.a, *run.b)
    words = list(compress(tokens, map(is_content_word, map(NORM, tokens))))
    return bool(words) and all(any(map(str.isdigit, t.text)) for t in words)
