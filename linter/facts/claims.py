"""Claims: the figures and names each report states, each with the sentence that states it.

Several reports of one event word their facts differently, so a claim is read
apart from its wording: a figure reduced to a value, a kind, a unit and a
hedge by :mod:`linter.quantities`, a name read by :mod:`linter.names`. What
tells which claims of two reports speak of the same thing is the words around
each (what is measured, the period, the subject), kept as similarity keys in
its :class:`Context`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

import regex

from linter.model import Document, Location, ParagraphKind, Sentence
from linter.names import Name, Passage, document_names, identities
from linter.quantities import Qualifier, Quantity, extract_quantities
from linter.similarity import Keys, keys

# Where one clause of a sentence ends: "4,700" and "$14.5" do not end one.
_CLAUSE_BREAK = regex.compile(r"[;:()\[\]«»“”\"–—]|,(?!\d)|\s-\s")
# "BEIJING, July 3, 2024 /PRNewswire/ — ": where and when a report was filed, not what it reports.
_DATELINE = regex.compile(r"\p{Lu}{2,}[\p{Lu} .'’-]*,[^\n—–]{1,60}?\s(?:—|–|--)\s")
# A name a report repeats in this many sentences is what it is about.
_SUBJECT_SENTENCES = 3
_Key = tuple[str, ...]
# A site's own prose (its editorial lines) states facts as much as the text it quotes.
_STATED = frozenset({ParagraphKind.BODY, ParagraphKind.QUOTE, ParagraphKind.EDITORIAL})
# Spelled-out "one", "two", "both", "first", "second" are phrasing ("the two sides"), not facts.
_IDIOM_BELOW = 3


class ClaimKind(str, Enum):
    """What a claim states; claims of different kinds are never compared."""

    FIGURE = "figure"
    NAME = "name"


@dataclass(frozen=True, eq=False)
class Context:
    """The words around a claim, as similarity keys, without the claim's own words.

    ``clause`` is the part of the sentence between punctuation that holds the
    claim, where what it measures usually stands; ``subjects`` are the names
    in that clause (whom or what the claim is about). ``figures`` and
    ``names`` are the sentence's other figures and its other names that are
    claims: they anchor it to another report's sentence that states them too.
    """

    sentence: Keys
    clause: Keys
    subjects: tuple[Name, ...]
    figures: tuple[Quantity, ...]
    names: tuple[Name, ...]


@dataclass(frozen=True)
class Claim:
    """One figure or name a source states, where it states it, and how it reads once normalised.

    ``source`` is the index of the document in the run, and ``location.side``
    is that index as text. ``location.text`` is the claim's wording: the
    figure with its hedge ("exceeded the record of $41 billion"), or the name.
    ``value`` is the normalised figure ("USD 41,000,000,000") or the name.
    """

    source: int
    kind: ClaimKind
    location: Location
    sentence: Sentence
    value: str
    context: Context = field(compare=False, repr=False)
    qualifier: Qualifier = Qualifier.EXACT
    quantity: Quantity | None = None
    name: Name | None = None

    @property
    def reading(self) -> str:
        """The value as an editor compares it, hedge included: "more than USD 41,000,000,000"."""
        return self.value if self.qualifier is Qualifier.EXACT else f"{self.qualifier.value} {self.value}"


def extract_claims(docs: Sequence[Document]) -> list[Claim]:
    """The claims of every document, in document and text order.

    Only body, quoted and editorial prose states claims: headings and
    boilerplate (bylines, captions, site labels) state nothing a reader
    checks against another report.
    """
    names = [document_names(doc) for doc in docs]
    subjects = _not_claims(docs, names)
    claims: list[Claim] = []
    for source, doc in enumerate(docs):
        for paragraph in doc.paragraphs:
            if paragraph.kind in _STATED:
                for sentence in paragraph.sentences:
                    found = names[source][sentence.index]
                    stated = tuple(n for n in found if n.key not in subjects[source])
                    claims.extend(_sentence_claims(doc, source, sentence, found, stated))
    return claims


def _not_claims(docs: Sequence[Document], names: Sequence[Mapping[int, tuple[Name, ...]]]) -> list[frozenset[_Key]]:
    """For each document, the names it states no claim with: those it or the whole event is about.

    A name a report repeats in three sentences or more is its subject ("SCO"
    in a report on the summit), and so is a name every report mentions and
    one repeats ("China", "Xi Jinping", "Tokayev"): comparing their every
    mention would list every sentence. A name a report gives once or twice
    ("Dimash", "the Air Defense Forces") is a claim.
    """
    texts = [Passage(doc.text) for doc in docs]
    repeated = [_repeated(found) for found in names]
    every: set[_Key] = set()
    for found in repeated:
        every.update(key for key, name in found.items() if all(text.mentions(name) for text in texts))
    return [frozenset(found) | every for found in repeated]


def _repeated(names: dict[int, tuple[Name, ...]]) -> dict[_Key, Name]:
    """The names of one document that stand in ``_SUBJECT_SENTENCES`` sentences or more, in any of
    their forms ("Shanghai Cooperation Organization", "SCO")."""
    sentences: Counter[str] = Counter()
    for found in names.values():
        sentences.update({form for name in found for form in identities(name)})
    return {
        name.key: name
        for found in names.values()
        for name in found
        if max(sentences[form] for form in identities(name)) >= _SUBJECT_SENTENCES
    }


def _figures(sentence: Sentence, opens_paragraph: bool) -> list[Quantity]:
    """The sentence's figures that state facts: not idioms, not the dateline."""
    dateline = _DATELINE.match(sentence.text) if opens_paragraph else None
    filed = sentence.start + dateline.end() if dateline else sentence.start
    return [
        q
        for q in extract_quantities(sentence.text, sentence.start)
        if q.start >= filed and not (q.soft and q.value < _IDIOM_BELOW)
    ]


