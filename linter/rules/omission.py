"""What A leaves out of B: paragraphs (KZ101), sentences (KZ102), clauses (KZ103) and quote endings (KZ104).

An excerpt rendering, one that quotes B with the editor's own lines between
the quotes, leaves out most of B by design: there, what lies outside the
quoted passages is reported as "not quoted" (info), and only what a quote
skips in its middle or cuts off at its end is a warning. In a full rendering
everything B says and A does not is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.diffing import ChangeRun, PassageDiff
from linter.model import Category, Document, Finding, Location, Paragraph, ParagraphKind, Sentence, Severity
from linter.rules.base import Comparison, LinkedPassage, PairRule
from linter.rules.registry import register

_EXCERPT_KINDS = (ParagraphKind.QUOTE, ParagraphKind.EDITORIAL)
_CLOSING_QUOTE = re.compile(r"[»”\"]\W*$")
_SHOWN_CHARACTERS = 80
_QUOTE_ENDING_SHOWN = 40
# A continuation of B that names the speaker within its first words is an attribution.
_REPORTING_VERBS = frozenset(
    ["said", "says", "told", "added", "wrote", "writes", "stated", "noted", "stressed", "emphasized", "emphasised"]
)
_ATTRIBUTION_REACH = 3
_PAIRED = {"(": ")", "[": "]", "«": "»", "“": "”"}
_OPENER_OF = {closer: opener for opener, closer in _PAIRED.items()}


def is_excerpt_rendering(doc: Document) -> bool:
    """Whether ``doc`` quotes its source (quote or editorial paragraphs) rather than renders all of it."""
    return any(p.kind in _EXCERPT_KINDS for p in doc.paragraphs)


def shown(text: str) -> str:
    """A passage as a message quotes it: on one line, long ones cut with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_CHARACTERS else flat[: _SHOWN_CHARACTERS - 1].rstrip() + "…"


def run_location(side: str, doc: Document, diff_run: ChangeRun) -> Location:
    """Where a changed run sits on one side; an empty side is the gap where the other side's words would go.

    An opening bracket or quotation mark just before the run is taken in when
    the run holds its closing one, and a closing one just after it when the
    run holds the opening one, so that "(TITR)" is shown whole.
    """
    span = diff_run.span
    start, end = (span.a_start, span.a_end) if side == "a" else (span.b_start, span.b_end)
    text = doc.text
    if start < end:
        if start > 0 and text[start - 1] in _PAIRED and _PAIRED[text[start - 1]] in text[start:end]:
            start -= 1
        if end < len(text) and text[end] in _OPENER_OF and _OPENER_OF[text[end]] in text[start:end]:
            end += 1
    return Location.of(side, doc, start, end)


@dataclass(frozen=True)
class Truncation:
    """A quote of A closed early: the offset of its closing mark and B's words after it."""

    mark: int
    rest: ChangeRun


def truncation(passage: LinkedPassage, diff: PassageDiff) -> Truncation | None:
    """Where A closes a quote while the linked sentence of B goes on with more content, if it does."""
    closing = _CLOSING_QUOTE.search(passage.a[-1].text) if passage.a else None
    if closing is None:
        return None
    rest = next((run for run in diff.runs if diff.is_tail(run) and diff.is_dropped(run)), None)
    if rest is None or _is_attribution(rest):
        return None
    return Truncation(passage.a[-1].start + closing.start(), rest)


def _is_attribution(rest: ChangeRun) -> bool:
    """B goes on with who said it ("..., said the minister"), not with more of what was said."""
    return any(token.norm in _REPORTING_VERBS for token in rest.b[:_ATTRIBUTION_REACH])


def opening(side: str, doc: Document, paragraph: Paragraph) -> Location:
    """A paragraph's place: its start, with its first sentence as the text shown."""
    end = paragraph.sentences[0].end if paragraph.sentences else paragraph.end
    return Location.of(side, doc, paragraph.start, end)


@register
class DroppedParagraph(PairRule):
    """A content paragraph of B has no counterpart in A.

    A paragraph missing from a translation or a republished article is the
    largest omission there is and the easiest to overlook, since what is
    left still reads well. For an excerpt rendering (A quotes B between its
    own lines) the paragraphs it does not quote are listed as "not quoted",
    at info, so that the editor sees what the excerpts leave out. Headings,
    bylines and captions are never reported.

    **Bad:** B has three paragraphs; A renders the first and the third and
    nothing of the second.

    **Good:** every content paragraph of B is rendered somewhere in A, in
    whatever order.
    """

    id = "KZ101"
    name = "dropped-paragraph"
    category = Category.OMISSION
    severity = Severity.WARNING
    also_emits = (Severity.INFO,)

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        excerpt = is_excerpt_rendering(pair.a)
        for index in sorted(pair.alignment.unaligned_b):
            paragraph = pair.b.paragraphs[index]
            if not paragraph.kind.is_content:
                continue
            location = opening("b", pair.b, paragraph)
            if excerpt:
                yield self.finding(
                    f'paragraph of B not quoted in A: "{shown(location.text)}"', location, severity=Severity.INFO
                )
            else:
                yield self.finding(f'paragraph of B dropped in A: "{shown(location.text)}"', location)


