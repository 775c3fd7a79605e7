"""Word documents (.docx): paragraphs, headings, quotes, tables and footnotes, as the document would print.

python-docx opens the package; the text is read from its XML, paragraph by
paragraph in document order, table cells and content controls included,
because python-docx's own ``Paragraph.text`` skips the runs of a tracked
insertion. Tracked changes are read in the accepted view, the one the
document prints once its changes are accepted: insertions and moves to a
place are read, deletions and moves away are not. An editor reviews the
text as it will be published, not its history.

Headings are told by their styles (Title, Subtitle, Heading n) or outline
level, quotes by a quote style (Quote, Intense Quote); other paragraphs'
kinds are guessed from their wording, as in a text file.

A paragraph's locator is its number among all the paragraphs of the body
(empty ones too, as Word counts them) and the character in it:
``¶12:40``. Footnotes come after the body, numbered as Word numbers them:
``note 2 ¶1:5``.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

from linter.errors import InputError
from linter.inputs.archive import open_archive
from linter.inputs.base import Extracted, TextBuilder, optional_library
from linter.model import ParagraphKind

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH = f"{_W}p"
# Text of a paragraph as printed: runs, tabs and breaks, wherever they stand in insertions or hyperlinks.
_CHARACTERS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": " ", f"{_W}cr": " ", f"{_W}noBreakHyphen": "-"}
# What the accepted view leaves out: deleted and moved-away runs, and a text box's paragraphs, read on their own.
_LEFT_OUT = frozenset({f"{_W}del", f"{_W}moveFrom", _PARAGRAPH})
_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def read_word(data: bytes, label: str, max_file_mb: float) -> Extracted:
    """The document's text in reading order, each paragraph mapped to ``¶number:character``."""
    open_archive(data, label, "Word document", max_file_mb)
    docx = optional_library("docx", label, "Word documents")
    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml and package errors alike
        raise InputError(f"{label}: not a readable Word document ({type(exc).__name__}: {exc})") from None
    builder = TextBuilder()
    styles = {style.style_id: style.name or "" for style in document.styles}
    for number, paragraph in enumerate(document.element.body.iter(_PARAGRAPH), 1):
        builder.add_paragraph(paragraph_text(paragraph), "¶", number, _styled_kind(paragraph, styles))
    for note, paragraphs in _footnotes(document):
        for number, paragraph in enumerate(paragraphs, 1):
            builder.add_paragraph(paragraph_text(paragraph), f"note {note} ¶", number)
    if not builder.length:
        raise InputError(f"{label}: has no text")
    return builder.build("docx")


def _styled_kind(paragraph, styles: dict[str, str]) -> ParagraphKind | None:
    """A heading by its style (Title, Subtitle, Heading n) or outline level; a quote by a quote style."""
    properties = paragraph.find(f"{_W}pPr")
    if properties is None:
        return None
    if properties.find(f"{_W}outlineLvl") is not None:
        return ParagraphKind.HEADING
    style = properties.find(f"{_W}pStyle")
    name = styles.get(style.get(f"{_W}val", ""), "") if style is not None else ""
    if name in ("Title", "Subtitle") or name.startswith("Heading"):
        return ParagraphKind.HEADING
    return ParagraphKind.QUOTE if "Quote" in name else None


def paragraph_text(paragraph) -> str:
    """A paragraph's text in the accepted view (see the module's documentation)."""
    return "".join(_characters(paragraph))


def _characters(element) -> Iterator[str]:
    for child in element:
        if child.tag in _LEFT_OUT:
            continue
        if child.tag in _CHARACTERS:
            yield _CHARACTERS[child.tag] or (child.text or "")
        else:
            yield from _characters(child)



def _footnotes(document) -> Iterator[tuple[str, list]]:
    """Each footnote's number and paragraphs, in the order of the footnotes part (Word's separators left out)."""
    from docx.oxml.parser import parse_xml

    for relation in document.part.rels.values():
        if relation.reltype != _FOOTNOTES:
            continue
        root = parse_xml(relation.target_part.blob)
        for note in root.iter(f"{_W}footnote"):
            if note.get(f"{_W}type") not in _SEPARATORS:
                yield note.get(f"{_W}id", "?"), list(note.iter(_PARAGRAPH))