def _sentence_claims(
    doc: Document, source: int, sentence: Sentence, names: Sequence[Name], stated: tuple[Name, ...]
) -> Iterator[Claim]:
    """The sentence's figures and the names it states, each with the words around it."""
    figures = _figures(sentence, sentence.start == doc.paragraphs[sentence.paragraph].start)
    for figure in figures:
        others = tuple(f for f in figures if f is not figure)
        context = _context(sentence, (figure.start, figure.end), names, others, stated)
        location = Location.of(str(source), doc, figure.phrase_start, max(figure.end, figure.phrase_end))
        yield Claim(
            source, ClaimKind.FIGURE, location, sentence, figure.normalised, context, figure.qualifier, quantity=figure
        )
    for name in stated:
        context = _context(sentence, (name.start, name.end), [n for n in names if n is not name], figures, stated)
        location = Location.of(str(source), doc, name.start, name.end)
        yield Claim(source, ClaimKind.NAME, location, sentence, name.text, context, name=name)


def _context(
    sentence: Sentence,
    span: tuple[int, int],
    names: Sequence[Name],
    figures: Sequence[Quantity],
    stated: tuple[Name, ...],
) -> Context:
    """The keys of the sentence and of the claim's clause, with the claim's own words blanked out."""
    text = sentence.text
    lo, hi = span[0] - sentence.start, span[1] - sentence.start
    masked = text[:lo] + " " * (hi - lo) + text[hi:]
    clause_start, clause_end = _clause(masked, lo, hi)
    subjects = tuple(
        n for n in names if clause_start <= n.start - sentence.start and n.end - sentence.start <= clause_end
    )
    named = tuple(n for n in stated if n.start != span[0])
    return Context(keys(masked), keys(masked[clause_start:clause_end]), subjects, tuple(figures), named)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause around ``text[start:end]``, between breaks that lie outside it."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text) if not start <= m.start() < end]
    before = max((b + 1 for b in breaks if b < start), default=0)
    after = min((b for b in breaks if b >= end), default=len(text))
    return before, after
