"""Web pages, Word documents and PDFs: the seed pair read out of each gives the .txt run's alignment and findings.

The documents are built by the tests themselves (see ``documents.py``): the
excerpts inside a news page with navigation, ads and a cookie banner, the
full text as a Word document and as a PDF with running headers and page
numbers. Each finding's locator must point at its text in the original.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest

from conftest import EXCERPTS, FULL, kzlint
from documents import news_page, opendocument, paragraphs, pdf_document, word_document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def align_json(a: Path | str, b: Path | str, stdin: str | None = None) -> dict:
    """The JSON document of ``kzlint align A B`` without grammar, which reads the same text in every format."""
    result = kzlint("align", str(a), str(b), "--grammar", "off", "-f", "json", stdin=stdin)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def findings(document: dict) -> set[tuple]:
    """What each finding says, leaving out where: the same in every format."""
    return {
        (f["rule"], f["message"], f.get("a", {}).get("text"), f.get("b", {}).get("text"))
        for f in document["findings"]
    }


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("documents")
    page = folder / "kursiv-excerpts.html"
    page.write_text(news_page(EXCERPTS), encoding="utf-8")
    return {
        "html": page,
        "docx": word_document(FULL, folder / "kazinform-full.docx"),
        "pdf": pdf_document(FULL, folder / "kazinform-full.pdf"),
        "odt": opendocument(EXCERPTS, folder / "kursiv-excerpts.odt"),
    }


@pytest.fixture(scope="module")
def text_run() -> dict:
    return align_json(EXCERPTS, FULL)


@pytest.fixture(scope="module")
def page_and_word_run(documents: dict[str, Path]) -> dict:
    return align_json(documents["html"], documents["docx"])


def test_a_news_page_and_a_word_document_give_the_text_run_s_alignment_and_findings(
    text_run: dict, page_and_word_run: dict
) -> None:
    assert page_and_word_run["alignment"] == text_run["alignment"]
    assert findings(page_and_word_run) == findings(text_run)
    assert (page_and_word_run["a"]["format"], page_and_word_run["b"]["format"]) == ("html", "docx")
    assert text_run["a"]["format"] == "text"


def test_the_page_s_navigation_ads_cookie_banner_and_scripts_are_not_read(page_and_word_run: dict) -> None:
    words = {w["text"] for f in page_and_word_run["findings"] for w in (f.get("a", {}),) if w}
    flagged = " ".join(words)
    for furniture in ("cookies", "Subscribe", "cheap flights", "Related articles", "dataLayer", "Privacy policy"):
        assert furniture not in flagged
    paragraphs = page_and_word_run["a"]["paragraphs"]
    assert len(paragraphs) == len(align_json(EXCERPTS, FULL)["a"]["paragraphs"])


def test_page_locations_are_lines_and_columns_of_the_html_source(
    documents: dict[str, Path], page_and_word_run: dict
) -> None:
    source = documents["html"].read_text(encoding="utf-8").split("\n")
    located = [f["a"] for f in page_and_word_run["findings"] if "a" in f]
    assert located
    for location in located:
        assert location["locator"] == f"{location['line']}:{location['column']}"
        at = html.unescape(source[location["line"] - 1][location["column"] - 1 :])
        assert at.startswith(location["text"].split("\n")[0][:40]), (location, at[:80])


def test_word_locators_are_paragraph_and_character(documents: dict[str, Path], page_and_word_run: dict) -> None:
    import docx

    body = docx.Document(str(documents["docx"])).element.body
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in body.iter(f"{_W}p")]
    located = [f["b"] for f in page_and_word_run["findings"] if "b" in f]
    assert located
    for location in located:
        number, character = map(int, re.fullmatch(r"¶(\d+):(\d+)", location["locator"]).groups())
        assert paragraphs[number - 1][character - 1 :].startswith(location["text"][:40]), location


def test_the_markdown_report_cites_word_paragraphs(documents: dict[str, Path], tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result = kzlint("align", str(documents["html"]), str(documents["docx"]), "--grammar", "off", "-o", str(report))
    assert result.returncode in (0, 1), result.stderr
    written = report.read_text(encoding="utf-8")
    assert re.search(r"kazinform-full\.docx ¶\d+:\d+`", written)
    assert re.search(r"kursiv-excerpts\.html:\d+:\d+`", written)
    assert "text read out of a Word document" in written


def test_an_opendocument_text_gives_the_text_run_s_findings_at_paragraph_and_character(
    documents: dict[str, Path], text_run: dict
) -> None:
    run = align_json(documents["odt"], FULL)
    assert run["alignment"] == text_run["alignment"]
    assert findings(run) == findings(text_run)
    assert run["a"]["format"] == "odt"
    written = [p.text for p in paragraphs(EXCERPTS)]  # one text:p or text:h per paragraph, none empty
    for location in (f["a"] for f in run["findings"] if "a" in f):
        number, character = map(int, re.fullmatch(r"¶(\d+):(\d+)", location["locator"]).groups())
        assert written[number - 1][character - 1 :].startswith(location["text"][:40]), location


def test_opendocument_tracked_changes_and_notes_read_as_printed(tmp_path: Path) -> None:
    from linter.inputs import read_input

    content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>$40</text:p></text:deletion>
</text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Talks in Astana</text:h>
<text:p>Trade reached <text:change text:change-id="c1"/>$41<text:s text:c="2"/>billion<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Customs figures.</text:p></text:note-body></text:note> last year.</text:p>
</office:text></office:body></office:document-content>"""
    target = _zip(tmp_path / "edited.odt", {"mimetype": b"application/vnd.oasis.opendocument.text",
                                             "content.xml": content.encode("utf-8")})
    source = read_input(target)
    assert source.text.split("\n\n") == ["Talks in Astana", "Trade reached $41  billion last year.", "Customs figures.\n"]
    assert source.places.locator(source.text.index("$41")) == "¶2:15"
    assert source.places.locator(source.text.index("figures")) == "note 1 ¶1:9"


