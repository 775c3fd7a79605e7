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
from bisect import bisect_right
from html.entities import html5, name2codepoint
from html.parser import HTMLParser

from linter.errors import InputError
from linter.inputs.base import Extracted, TextBuilder, optional_library
from linter.inputs.text import decode
from linter.model import ParagraphKind

_BLOCKS = frozenset({"head", "p", "item", "cell"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
# Tags that do not break a line of text; any other tag stands between two words.
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong sub sup time u var wbr".split()
)
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
        found = visible.text.find(paragraph, cursor)
        if found < 0:
            found = visible.text.find(paragraph)
        if found < 0:
            builder.add(paragraph, "", *visible.place(cursor))
            continue
        _add_mapped(builder, paragraph, visible, found)
        cursor = found + len(paragraph)
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


def _add_mapped(builder: TextBuilder, paragraph: str, visible: VisibleText, found: int) -> None:
    """Add ``paragraph`` (found at ``found`` in the visible text) in runs that stand side by side in the source."""
    run_start = 0
    for index in range(1, len(paragraph) + 1):
        if index == len(paragraph) or visible.offsets[found + index] != visible.offsets[found + index - 1] + 1:
            builder.add(paragraph[run_start:index], "", *visible.place(found + run_start))
            run_start = index


class VisibleText(HTMLParser):
    """The text a browser shows of a page, white space collapsed, with each character's offset in the source."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", markup))]
        self._chars: list[str] = []
        self.offsets: list[int] = []
        self._hidden = 0
        self.feed(markup)
        self.close()
        self.text = "".join(self._chars)

    def place(self, index: int) -> tuple[int, int]:
        """The 1-based line and column in the source of the visible text's character ``index``."""
        offset = self.offsets[min(index, len(self.offsets) - 1)] if self.offsets else 0
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _append(self, text: str, offset: int, step: int = 1) -> None:
        if self._hidden:
            return
        for position, char in enumerate(text):
            if char.isspace():
                if not self._chars or self._chars[-1] == " ":
                    continue
                char = " "
            self._chars.append(char)
            self.offsets.append(offset + position * step)

    def _break(self) -> None:
        self._append(" ", self._offset())

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag not in _INLINE:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag not in _INLINE:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag not in _INLINE:
            self._break()

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
