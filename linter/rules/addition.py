"""What A says and B does not (KZ110)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Document, Finding, Location, Paragraph, ParagraphKind, Sentence, Severity
from linter.rules.base import Comparison, PairRule
from linter.rules.omission import opening, shown
from linter.rules.registry import register


@register
class AddedContent(PairRule):
    """A content paragraph or sentence of A has no counterpart in B.

    A rendering that says more than its source puts words in the author's
    mouth: a sentence added to a translation, or a "quote" that the quoted
    text does not contain. Unaligned content paragraphs of A are reported,
    and so are the sentences of aligned paragraphs that no sentence of B
    matches. Headings, bylines, captions and an editor's own lines between
    quotes are the rendering's own and never reported.

    **Bad:** A «We trade more. We will build a new airport in every city.» /
    B "We trade more." (the second quoted sentence is nowhere in B).

    **Good:** A «We trade more.» / B "We trade more."
    """

    id = "KZ110"
    name = "added-content"
    category = Category.ADDITION
    severity = Severity.WARNING

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        for index in sorted(pair.alignment.unaligned_a):
            paragraph = pair.a.paragraphs[index]
            if paragraph.kind.is_content:
                yield self._paragraph_finding(pair.a, paragraph)
        for group in pair.alignment.groups:
            linked = {i for link in group.sentences for i in link.a}
            for index in group.a:
                paragraph = pair.a.paragraphs[index]
                if paragraph.kind.is_content:
                    for sentence in paragraph.sentences:
                        if sentence.index not in linked:
                            yield self._sentence_finding(pair.a, sentence)

    def _paragraph_finding(self, doc: Document, paragraph: Paragraph) -> Finding:
        location = opening("a", doc, paragraph)
        what = "quote of A not found in B" if paragraph.kind is ParagraphKind.QUOTE else "paragraph of A not in B"
        return self.finding(f'{what}: "{shown(location.text)}"', location)

    def _sentence_finding(self, doc: Document, sentence: Sentence) -> Finding:
        location = Location.of("a", doc, sentence.start, sentence.end)
        return self.finding(f'sentence of A not in B: "{shown(sentence.text)}"', location)
