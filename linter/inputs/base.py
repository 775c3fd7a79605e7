"""The interface every format reader shares: the text it extracts and where each piece of it stands."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from linter.errors import InputError
from linter.model import OffsetMap, ParagraphKind, SourceMap

# Between two paragraphs of an extracted text: a blank line, as segmentation expects.
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Source:
    """An input's text as kzlint compares it, and where its offsets lie in the original.

    ``origin`` maps the normalised text to the text as read (see
    :func:`linter.inputs.text.normalise`), ``places`` maps that text to the
    original page or document (``None`` for a text file, whose lines and
    columns are its own). ``name`` is the input as given when it is not a
    path: an address or ``-``.
    """

    text: str
    origin: OffsetMap
    encoding: str
    format: str = "text"
    places: SourceMap | None = None
    path: Path = Path("-")
    name: str | None = None
    kinds: tuple[tuple[int, ParagraphKind], ...] = ()


@dataclass(frozen=True)
class Extracted:
    """What a reader gives: the text, the map back to the original (``None``: the text is the file's own), the format.

    ``kinds`` are what the original says some paragraphs are (a heading by its
    tag or style, a block quote), by the offset where each starts in ``text``:
    segmentation takes them over its own guesses from the wording.
    """

    text: str
    places: SourceMap | None
    format: str
    encoding: str = "utf-8"
    kinds: tuple[tuple[int, ParagraphKind], ...] = ()


@dataclass
class TextBuilder:
    """Builds an extracted text piece by piece, recording where each piece stands in the original."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    starts: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    kinds: list[tuple[int, ParagraphKind]] = field(default_factory=list)

    def add(self, text: str, label: str, line: int, column: int) -> None:
        """``text`` stands from ``line``, ``column`` on (column 0: a place without columns)."""
        if not text:
            return
        self.starts.append(self.length)
        self.labels.append(label)
        self.lines.append(line)
        self.columns.append(column)
        self.pieces.append(text)
        self.length += len(text)

    def join(self, text: str) -> None:
        """Text that stands nowhere in the original (a space between lines, a paragraph break): the last place's."""
        self.pieces.append(text)
        self.length += len(text)

    def add_paragraph(self, text: str, label: str, number: int, kind: ParagraphKind | None = None) -> None:
        """A document's paragraph on its own; leading white space is left out, and its character count starts at it."""
        stripped = text.strip()
        if stripped:
            self.start_paragraph(kind)
            self.add(stripped, label, number, len(text) - len(text.lstrip()) + 1)

    def start_paragraph(self, kind: ParagraphKind | None = None) -> None:
        """End the paragraph before, if any; ``kind``: what the original says the next one is."""
        if self.length:
            self.join(PARAGRAPH_BREAK)
        if kind is not None:
            self.kinds.append((self.length, kind))

    def build(self, format_name: str, encoding: str = "utf-8") -> Extracted:
        places = SourceMap(tuple(self.starts), tuple(self.labels), tuple(self.lines), tuple(self.columns))
        return Extracted("".join(self.pieces).rstrip("\n") + "\n", places, format_name, encoding, tuple(self.kinds))


def optional_library(module: str, label: str, what: str) -> ModuleType:
    """A library of the ``documents`` extra, or one line that says how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"{label}: reading {what} needs the documents extra: pip install 'kzlint[documents]'") from None
