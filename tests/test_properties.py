"""Property-based tests: whatever text or bytes kzlint is given, the pipeline holds its promises.

Random Unicode, random paragraph structures (headings, quotes, numbers,
Cyrillic words, odd line ends and invisible characters) and random bytes go
through reading, segmentation, alignment, the rules and both reporters. The
invariants: no exception but a clear InputError; every finding's line and
column point into the file at the text it quotes; every paragraph of each
side is in exactly one place (an aligned group or an unaligned list, and so
in one place of the Markdown report); the JSON parses; table rows stay rows.

CI runs the "ci" profile (fixed seed, few examples, see conftest.py); for a
longer local search: ``python -m pytest tests/test_properties.py --hypothesis-profile=long``.
"""

from __future__ import annotations

import html
import json
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from linter import engine
from linter.engine import RunResult
from linter.errors import InputError
from linter.inputs import read_input
from linter.inputs.text import decode, normalise, read_source
from linter.model import Document
from linter.report import render
from linter.segment import segment_source
from linter.settings import GrammarSettings, Settings

QUIET = Settings(grammar=GrammarSettings(backend="off"))
HARPER = Settings(grammar=GrammarSettings(backend="harper", cache=False, jobs=1))

WORDS = st.sampled_from(
    "China Kazakhstan trade reached record billion the of and partnership Astana Tokayev Xi visit "
    "cooperation «quoted» “said” interests core vital shoulder back Опубликовано Читайте 600,000 $41 "
    "32% fifth thousand about exceeded (TITR) Trans-Caspian | * ` <script> [x](javascript:alert(1)) _ # >".split()
)
ODD_CHARACTERS = st.sampled_from(["\u200b", "\u00a0", "\u00ad", "e\u0301", "\t", "😀", "\ufeff", "\u2028", "\x0c"])
SENTENCE_ENDS = st.sampled_from([".", "!", "?", "…", "", ".»", "”", ":"])
PARAGRAPH_BREAKS = st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\r\r", "\n\n\n"])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.one_of(WORDS, ODD_CHARACTERS), min_size=1, max_size=14))
    return " ".join(words).capitalize() + draw(SENTENCE_ENDS)


@st.composite
def structured_texts(draw: st.DrawFn) -> str:
    """Paragraphs of sentences, some headings, separated by the line ends real files use."""
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=5), min_size=1, max_size=8))
    blocks = [" ".join(paragraph) for paragraph in paragraphs]
    text = blocks[0]
    for block in blocks[1:]:
        text += draw(PARAGRAPH_BREAKS) + block
    return text + draw(st.sampled_from(["", "\n", "\r\n"]))


TEXTS = st.one_of(structured_texts(), st.text(min_size=1, max_size=400))


