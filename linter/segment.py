"""Segmentation: paragraphs, their kinds, sentences and word tokens, all with offsets.

Real renderings are untidy: one site separates paragraphs by blank lines,
another puts each paragraph on a line of its own, a third hard-wraps prose.
A blank line always ends a paragraph; inside a block, each line is its own
paragraph unless the block reads as hard-wrapped prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from itertools import accumulate, chain
from operator import itemgetter, methodcaller
from pathlib import Path

from linter.inputs.base import Source
from linter.inputs.text import DEFAULT_MAX_FILE_MB, read_source
from linter.model import Document, OffsetMap, Paragraph, ParagraphKind, Sentence, SourceMap, Token

_TERMINAL = tuple(".!?…:;»”\"')")
_MARKDOWN_BLOCK = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>)")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:[-'’][^\W_]+)*")
# A token and the characters before it, none of which can start one (see tokens);
# the text's end stands for a last token, so that a long run of punctuation at
# the end is read once: without it, the search would fail at each of its
# characters in turn after reading the rest of the run, and take quadratic time.
_GAPPED_TOKEN = re.compile(rf"([\W_]*)({_TOKEN.pattern}|\Z)")
_SECOND = itemgetter(1)
_STRAIGHT_APOSTROPHE = methodcaller("replace", "’", "'")
_new_token = partial(tuple.__new__, Token)
# A sentence ends at a run of terminal marks (and closing quotes) before the next
# word; a run is only tried from its first mark, since a match from inside a
# run ends where one from its start does (else a long run took quadratic time).
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"”»’')\]]*(?=\s+[\"“«‘'(\[]?[\d\w])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr no nos vs etc eg ie inc ltd co corp gen col lt gov sen rep "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept est".split()
)
_OPENING_QUOTES = "«“\"„‘'"
_CLOSING_QUOTES = "»”\"“’'"
# A credit, a dateline of the site or a byline at the start of a line: the
# shape decides, not the first word alone ("Photos and data retrieved from the
# archive show ...", "By July the rates had risen." and "Share prices fell."
# are prose).
_BOILERPLATE_START = re.compile(
    r"""(?:photos?|images?|pictures?|video|source|credits?|tags?|published|updated|posted)\s*(?::|/|©)
        |(?:photos?|images?|pictures?)\s+(?:by|credit|courtesy)\b
        |(?:published|updated|posted)\s+(?:on\s+)?\d
        |(?:share|tags?)\s*$
        |read\ (?:also|more)|see\ also
        |by\ (?-i:[A-Z])[^.!?]*$
        |https?:""",
    re.IGNORECASE | re.VERBOSE,
)
# Credits anywhere in a line. Searched in the lower-cased line, with a literal
# first character and no leading \b, so that the search skips quickly through
# book-length texts; the word start the ``word`` branch needs is checked apart.
_CREDIT = re.compile(
    r"""(?P<word>photos?\s*(?::|/|credit)
        |(?:correspondent|reporter|staff\ writer|photo\ editor)\b(?!.*[.!?]$))
        |\((?:photos?|video)\s*/
        |contributed\ to\ this\ (?:story|report)""",
    re.VERBOSE,
)
_HEADING_MAX_WORDS = 14
_AS_WRITTEN = OffsetMap()  # a text that normalising left as it was
_WORD_GAP = re.compile(r"\s+")
_LONGEST_SENTENCE = 250
_PIECE_WORDS = 40
_CLAUSE_ENDS = ",;:–—-)"
# The longest boilerplate line of the seed sources, a photo caption with its credits, has 27 words.
_BOILERPLATE_MAX_WORDS = 40


def load_document(path: Path, encoding: str | None = None, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> Document:
    """Read and segment one rendering (``encoding`` ``None``: detected; see :mod:`linter.inputs.text`)."""
    return segment_source(read_source(path, encoding, max_file_mb))


def segment_source(source: Source) -> Document:
    """Segment an input of any format (see :mod:`linter.inputs`): segmentation reads only its text."""
    return segment(
        source.path, source.text, source.origin, source.encoding, format_name=source.format, places=source.places,
        name=source.name, marked=dict(source.kinds),
    )


def segment(
    path: Path,
    text: str,
    origin: OffsetMap = _AS_WRITTEN,
    encoding: str = "utf-8",
    *,
    format_name: str = "text",
    places: SourceMap | None = None,
    name: str | None = None,
    marked: dict[int, ParagraphKind] | None = None,
) -> Document:
    """Paragraphs, sentences and their kinds; ``origin`` maps ``text`` back to the text as read, ``places`` to the original.

    ``marked`` holds the kinds a page's tags or a document's styles give, by the
    offset in the text as read where a paragraph starts (see
    :class:`linter.inputs.base.Extracted`).
    """
    spans = list(_paragraph_spans(text))
    marks = [marked.get(origin.original(start)) for start, _ in spans] if marked else [None] * len(spans)
    kinds = _classify(text, spans, marks)
    paragraphs: list[Paragraph] = []
    sentence_count = 0
    for index, ((start, end), kind) in enumerate(zip(spans, kinds, strict=True)):
        sentences = tuple(
            Sentence(sentence_count + n, index, s, e, text[s:e])
            for n, (s, e) in enumerate(sentence_spans(text, start, end))
        )
        sentence_count += len(sentences)
        paragraphs.append(Paragraph(index, start, end, text[start:end], kind, sentences))
    # A line end is never dropped by normalising, so it maps to its own place in the file.
    line_starts = (0, *(origin.original(m.start()) + 1 for m in re.finditer("\n", text)))
    return Document(path, text, tuple(paragraphs), line_starts, origin, encoding, format_name, places, name)


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words and numbers of ``text``; ``offset`` is added to every position."""
    return list(map(_new_token, zip(*token_columns(text, offset))))


def token_columns(text: str, offset: int = 0) -> tuple[list[str], list[int], list[int], list[str]]:
    """The fields of :func:`tokens` as four lists: texts, starts, ends and norms.

    Built without a Python step per word, as the word diffs of a book read two
    million: one ``findall`` yields each word with the gap before it (a word
    starts at the first letter or digit after the previous one, as
    ``_TOKEN.finditer`` would find it), and the positions are running sums of
    their lengths.
    """
    found = _GAPPED_TOKEN.findall(text)
    while found and not found[-1][1]:
        found.pop()  # the text's end, not a token
    bounds = list(accumulate(map(len, chain.from_iterable(found)), initial=offset))
    words = list(map(_SECOND, found))
    norms = list(map(_STRAIGHT_APOSTROPHE, map(str.lower, words)))
    return words, bounds[1::2], bounds[2::2], norms


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence boundaries inside ``text[start:end]``, trimmed of surrounding space."""
    chunk = text[start:end]
    cursor = 0
    for match in _SENTENCE_END.finditer(chunk):
        if _is_abbreviation(chunk, match.start()):
            continue
        yield from _trimmed(start, chunk, cursor, match.end())
        cursor = match.end()
    yield from _trimmed(start, chunk, cursor, len(chunk))


def _trimmed(base: int, chunk: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    piece = chunk[lo:hi]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield from _pieces(base + lo + lead, stripped)


def _pieces(start: int, sentence: str) -> Iterator[tuple[int, int]]:
    """A sentence, or, past ``_LONGEST_SENTENCE`` words, pieces of about ``_PIECE_WORDS`` words.

    A text without sentence punctuation (a transcript, a list pasted as one
    line) would be one sentence of thousands of words, which nothing can be
    aligned with and no table can show. The longest real sentences in the
    sources and the book pair have 82 and 210 words, so only a run longer
    than any of them is cut, after a comma, semicolon or dash where there is
    one near the target length.
    """
    # 250 words need 499 characters at least: most sentences are shorter and need no count.
    gaps = [m.start() for m in _WORD_GAP.finditer(sentence)] if len(sentence) >= 2 * _LONGEST_SENTENCE else []
    if len(gaps) < _LONGEST_SENTENCE:
        yield start, start + len(sentence)
        return
    begin = words = 0
    for gap in gaps:
        words += 1
        if words >= _PIECE_WORDS and (sentence[gap - 1] in _CLAUSE_ENDS or words >= _PIECE_WORDS * 3 // 2):
            yield start + begin, start + gap
            begin, words = _WORD_GAP.match(sentence, gap).end(), 0
    yield start + begin, start + len(sentence)


def _is_abbreviation(chunk: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial, not a sentence."""
    if chunk[dot] != ".":
        return False
    letters = _word_before(chunk, dot)
    if not letters:
        return False
    single_initial = len(letters) == 1 and letters.isupper()
    return single_initial or letters.lower() in _ABBREVIATIONS


def _word_before(chunk: str, end: int) -> str:
    """The run of letters ending at ``end``; a backward scan, so a long paragraph stays linear."""
    begin = end
    while begin > 0 and chunk[begin - 1].isalpha():
        begin -= 1
    return chunk[begin:end]


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    for block in _blocks(text):
        for group in _split_block(block):
            yield group[0][0], group[-1][1]


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    """Runs of non-blank lines, each line as a (start, end) span without its line end."""
    block: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if line.strip():
            lead = len(line) - len(line.lstrip())
            block.append((start + lead, start + len(line.rstrip())))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _split_block(block: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    return [block] if _is_wrapped_prose(block) else [[line] for line in block]


def _is_wrapped_prose(block: list[tuple[int, int]]) -> bool:
    """A block whose inner lines fill a similar width is one hard-wrapped paragraph.

    Lines of very different widths (a byline, a caption, a heading) or lines
    longer than any wrap width are separate paragraphs set without blank lines.
    """
    if len(block) == 1:
        return True
    widths = [end - start for start, end in block[:-1]]
    return 40 <= max(widths) <= 100 and min(widths) >= 0.6 * max(widths)


def _classify(text: str, spans: list[tuple[int, int]], marked: list[ParagraphKind | None]) -> list[ParagraphKind]:
    """Each paragraph's kind: as marked in the original, else guessed from its wording; bylines and credits always."""
    kinds = [_marked_or_guessed(text[s:e], mark) for (s, e), mark in zip(spans, marked, strict=True)]
    if kinds and kinds[0] is ParagraphKind.BODY and _looks_like_title(text[spans[0][0] : spans[0][1]]):
        kinds[0] = ParagraphKind.HEADING
    content = [k for k in kinds if k.is_content]
    quoted = sum(1 for k in content if k is ParagraphKind.QUOTE)
    if quoted >= 2 and quoted * 2 >= len(content):
        # A rendering that quotes excerpts: its unquoted prose is the editor's own.
        kinds = [ParagraphKind.EDITORIAL if k is ParagraphKind.BODY else k for k in kinds]
    return kinds


def _marked_or_guessed(paragraph: str, mark: ParagraphKind | None) -> ParagraphKind:
    """A heading or quote by the original's tags or styles, unless the wording shows a byline or a credit."""
    guessed = _kind_of(paragraph)
    return mark if mark is not None and guessed is not ParagraphKind.BOILERPLATE else guessed


def _kind_of(paragraph: str) -> ParagraphKind:
    if _is_boilerplate(paragraph) or _is_foreign_label(paragraph):
        return ParagraphKind.BOILERPLATE
    if paragraph.lstrip().startswith("#") or _looks_like_heading(paragraph):
        return ParagraphKind.HEADING
    if _is_wholly_quoted(paragraph):
        return ParagraphKind.QUOTE
    return ParagraphKind.BODY


def _is_boilerplate(paragraph: str) -> bool:
    """A site's label, a byline or a photo credit rather than the article's text.

    Such lines are short: a long paragraph that starts with "Share" or
    mentions a "photo:" (a whole article on one line, say) is prose.
    """
    if len(paragraph.split()) > _BOILERPLATE_MAX_WORDS:
        return False
    if _BOILERPLATE_START.match(paragraph):
        return True
    lowered = paragraph.lower()
    return any(
        match.group("word") is None or _starts_word(lowered, match.start()) for match in _CREDIT.finditer(lowered)
    )


def _starts_word(text: str, position: int) -> bool:
    return position == 0 or not (text[position - 1].isalnum() or text[position - 1] == "_")


def _looks_like_heading(paragraph: str) -> bool:
    """A short line that does not end a sentence; one ending in a comma is a sentence cut short."""
    words = paragraph.split()
    return (
        "\n" not in paragraph
        and len(words) <= _HEADING_MAX_WORDS
        and not paragraph.rstrip().endswith((*_TERMINAL, ","))
        and not _MARKDOWN_BLOCK.match(paragraph)
    )


def _looks_like_title(paragraph: str) -> bool:
    """A first line that does not end a sentence is the title, even a long one; a question is not one."""
    return "\n" not in paragraph and len(paragraph.split()) <= 30 and not paragraph.rstrip().endswith((".", "?", "!", "…"))


def _is_foreign_label(paragraph: str) -> bool:
    """A short line with no Latin letters: a site's label left in another script."""
    if len(paragraph.split()) > 4:
        return False
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and not any(c.isascii() for c in letters)


def _is_wholly_quoted(paragraph: str) -> bool:
    stripped = paragraph.strip().rstrip(".")
    if len(stripped) < 2 or stripped[0] not in _OPENING_QUOTES or stripped[-1] not in _CLOSING_QUOTES:
        return False
    # "“...,” he said" closes the quote before the end; a wholly quoted passage does not.
    return not re.search(r"[»”\"]\s*,?\s+\w+\s+(said|says|told|added)\b", stripped)


def word_count(text: str) -> int:
    """How many words and numbers ``text`` holds, as :func:`content_tokens` reads them."""
    return len(_TOKEN.findall(text))


def content_tokens(sentence_text: str) -> list[str]:
    """Lower-cased word forms (as ``Token.norm``), for similarity and indexing.

    No ``Token`` objects are built: alignment calls this on every sentence of
    book-length texts, where building them would cost more than the alignment.
    """
    return _TOKEN.findall(sentence_text.lower().replace("’", "'"))

