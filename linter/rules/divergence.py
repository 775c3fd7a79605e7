"""Differences inside linked sentences: of meaning (KZ120), and of wording only (KZ121, off by default)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import compress
from typing import ClassVar

from linter.diffing import NORM, ChangeRun, PassageDiff, Reversal, Significance, is_content_word
from linter.model import Category, Finding, Location, Severity, Token
from linter.rules.base import Comparison, PairRule
from linter.rules.omission import run_location, shown
from linter.rules.registry import register

# A changed run says something different, not the same in other words, when
# each side has at least this many distinct content words the other does not
# render: one word each way is as often a translator's free choice ("floods" /
# "trials") as another meaning; two make another statement.
MOVED_WORDS = 2

_LABELS = {
    Significance.NEGATION: "negation differs",
    Significance.MODALITY: "done against planned or possible",
    Significance.CONTENT: "different content",
    Significance.WORDING: "reworded",
    Significance.FUNCTION: "different function word or word form",
    Significance.TRIVIAL: "spelling variant",
}


class _PhrasingRule(PairRule):
    """Changed runs of words inside linked sentences, of the grades a subclass reports."""

    category = Category.DIVERGENCE
    reads_word_diffs = True
    # Whether the subclass reports the runs that change the meaning, or the others.
    reports_meaning: ClassVar[bool]

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
            if _changes_meaning(diff, run, grade) != self.reports_meaning:
                continue
            if grade is Significance.TRIVIAL and not only_trivial:
                continue
            reversal = diff.reversal_in(run) if grade is Significance.REVERSAL else None
            if reversal is None:
                yield self._run_finding(pair, diff, grade, run)
            elif reversal not in reported:
                reported.add(reversal)
                yield self._reversal_finding(pair, reversal)

    def _run_finding(self, pair: Comparison, diff: PassageDiff, grade: Significance, run: ChangeRun) -> Finding:
        a, b = run_location("a", pair.a, run), run_location("b", pair.b, run)
        label = _LABELS[grade] if self.reports_meaning or grade is not Significance.CONTENT else "other words"
        return self.finding(
            f"{label}: {_variant(a)} in A, {_variant(b)} in B",
            a,
            b,
            severity=_severity(grade, diff, run),
            weight=_weight(grade, [*run.a, *run.b]),
        )

    def _reversal_finding(self, pair: Comparison, reversal: Reversal) -> Finding:
        a = Location.of("a", pair.a, reversal.a[0].start, reversal.a[-1].end)
        b = Location.of("b", pair.b, reversal.b[0].start, reversal.b[-1].end)
        return self.finding(
            f"phrase turned around: {_variant(a)} in A, {_variant(b)} in B",
            a,
            b,
            severity=Severity.WARNING,
            weight=_weight(Significance.REVERSAL, [*reversal.a, *reversal.b]),
        )


@register
class DivergentPhrasing(_PhrasingRule):
    """Linked sentences of A and B say something different.

    Two translations of one original differ in most of their words; what an
    editor must see is where the *meaning* parts. Each changed run of words
    inside a linked sentence pair whose meaning can differ is one finding.
    Warnings: a negation added or removed ("not", "never", "unshakable" /
    "shakable"); an idiom or antonym turned around ("increase" / "reduce";
    the table is ``REVERSED_PHRASES`` in ``linter.diffing``); a thing done
    on one side and possible, planned or under discussion on the other
    ("there are now" / "we are talking about establishing"); a run that
    replaces two or more content words of each side by words that do not
    render them, by word, stem or meaning (the word vectors of
    ``linter.meaning``): "visited a dairy farm" / "inspected a steel mill".
    Infos: a name, a time or a qualifier that one side adds or drops ("on
    Monday"). Synonyms, inflection, word order and a single word said
    otherwise are KZ121's, off by default. Clauses that A leaves out are
    KZ103/KZ104 and changed figures KZ130, so they are not repeated here.

    **Bad:** A "Both countries will increase tariffs" / B "Both countries will
    reduce tariffs".

    **Good:** A "we always support each other" / B "we always back one another"
    (a rewording: not reported unless KZ121 is switched on).
    """

    id = "KZ120"
    name = "divergent-phrasing"
    severity = Severity.WARNING
    also_emits = (Severity.INFO,)
    reports_meaning = True


@register
class Reworded(_PhrasingRule):
    """Linked sentences of A and B word the same content differently (off by default).

    Independent translations reword nearly every sentence: synonyms
    ("global" / "international"), inflection ("friend" / "friends"),
    function words, word order, a single content word said otherwise
    ("vital" / "core": whether that is a change of meaning is a matter of
    terms, which the glossary rule files judge), British and American
    spelling. None of that is a change of meaning an editor must act on, so
    these infos are not listed unless asked for (``--show-wording``, or
    ``enable = ["KZ121"]`` in the configuration); they help when A should be
    a copy-edit of B, where every changed word counts. Articles, case,
    punctuation, quotes and spelling variants are reported only when nothing
    else in the pair differs.

    **Bad:** (when A should copy B) A "issues of global importance" / B
    "issues of international importance".

    **Good:** A "issues of global importance" / B "issues of global importance".
    """

    id = "KZ121"
    name = "reworded"
    severity = Severity.INFO
    reports_meaning = False


def _changes_meaning(diff: PassageDiff, run: ChangeRun, grade: Significance) -> bool:
    """KZ120's runs: a turn of meaning, content replaced by other content, a name, time or qualifier changed."""
    return grade >= Significance.MODALITY or (
        grade is Significance.CONTENT and (_replaced(diff, run) or diff.holds_detail(run))
    )


def _replaced(diff: PassageDiff, run: ChangeRun) -> bool:
    """Whether the run replaces at least MOVED_WORDS content words of each side by words that do not render them."""
    a_missing, b_missing = diff.missing(run)
    return min(len({t.norm for t in a_missing}), len({t.norm for t in b_missing})) >= MOVED_WORDS


def _severity(grade: Significance, diff: PassageDiff, run: ChangeRun) -> Severity:
    """Warnings for what turns the meaning round, and for content replaced by other content on both sides."""
    if grade >= Significance.MODALITY or (grade is Significance.CONTENT and _replaced(diff, run)):
        return Severity.WARNING
    return Severity.INFO


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