def test_a_pdf_gives_the_text_run_s_findings_with_page_and_line(documents: dict[str, Path], text_run: dict) -> None:
    from pdfminer.high_level import extract_text

    run = align_json(EXCERPTS, documents["pdf"])
    assert run["alignment"] == text_run["alignment"]
    assert findings(run) == findings(text_run)
    assert run["b"]["format"] == "pdf"
    printed: dict[int, str] = {}
    for location in (f["b"] for f in run["findings"] if "b" in f):
        page, _line = map(int, re.fullmatch(r"p\. (\d+), l\. (\d+)", location["locator"]).groups())
        if page not in printed:
            printed[page] = " ".join(extract_text(str(documents["pdf"]), page_numbers=[page - 1]).split())
        assert " ".join(location["text"].split()[:2]) in printed[page], location  # the rest may be on the next page


def test_a_pdf_s_running_header_and_page_numbers_are_dropped(documents: dict[str, Path]) -> None:
    from linter.inputs import read_input

    text = read_input(documents["pdf"]).text
    assert "Kazinform International News Agency" not in text
    assert not re.search(r"Page \d", text)


def test_a_word_hyphenated_at_a_pdf_line_s_end_is_joined(tmp_path: Path) -> None:
    from fpdf import FPDF

    from linter.inputs import read_input

    printed = FPDF()
    printed.add_page()
    printed.set_font("helvetica", size=11)
    for line in ("The two sides agreed on closer cooper-", "ation in trade and on a plan for the years", "to come. Co-"):
        printed.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    target = tmp_path / "hyphens.pdf"
    printed.output(str(target))
    source = read_input(target)
    assert source.text.strip() == "The two sides agreed on closer cooperation in trade and on a plan for the years to come. Co-"
    assert source.places is not None and source.places.locator(source.text.index("cooper")) == "p. 1, l. 1"
    assert source.places.locator(source.text.index("ation")) == "p. 1, l. 2"
    assert source.places.locator(source.text.index("to come")) == "p. 1, l. 3"