@register
class DroppedSentence(PairRule):
    """A sentence of an aligned paragraph of B has no counterpart in A.

    Inside paragraphs that otherwise match, a sentence that one rendering
    skips is easy to miss. In an excerpt rendering a quote usually starts
    and ends somewhere inside B's paragraph: the sentences before the first
    and after the last quoted one are "not quoted" (info); a sentence the
    quote skips between two quoted ones is a warning, since the quote
    presents as continuous what is not.

    **Bad:** A «We stand together. We trade more.» / B "We stand together.
    Our peoples are friends. We trade more." (the middle sentence is skipped).

    **Good:** A «We stand together. Our peoples are friends. We trade more.»
    """

    id = "KZ102"
    name = "dropped-sentence"
    category = Category.OMISSION
    severity = Severity.WARNING
    also_emits = (Severity.INFO,)

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        excerpt = is_excerpt_rendering(pair.a)
        for group in pair.alignment.groups:
            linked = sorted(i for link in group.sentences for i in link.b)
            for index in group.b:
                paragraph = pair.b.paragraphs[index]
                if paragraph.kind.is_content:
                    for sentence in paragraph.sentences:
                        if sentence.index not in linked:
                            yield self._finding(pair.b, sentence, linked, excerpt)

    def _finding(self, doc: Document, sentence: Sentence, linked: list[int], excerpt: bool) -> Finding:
        location = Location.of("b", doc, sentence.start, sentence.end)
        text = shown(sentence.text)
        inside = bool(linked) and linked[0] < sentence.index < linked[-1]
        if not excerpt:
            return self.finding(f'sentence of B dropped in A: "{text}"', location)
        if inside:
            return self.finding(f'sentence of B skipped inside a quote of A: "{text}"', location)
        return self.finding(f'sentence of B not quoted in A: "{text}"', location, severity=Severity.INFO)


@register
class DroppedClause(PairRule):
    """A clause of B is left out of the linked sentence of A.

    Translations shorten: a clause with its own facts ("in order to improve
    the network of transport connectivity") can vanish while the sentence
    around it still matches. Reported are runs of B with at least four words
    and two content words that A's sentence does not render; a run that A
    words differently (a run of similar weight in its place) is a divergence
    (KZ120), and one whose words A's paragraph says elsewhere is a move, not
    an omission. A quote cut short at its end is KZ104.

    **Bad:** A "China is a firm supporter of Kazakhstan's independence." /
    B "China supports Kazakhstan's efforts to protect national independence."

    **Good:** A "China supports Kazakhstan's efforts to protect its independence."
    """

    id = "KZ103"
    name = "dropped-clause"
    category = Category.OMISSION
    severity = Severity.WARNING
    reads_word_diffs = True

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        for passage, diff in pair.linked_diffs:
            cut = truncation(passage, diff)
            for diff_run in diff.runs:
                if (cut is None or diff_run is not cut.rest) and diff.is_dropped(diff_run):
                    yield self._finding(pair, diff_run)

    def _finding(self, pair: Comparison, diff_run: ChangeRun) -> Finding:
        a, b = run_location("a", pair.a, diff_run), run_location("b", pair.b, diff_run)
        instead = f' (A has only "{shown(a.text)}")' if a.text else ""
        return self.finding(f'clause of B left out in A: "{shown(b.text)}"{instead}', a, b)


@register
class TruncatedQuote(PairRule):
    """A quote of A ends where the linked sentence of B goes on.

    A closing quotation mark tells the reader that the quoted person's
    sentence is complete. When the source sentence continues with more
    content ("... the Trans-Caspian International Transport Route (TITR) in
    order to improve an extensive network of transport connectivity"), the
    quote has been cut, and the cut part may change what the quoted part
    means. The check reads the word alignment of the last linked sentence
    pair of each quote.

    **Bad:** A «...and promote the construction of the Trans-Caspian
    International Route.» / B "...and the construction of the Trans-Caspian
    International Transport Route in order to improve an extensive and highly
    efficient network of transport connectivity."

    **Good:** A «...the Trans-Caspian International Transport Route, to build an
    extensive and efficient transport network.»
    """

    id = "KZ104"
    name = "truncated-quote"
    category = Category.OMISSION
    severity = Severity.WARNING
    reads_word_diffs = True

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        for passage, diff in pair.linked_diffs:
            cut = truncation(passage, diff)
            if cut is not None:
                yield self._finding(pair, passage.a[-1], cut)

    def _finding(self, pair: Comparison, last: Sentence, cut: Truncation) -> Finding:
        begin = max(last.start, cut.mark - _QUOTE_ENDING_SHOWN)
        if begin > last.start:
            begin = pair.a.text.find(" ", begin, cut.mark) + 1 or begin
        ending = ("…" if begin > last.start else "") + pair.a.text[begin : cut.mark + 1]
        a = Location.of("a", pair.a, cut.mark, cut.mark + 1)
        b = run_location("b", pair.b, cut.rest)
        return self.finding(f'quote ends at "{ending}" but B goes on: "{shown(b.text)}"', a, b)