def _compare(a_text: str, b_text: str, settings: Settings = QUIET) -> tuple[RunResult | None, dict[str, str]]:
    """Run ``align`` on two texts written as UTF-8 files; ``None`` when one is refused as not a text."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {"a": Path(folder) / "a.txt", "b": Path(folder) / "b.txt"}
        for side, text in (("a", a_text), ("b", b_text)):
            paths[side].write_text(text, encoding="utf-8", newline="")
        try:
            result = engine.compare(paths["a"], paths["b"], settings)
        except InputError as error:
            assert "\n" not in str(error)
            return None, {}
        files = {side: _as_read(path) for side, path in paths.items()}
        _check_report(result, files)
        return result, files


def _as_read(path: Path) -> str:
    """The file's text with its line ends made ``\\n``: the text whose lines and columns findings count."""
    text, _ = decode(path.read_bytes(), path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_report(result: RunResult, files: dict[str, str]) -> None:
    _check_locations(result, files)
    for side, doc in (("a", result.a), ("b", result.b)):
        assert doc is not None
        _check_partition(result, doc, side)
    document = json.loads(render([result], "json"))
    assert len(document["findings"]) == len(result.findings)
    _check_markdown(result, render([result], "markdown"))
    _check_html(result, render([result], "html"))


def _check_locations(result: RunResult, files: dict[str, str]) -> None:
    for finding in result.findings:
        for location in finding.locations:
            lines = files[location.side].split("\n")
            assert 1 <= location.line <= len(lines), finding
            line = lines[location.line - 1]
            assert 1 <= location.column <= len(line) + 1, finding
            written, _ = normalise(line[location.column - 1 :])
            assert written.startswith(location.text.split("\n")[0]), (finding, line)


def _check_partition(result: RunResult, doc: Document, side: str) -> None:
    assert result.alignment is not None
    grouped = [i for group in result.alignment.groups for i in getattr(group, side)]
    unaligned = list(getattr(result.alignment, f"unaligned_{side}"))
    assert sorted(grouped + unaligned) == list(range(len(doc.paragraphs)))


def _check_markdown(result: RunResult, markdown: str) -> None:
    assert result.alignment is not None and result.b is not None
    for row in (line for line in markdown.split("\n") if line.startswith("| ")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 3, row  # two cells: text cannot add a column
    for side, doc, label in (("a", result.a, "A"), ("b", result.b, "B")):
        for index in getattr(result.alignment, f"unaligned_{side}"):
            line = doc.position(doc.paragraphs[index].start)[0]
            assert markdown.count(f"\n- {label} line {line} (") == 1, (label, line)
    assert markdown.count("\n### Passage ") == len(result.alignment.groups)


def _check_html(result: RunResult, page: str) -> None:
    """Every finding has one place its link goes to; the texts' characters never open a tag of their own."""
    for number in range(1, len(result.findings) + 1):
        assert page.count(f'id="f{number}"') <= 1
        assert f'href="#f{number}"' in page or 'href="#passage-' in page or '-paragraph-' in page
    assert page.count("<script") == 1 and page.count("<style") == 1


@given(TEXTS, TEXTS)
def test_any_two_texts_give_a_well_formed_report(a_text: str, b_text: str) -> None:
    _compare(a_text, b_text)


@given(structured_texts())
def test_a_text_and_its_edited_copy_align_and_report_cleanly(text: str) -> None:
    edited = text.replace("record", "new record").replace("600,000", "600 thousand").replace("\n", "\r\n")
    result, _ = _compare(text, edited)
    assert result is None or result.alignment is not None


@given(structured_texts())
def test_grammar_findings_point_into_the_file_too(text: str) -> None:
    _compare(text, text.replace("China", "PRC"), HARPER)


@given(st.binary(max_size=600))
def test_any_bytes_are_read_or_refused_in_one_line(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.txt"
        path.write_bytes(data)
        try:
            source = read_source(path)
        except InputError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            return
        assert "\r" not in source.text and source.text.strip()
        for offset in range(len(source.text) + 1):
            assert 0 <= source.origin.original(offset) <= len(data)


@given(st.binary(max_size=600), st.sampled_from([".html", ".docx", ".odt", ".pdf"]), st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><html><body><p>"]))
def test_any_bytes_posing_as_a_document_are_read_or_refused_in_one_line(data: bytes, suffix: str, head: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(head + data)
        try:
            source = read_input(path)
        except InputError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            return
        assert source.text.strip()


@given(st.lists(structured_texts(), min_size=1, max_size=4))
def test_a_page_s_paragraphs_point_at_their_place_in_its_source(paragraphs: list[str]) -> None:
    """Each paragraph of an article, escaped into a page's markup, is found at its line and column there."""
    blocks = [" ".join(p.split()) for p in paragraphs if p.split()]
    if not blocks:
        return
    markup = "<!DOCTYPE html>\n<html><body><nav><a href='/'>Home</a></nav><article>\n" + "".join(
        f"<p>\n  {html.escape(block, quote=False)}</p>\n" for block in blocks
    ) + "</article></body></html>\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(markup, encoding="utf-8")
        try:
            doc = segment_source(read_input(path))
        except InputError as error:
            assert "\n" not in str(error)
            return
    lines = markup.split("\n")
    for paragraph in doc.paragraphs:
        line, column = doc.position(paragraph.start)
        at = normalise(html.unescape(lines[line - 1][column - 1 :]))[0]  # as kzlint compares it (NFC, no zero widths)
        assert at.startswith(paragraph.text.split()[0]), (paragraph.text, at)
