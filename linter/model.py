"""The plain values that flow between kzlint's stages.

Every stage takes and returns these frozen dataclasses and named tuples, so
a stage can be tested alone and nothing downstream can change what an
upstream stage saw.
Offsets are code-point indices into ``Document.text``; lines and columns shown
to people are 1-based and computed on demand from those offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from functools import cached_property
from pathlib import Path
from typing import NamedTuple


class Severity(IntEnum):
    """How much a finding matters; ordered so that ``>=`` means "at least as bad"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (choose from {choices})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Category(str, Enum):
    """What kind of problem a finding reports; the JSON document uses these values."""

    OMISSION = "omission"
    ADDITION = "addition"
    DIVERGENCE = "divergence"
    NUMBER = "number"
    NAME = "name"
    TERMINOLOGY = "terminology"
    GRAMMAR = "grammar"
    SPELLING = "spelling"
    STYLE = "style"
    UNTRANSLATED = "untranslated"
    CUSTOM = "custom"

    @classmethod
    def parse(cls, name: str) -> Category:
        try:
            return cls(name.strip().lower())
        except ValueError:
            choices = ", ".join(c.value for c in cls)
            raise ValueError(f"unknown category {name!r} (choose from {choices})") from None


class ParagraphKind(str, Enum):
    """The role of a paragraph; only body and quote paragraphs carry the article's content."""

    BODY = "body"
    QUOTE = "quote"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"
    EDITORIAL = "editorial"

    @property
    def is_content(self) -> bool:
        return self in (ParagraphKind.BODY, ParagraphKind.QUOTE)


class Token(NamedTuple):
    """A word or number with its place in the document, and ``norm``, the form words are compared in.

    ``norm`` is the word in lower case with curly apostrophes made straight
    (see :func:`linter.segment.tokens`). A named tuple, not a dataclass: the
    word diffs of a book hold two million tokens, and tuples are built in C.
    """

    text: str
    start: int
    end: int
    norm: str


class Sentence(NamedTuple):
    """One sentence; ``index`` counts sentences across the whole document.

    A named tuple (see :class:`Location`): a book has 30,000 sentences a side.
    """

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    kind: ParagraphKind
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class OffsetMap:
    """Where offsets of the normalised text lie in the file's text.

    Normalising (NFC, zero-width characters dropped) can shorten the text, so
    a finding's offset is mapped back before its line and column are shown.
    ``starts[i]`` is a normalised offset from which on ``shifts[i]`` code
    points were dropped before it; a text that needed no change has no entry,
    and mapping it costs nothing.
    """

    starts: tuple[int, ...] = ()
    shifts: tuple[int, ...] = ()

    def original(self, offset: int) -> int:
        if not self.starts:
            return offset
        entry = bisect.bisect_right(self.starts, offset) - 1
        return offset + (self.shifts[entry] if entry >= 0 else 0)


@dataclass(frozen=True)
class SourceMap:
    """Where each character of a text read out of a page, a document or a PDF stands in the original.

    A reader extracts the text piece by piece; ``starts[i]`` is the offset in
    the extracted text where piece ``i`` begins, and the piece's characters
    stand one after another from ``lines[i]``, ``columns[i]`` on, in the place
    ``labels[i]`` names. What a line and a column are depends on the format:
    a line and column of a web page's source (label ``""``), a paragraph and
    character of a Word document (label ``"¶"``), a line of a PDF page, which
    has no columns (label ``"p. 3, l. "``, column 0). The locator shown to
    people is the label, the line, and the column if there is one:
    ``12:40``, ``¶12:40``, ``p. 3, l. 14``.
    """

    starts: tuple[int, ...]
    labels: tuple[str, ...]
    lines: tuple[int, ...]
    columns: tuple[int, ...]

    def place(self, offset: int) -> tuple[str, int, int]:
        """The label, line and column (0: none) of an offset into the extracted text."""
        piece = max(0, bisect.bisect_right(self.starts, offset) - 1)
        column = self.columns[piece]
        return self.labels[piece], self.lines[piece], column + offset - self.starts[piece] if column else 0

    def locator(self, offset: int) -> str:
        label, line, column = self.place(offset)
        return f"{label}{line}:{column}" if column else f"{label}{line}"

    @property
    def is_source_text(self) -> bool:
        """Whether lines and columns are the original's own, as a web page's source has them."""
        return not any(self.labels)