def test_word_tracked_changes_tables_and_text_boxes_read_as_printed(tmp_path: Path) -> None:
    import docx
    from docx.oxml.parser import parse_xml

    from linter.inputs import read_input

    document = docx.Document()
    document.add_heading("Talks in Astana", level=1)
    edited = document.add_paragraph("Trade reached ")
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    edited._p.append(parse_xml(f'<w:del {namespace} w:id="1" w:author="ed"><w:r><w:delText>$40</w:delText></w:r></w:del>'))
    edited._p.append(parse_xml(f'<w:ins {namespace} w:id="2" w:author="ed"><w:r><w:t>$41</w:t></w:r></w:ins>'))
    edited.add_run(" billion last year.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Exports"
    table.rows[0].cells[1].text = "Imports"
    document.add_paragraph("The visit ends on Thursday.")
    _add_footnotes(document, ["Customs figures."])
    target = tmp_path / "edited.docx"
    document.save(target)
    source = read_input(target)
    assert source.text.split("\n\n") == [
        "Talks in Astana", "Trade reached $41 billion last year.", "Exports", "Imports", "The visit ends on Thursday.",
        "Customs figures.\n",
    ]
    assert source.places.locator(source.text.index("$41")) == "¶2:15"
    assert source.places.locator(source.text.index("figures")) == "note 1 ¶1:9"


def _add_footnotes(document, notes: list[str]) -> None:
    """A footnotes part, as Word writes one (separators first), which python-docx cannot write itself."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    bodies = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>' for n, text in enumerate(notes, 1)
    )
    xml = (
        f'<w:footnotes xmlns:w="{namespace}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
        f"</w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p/></w:footnote>{bodies}</w:footnotes>"
    )
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _scanned_pdf(path: Path) -> Path:
    from fpdf import FPDF

    scan = FPDF()
    scan.add_page()
    scan.rect(20, 20, 100, 150, style="F")
    scan.output(str(path))
    return path


def _protected_pdf(path: Path) -> Path:
    from fpdf import FPDF

    secret = FPDF()
    secret.set_encryption(owner_password="owner", user_password="reader")
    secret.add_page()
    secret.set_font("helvetica", size=12)
    secret.cell(0, 10, "Trade reached $41 billion last year.")
    secret.output(str(path))
    return path


BAD_DOCUMENTS = [
    pytest.param(lambda tmp: _zip(tmp / "broken.docx", {"word/document.xml": b"<w:document"}),
                 "broken.docx: not a readable Word document", id="corrupt-docx"),
    pytest.param(lambda tmp: _write(tmp / "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
                 "locked.docx: is password-protected", id="password-protected-docx"),
    pytest.param(lambda tmp: _zip(tmp / "bomb.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(6_000_000)}),
                 "bomb.docx: refused: it would unpack to 6 MB", id="zip-bomb"),
    pytest.param(lambda tmp: _write(tmp / "empty.html", b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"),
                 "empty.html: no article text found in the page", id="page-without-article"),
    pytest.param(lambda tmp: _scanned_pdf(tmp / "scan.pdf"), "scan.pdf: has no text layer", id="scanned-pdf"),
    pytest.param(lambda tmp: _protected_pdf(tmp / "secret.pdf"), "secret.pdf: not a readable PDF (it is password-protected",
                 id="password-protected-pdf"),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "expected"), BAD_DOCUMENTS)
def test_a_bad_document_is_one_line_and_exit_2(tmp_path: Path, make, expected: str) -> None:
    bad = make(tmp_path)
    result = kzlint("align", str(bad), str(FULL), "--grammar", "off", "--max-file-mb", "1", "-f", "json")
    assert result.returncode == 2
    assert result.stderr.startswith("kzlint: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr


def test_headings_and_quotes_are_told_by_the_original_s_styles_and_tags(tmp_path: Path) -> None:
    """Wording alone would call these body text: a heading that ends in a full stop, a quote without quotation marks."""
    import docx

    from linter.inputs import read_input
    from linter.model import ParagraphKind
    from linter.segment import segment_source

    document = docx.Document()
    document.add_heading("Trade with China reached a record.", level=2)
    document.add_paragraph("Our countries possess many resources and complement each other.", style="Quote")
    document.add_paragraph("The Chinese leader also believes that the two countries must expand their cooperation.")
    word = tmp_path / "styled.docx"
    document.save(word)
    page = tmp_path / "tagged.html"
    page.write_text(
        "<!DOCTYPE html><html><body><article><h2>Trade with China reached a record.</h2><blockquote><p>Our countries "
        "possess many resources and complement each other.</p></blockquote><p>The Chinese leader also believes that "
        "the two countries must expand their cooperation in high technology and energy.</p></article></body></html>",
        encoding="utf-8",
    )
    expected = [ParagraphKind.HEADING, ParagraphKind.QUOTE, ParagraphKind.BODY]
    for original in (word, page):
        assert [p.kind for p in segment_source(read_input(original)).paragraphs] == expected, original.name


@pytest.mark.parametrize(("library", "kind"), [("trafilatura", "html"), ("docx", "docx"), ("pdfminer", "pdf")])
def test_without_the_documents_extra_a_document_is_refused_with_how_to_install_it(
    documents: dict[str, Path], library: str, kind: str
) -> None:
    import subprocess
    import sys

    from conftest import REPO

    # A library set to None in sys.modules cannot be imported: as if the extra were not installed.
    run = f"import sys; sys.modules[{library!r}] = None; sys.argv[0] = 'kzlint'; from linter.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", run, "align", str(documents[kind]), str(FULL), "--grammar", "off", "-f", "json"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.endswith("needs the documents extra: pip install 'kzlint[documents]'\n"), result.stderr
    assert result.stderr.count("\n") == 1
