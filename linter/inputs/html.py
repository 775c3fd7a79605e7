"""Web pages: the article's main text, found by trafilatura, with each character's line and column in the page's source.

trafilatura, made for news pages, drops navigation, ads, scripts, cookie
banners and related-article lists, and keeps headings, paragraphs, block
quotes, list items and table cells, each read here as a paragraph. It says
what the text is, not where it stands, so the page's visible text is also
read with the standard library's HTML parser, which knows the line and
column of every piece, and each extracted paragraph is found in it: a
finding then points at the place in the page's source where an editor can
find its text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from html.entities import html5, name2codepoint
from html.parser import HTMLParser

from linter.errors import InputError
from linter.inputs.base import Extracted, TextBuilder, optional_library
from linter.inputs.text import decode
from linter.model import ParagraphKind

_BLOCKS = frozenset({"head", "p", "item", "cell"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
# How many shown characters of a paragraph are tried when the whole is not found (trafilatura changed it).
_PROBE = 20
_SPACE = re.compile(r"\s+")


def read_page(data: bytes, label: str, encoding: str | None) -> Extracted:
    """The main text of a page, a paragraph per block, each piece mapped to its line and column in the source."""
    markup, used = decode(data, label, encoding)
    paragraphs = _main_text(markup, label)
    visible = VisibleText(markup)
    builder = TextBuilder()
    cursor = 0
    for paragraph, kind in paragraphs:
        builder.start_paragraph(kind)
        offsets, cursor = visible.locate(paragraph, cursor)
        _add_mapped(builder, paragraph, offsets, visible)
    return builder.build("html", used)


def _main_text(markup: str, label: str) -> list[tuple[str, ParagraphKind | None]]:
    """The page's article as trafilatura finds it: a paragraph per block, white space collapsed, headings and quotes marked."""
    trafilatura = optional_library("trafilatura", label, "web pages")
    from lxml import etree

    found = trafilatura.extract(markup, output_format="xml", include_comments=False, include_tables=True)
    if not found:
        raise InputError(f"{label}: no article text found in the page")
    root = etree.fromstring(found.encode("utf-8"))
    paragraphs = []
    for element in root.iter(*_BLOCKS):
        if any(inner is not element for inner in element.iter(*_BLOCKS)):
            continue  # a block holding blocks: its inner blocks are read on their own
        text = _SPACE.sub(" ", "".join(element.itertext())).strip()
        if text:
            paragraphs.append((text, _marked_kind(element)))
    if not paragraphs:
        raise InputError(f"{label}: no article text found in the page")
    return paragraphs


def _marked_kind(element) -> ParagraphKind | None:
    """A heading (``h1``–``h6``) or a paragraph of a block quote, as trafilatura marks them."""
    if element.tag == "head":
        return ParagraphKind.HEADING
    return ParagraphKind.QUOTE if any(parent.tag == "quote" for parent in element.iterancestors()) else None


def _add_mapped(builder: TextBuilder, paragraph: str, offsets: list[int], visible: VisibleText) -> None:
    """Add ``paragraph`` in runs of characters that stand side by side on one line of the source."""
    run_start = 0
    for index in range(1, len(paragraph) + 1):
        if index == len(paragraph) or not visible.adjacent(offsets[index - 1], offsets[index]):
            builder.add(paragraph[run_start:index], "", *visible.place(offsets[run_start]))
            run_start = index


class VisibleText(HTMLParser):
    """The letters, digits and marks a browser shows of a page, each with its offset in the source.

    Each is kept as its key (see :func:`_key`), and a paragraph is found by
    its keys, so that what trafilatura changes (white space, invisible
    characters, composed letters) does not hide it.
    """

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self.markup = markup
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", markup))]
        self._chars: list[str] = []
        self.offsets: list[int] = []
        self._hidden = 0
        self.feed(markup)
        self.close()
        self.text = "".join(self._chars)

    def locate(self, paragraph: str, cursor: int) -> tuple[list[int], int]:
        """The source offset of each character of ``paragraph``, found from ``cursor`` on, and the new cursor.

        A character left out of the visible text (a space) stands after the
        one before it. A paragraph not found (trafilatura changed its text)
        is placed where the search stood, its first shown characters tried
        first.
        """
        keys = [_key(char) for char in paragraph]
        shown = [index for index, key in enumerate(keys) if key]
        key = "".join(keys[index] for index in shown)
        found, matched = self._find(key, cursor), len(key)
        if found < 0:
            found, matched = self._find(key[:_PROBE], cursor), min(len(key), _PROBE)
        if found < 0 or not self.offsets:
            start = self.offsets[min(cursor, len(self.offsets) - 1)] if self.offsets else 0
            return [start + index for index in range(len(paragraph))], cursor
        offsets: list[int] = []
        last_index, last_offset, next_shown = 0, self.offsets[found], 0
        for index in range(len(paragraph)):
            if next_shown < matched and shown[next_shown] == index:
                last_index, last_offset = index, self.offsets[found + next_shown]
                next_shown += 1
            offsets.append(last_offset + index - last_index)
        return offsets, found + matched

    def _find(self, key: str, cursor: int) -> int:
        found = self.text.find(key, cursor)
        return found if found >= 0 or not key else self.text.find(key)

    def adjacent(self, before: int, after: int) -> bool:
        """Whether two source offsets are neighbours on one line."""
        return after == before + 1 and before < len(self.markup) and self.markup[before] != "\n"

    def place(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a source offset."""
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _append(self, text: str, offset: int, step: int = 1) -> None:
        if self._hidden:
            return
        for position, char in enumerate(text):
            key = _key(char)
            if key:
                self._chars.append(key)
                self.offsets.append(offset + position * step)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        self._append(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        char = chr(name2codepoint[name]) if name in name2codepoint else html5.get(name + ";", f"&{name}")
        self._append(char, self._offset(), step=0)

    def handle_charref(self, name: str) -> None:
        try:
            char = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            char = "\ufffd"
        self._append(char, self._offset(), step=0)


def _key(char: str) -> str:
    """What a character is compared by: its base letter (so "é" matches "e" and a combining accent), or nothing.

    White space, invisible format characters and combining marks are
    nothing: trafilatura collapses white space, drops zero-width characters
    and may compose letters the page's source writes decomposed.
    """
    if char.isascii():
        return "" if char.isspace() else char
    base = unicodedata.normalize("NFD", char)[0]
    return "" if base.isspace() or unicodedata.category(base) in ("Cf", "Mn") else base