@dataclass(frozen=True)
class Document:
    """A loaded, segmented text.

    ``text`` is the file's text normalised for comparison (line ends ``\\n``,
    NFC, no zero-width characters; see :mod:`linter.inputs.text`); ``line_starts``
    are offsets in the file's own text and ``origin`` maps the one to the
    other, so lines and columns always point into the file as written.
    ``encoding`` is the one the file was decoded from.

    A text read out of a web page, a Word document or a PDF (its ``format``)
    also has ``places``, which map the extracted text to where it stands in
    the original: the locator of a finding (see :meth:`locator`). For a web
    page, lines and columns are those of its source; for a document they
    count in the extracted text. ``name`` is what the user gave when it is
    not a file's path: an address, or ``-`` for standard input.
    """

    path: Path
    text: str
    paragraphs: tuple[Paragraph, ...]
    line_starts: tuple[int, ...] = field(repr=False)
    origin: OffsetMap = field(default=OffsetMap(), repr=False)
    encoding: str = "utf-8"
    format: str = "text"
    places: SourceMap | None = field(default=None, repr=False)
    name: str | None = None

    @property
    def label(self) -> str:
        """The input as the user named it: a path, an address or ``-``."""
        return self.name or self.path.as_posix()

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence in reading order, so ``sentences[i].index == i``.

        Computed once: rules and reporters look sentences up by index thousands
        of times, and rebuilding the tuple on each call made them quadratic.
        """
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of an offset into ``text``; columns count code points."""
        offset = self.origin.original(offset)
        if self.places is not None and self.places.is_source_text:
            _, line, column = self.places.place(offset)
            return line, column
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def locator(self, offset: int, line: int, column: int) -> str:
        """Where an offset stands, for people: ``12:40`` in a text or a page's source, ``¶12:40``, ``p. 3, l. 14``.

        ``line`` and ``column`` are the offset's :meth:`position`, which the caller has already computed.
        """
        if self.places is None or self.places.is_source_text:
            return f"{line}:{column}"
        return self.places.locator(self.origin.original(offset))

    def paragraph_at(self, offset: int) -> Paragraph:
        starts = self._paragraph_starts
        return self.paragraphs[max(0, bisect.bisect_right(starts, offset) - 1)]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        """Computed once: rules locate thousands of findings in a book-length text."""
        return [p.start for p in self.paragraphs]


@dataclass(frozen=True)
class SentenceLink:
    """Sentences of A and B (document-wide sentence indices) that render the same content."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class AlignedGroup:
    """Paragraphs of A and B (indices) that render the same content, N:M."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    sentences: tuple[SentenceLink, ...]


@dataclass(frozen=True)
class Alignment:
    """Groups in the order of B (the fuller rendering); paragraphs in no group are unaligned."""

    groups: tuple[AlignedGroup, ...]
    unaligned_a: tuple[int, ...]
    unaligned_b: tuple[int, ...]


class Location(NamedTuple):
    """Where a finding points, on one side: ``side`` is "a" or "b".

    A named tuple, like :class:`Finding`: a book's run makes a hundred
    thousand findings and twice as many locations, and tuples are built,
    hashed and pickled in C.
    """

    side: str
    paragraph: int
    start: int
    end: int
    line: int
    column: int
    text: str
    locator: str = ""

    @classmethod
    def of(cls, side: str, doc: Document, start: int, end: int) -> Location:
        line, column = doc.position(start)
        locator = doc.locator(start, line, column)
        return cls(side, doc.paragraph_at(start).index, start, end, line, column, doc.text[start:end], locator)

    def cited(self, path: str) -> str:
        """The place as a report shows it: ``file.txt:12:40``, ``page.html:12:40``, ``file.docx ¶12:40``."""
        locator = self.locator or f"{self.line}:{self.column}"
        return f"{path}:{locator}" if locator[0].isdigit() else f"{path} {locator}"


class Finding(NamedTuple):
    """One problem, from any rule: built-in, grammar backend or rule file.

    ``weight`` orders findings of equal severity (higher first), so that, for
    example, a changed term is listed before a changed article. A named
    tuple (see :class:`Location`).
    """

    rule: str
    category: Category
    severity: Severity
    message: str
    locations: tuple[Location, ...]
    suggestion: str | None = None
    weight: float = 0.0

    def at(self, side: str) -> Location | None:
        return next((loc for loc in self.locations if loc.side == side), None)

    @property
    def sort_key(self) -> tuple[int, float, str, int, str, str]:
        """Worst first, then by weight, then by place, rule and message: the order of a report."""
        first = self.locations[0] if self.locations else None
        side, start = (first.side, first.start) if first else ("", 0)
        return (-self.severity, -self.weight, side, start, self.rule, self.message)
