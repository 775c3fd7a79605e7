"""PDF with a text layer: text in reading order, hyphenation joined, running headers, footers and page numbers dropped.

pdfminer.six lays each page out into text boxes (a paragraph, a heading, a
header line) in reading order, and each box into lines. A box's lines are
joined into one paragraph; a word hyphenated at a line's end is joined
again ("cooper-" and "ation" read "cooperation"). A paragraph a page break
cuts in two is joined too. Running headers and footers are the first or
last lines of a page that recur, digits aside, on most pages; page numbers
are lines of a number alone ("7", "Page 7", "7 of 12", "- 7 -"). Both are
dropped. A PDF of scanned images has no text to read and is refused.

A locator is a page and a line, counted from the top of the page:
``p. 3, l. 14`` (a PDF's lines have no columns an editor could count).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

from linter.errors import InputError
from linter.inputs.base import Extracted, TextBuilder, optional_library

_PAGE_NUMBER = re.compile(r"(?i)(?:page\s+)?[-–—\s]*\d+[-–—\s]*(?:(?:of|/)\s*\d+)?")
_DIGITS = re.compile(r"\d+")
# A full stop, question or exclamation mark or a colon (which often opens a list or a quotation), maybe
# inside closing quotes or brackets; a comma or semicolon at the foot of a page goes on with the next.
_SENTENCE_END = re.compile(r"[.!?…:][»”\"’')\]]*$")


# A line this close to the widest line of its page runs to the margin, as the lines of justified text
# do, all but a paragraph's last.
_FULL_WIDTH = 0.97


@dataclass
class _Line:
    text: str
    page: int
    number: int  # counted from the top of its page
    full: bool  # whether it runs to the right margin


def read_pdf(data: bytes, label: str) -> Extracted:
    """The PDF's paragraphs in reading order, each line's text mapped to its page and line."""
    pages = _pages(data, label)
    if not any(pages):
        raise InputError(f"{label}: has no text layer (a scanned PDF?); run it through OCR first")
    furniture = _running_lines(pages)
    paragraphs = [
        [line for line in box if line.text.strip() and not _is_furniture(line, box, furniture)]
        for page in pages
        for box in page
    ]
    builder = TextBuilder()
    previous: list[_Line] = []
    for box in filter(None, paragraphs):
        if not _continues(previous, box):
            builder.start_paragraph()
        elif previous:
            builder.join(" ")
        _add_lines(builder, box)
        previous = box
    return builder.build("pdf")


def _pages(data: bytes, label: str) -> list[list[list[_Line]]]:
    """Each page's text boxes in reading order, each box's lines, numbered from the top of the page."""
    optional_library("pdfminer", label, "PDF documents")
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    pages = []
    try:
        for page_number, page in enumerate(extract_pages(BytesIO(data), laparams=LAParams()), 1):
            boxes = [[line for line in box if isinstance(line, LTTextLine)] for box in page if isinstance(box, LTTextContainer)]
            tops = sorted({round(line.y1, 1) for box in boxes for line in box}, reverse=True)
            rank = {top: index for index, top in enumerate(tops, 1)}
            left = min((line.x0 for box in boxes for line in box), default=0)
            width = max((line.x1 - left for box in boxes for line in box), default=0)
            pages.append([
                [
                    _Line(line.get_text().rstrip("\n"), page_number, rank[round(line.y1, 1)],
                          line.x1 - left >= _FULL_WIDTH * width)
                    for line in box
                ]
                for box in boxes
            ])
    except Exception as exc:  # pdfminer raises its own syntax, password and encryption errors, and plain ones
        raise InputError(f"{label}: not a readable PDF ({_reason(exc)})") from None
    return pages


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return "it is password-protected; save an unprotected copy"
    return f"{name}: {exc}" if str(exc) else name


def _running_lines(pages: list[list[list[_Line]]]) -> set[str]:
    """The texts (digits aside) of lines that open or close most pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [line for box in page for line in box if line.text.strip()]
        edges = {_shape(line.text) for line in lines[:2] + lines[-2:]}
        counts.update(edges)
    return {shape for shape, count in counts.items() if count >= max(2, len(pages) // 2)}


def _shape(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()))


def _is_furniture(line: _Line, box: list[_Line], running: set[str]) -> bool:
    return _PAGE_NUMBER.fullmatch(line.text.strip()) is not None or (_shape(line.text) in running and len(box) <= 2)


def _continues(previous: list[_Line], box: list[_Line]) -> bool:
    """Whether ``box`` goes on with the paragraph a page break cut.

    It does when the page's last line ends no sentence, or runs to the
    margin as the lines of justified text do, all but a paragraph's last.
    (A heading left at the foot of a page would be joined to the text the
    next page opens with; typesetting rarely leaves one there.)
    """
    if not previous or previous[-1].page == box[0].page:
        return False
    last = previous[-1]
    return last.full or not _SENTENCE_END.search(last.text.rstrip())


def _add_lines(builder: TextBuilder, box: list[_Line]) -> None:
    """A box's lines as one paragraph; a word hyphenated at a line's end is joined again."""
    for index, line in enumerate(box):
        text = " ".join(line.text.split())
        following = box[index + 1].text.lstrip() if index + 1 < len(box) else ""
        hyphenated = len(text) > 1 and text.endswith("-") and text[-2].isalpha() and following[:1].islower()
        builder.add(text[:-1] if hyphenated else text, f"p. {line.page}, l. ", line.number, 0)
        if following and not hyphenated:
            builder.join(" ")
