"""OpenDocument text (.odt): headings, paragraphs, lists, tables and notes, as the document would print.

An .odt is a ZIP archive whose ``content.xml`` holds the text. It is read
with lxml (which reading web pages brings) with entities and network access
off, rather than with odfpy, whose last release dates from 2020. Paragraphs
and headings are read in document order, list items and table cells
included. Tracked changes are read in the accepted view, as in Word
documents: inserted text stands inline and is read, deleted text is kept
apart in a ``text:tracked-changes`` block, which is not. Notes are read
after the body.

Locators are as in Word documents: ``¶12:40`` (paragraphs and headings of
the body counted from 1, empty ones too), ``note 2 ¶1:5`` for notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.errors import InputError
from linter.inputs.archive import open_archive
from linter.inputs.base import Extracted, TextBuilder, optional_library
from linter.model import ParagraphKind

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = (f"{_TEXT}p", f"{_TEXT}h")
_SPACE, _TAB, _LINE_BREAK = f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"
_NOTE, _NOTE_BODY, _CHANGES = f"{_TEXT}note", f"{_TEXT}note-body", f"{_TEXT}tracked-changes"
_NOT_INLINE = frozenset({_NOTE, _CHANGES, *_PARAGRAPHS})
# A run of spaces is one element with a count; a forged count of billions must not fill the memory.
_MOST_SPACES = 1_000


def read_opendocument(data: bytes, label: str, max_file_mb: float) -> Extracted:
    """The document's text in reading order, each paragraph mapped to ``¶number:character``."""
    archive = open_archive(data, label, "OpenDocument text", max_file_mb)
    etree = optional_library("lxml.etree", label, "OpenDocument texts")
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(archive.read("content.xml"), parser)
    except (KeyError, etree.XMLSyntaxError, OSError, ValueError) as exc:
        raise InputError(f"{label}: not a readable OpenDocument text ({type(exc).__name__}: {exc})") from None
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise InputError(f"{label}: not an OpenDocument text (no text body)")
    builder = TextBuilder()
    for number, paragraph in enumerate(_body_paragraphs(body), 1):
        builder.add_paragraph(paragraph_text(paragraph), "¶", number, _marked_kind(paragraph))
    for note_number, note in enumerate(body.iter(_NOTE_BODY), 1):
        for number, paragraph in enumerate(note.iter(*_PARAGRAPHS), 1):
            builder.add_paragraph(paragraph_text(paragraph), f"note {note_number} ¶", number)
    if not builder.length:
        raise InputError(f"{label}: has no text")
    return builder.build("odt")


def _body_paragraphs(body) -> Iterator:
    """Paragraphs and headings of the body in document order; deleted text and notes are not the body's."""
    for paragraph in body.iter(*_PARAGRAPHS):
        if not any(ancestor.tag in (_NOTE_BODY, _CHANGES) for ancestor in paragraph.iterancestors()):
            yield paragraph


def _marked_kind(paragraph) -> ParagraphKind | None:
    """A heading by its element (``text:h``), a quote by LibreOffice's quotation styles."""
    if paragraph.tag == f"{_TEXT}h":
        return ParagraphKind.HEADING
    return ParagraphKind.QUOTE if "Quot" in (paragraph.get(f"{_TEXT}style-name") or "") else None


def paragraph_text(paragraph) -> str:
    """A paragraph's own text: spaces, tabs and line breaks as printed, notes and nested frames left to themselves."""
    return "".join(_characters(paragraph))


def _characters(element) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        if child.tag == _SPACE:
            count = child.get(f"{_TEXT}c", "1")
            yield " " * min(int(count), _MOST_SPACES) if count.isdigit() else " "
        elif child.tag == _TAB:
            yield "\t"
        elif child.tag == _LINE_BREAK:
            yield " "
        elif child.tag not in _NOT_INLINE:
            yield from _characters(child)
        yield child.tail or ""
