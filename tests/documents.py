"""Documents built from the seed sources, as editors receive them: a news page, a Word file, a PDF.

Each builder reads a ``.txt`` source with kzlint's own segmentation and lays
its paragraphs out in the other format by kind (the title as a heading,
quotes as block quotes), so that a test can check that kzlint reads the
same text back out of it.
"""

from __future__ import annotations

import html
from pathlib import Path

from linter.model import Paragraph, ParagraphKind
from linter.segment import load_document

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | Daily Steppe News</title>
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
  <style>.cookie-banner {{ position: fixed; bottom: 0; }}</style>
</head>
<body>
  <div class="cookie-banner" id="cookie-consent">
    <p>We use cookies to improve your experience. By continuing to browse you accept our cookie policy.</p>
    <button>Accept all cookies</button>
  </div>
  <header class="site-header">
    <nav class="main-nav">
      <ul>
        <li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
        <li><a href="/economy">Economy</a></li><li><a href="/world">World</a></li>
        <li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li>
      </ul>
    </nav>
  </header>
  <div class="ad ad-leaderboard"><a href="https://ads.example.com/click?id=42">Buy cheap flights to Almaty now! Save 50% today only</a></div>
  <main>
    <article class="article">
{body}
    </article>
    <aside class="related">
      <h3>Related articles</h3>
      <ul>
        <li><a href="/a/1">Tokayev meets investors in Almaty</a></li>
        <li><a href="/a/2">New railway line to China opens next year</a></li>
        <li><a href="/a/3">Weather: heat wave expected in the south</a></li>
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <p>&copy; 2024 Daily Steppe News. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | <a href="/contact">Contact us</a></p>
  </footer>
  <script src="/static/analytics.js"></script>
</body>
</html>
"""


def paragraphs(source: Path) -> tuple[Paragraph, ...]:
    """The paragraphs of a seed source as kzlint reads them, with their kinds."""
    return load_document(source).paragraphs


def news_page(source: Path) -> str:
    """The source as the body of an article on a news site with navigation, ads, a cookie banner and related links."""
    found = paragraphs(source)
    lines = []
    for paragraph in found:
        text = html.escape(paragraph.text, quote=False)
        if paragraph.index == 0 and paragraph.kind is ParagraphKind.HEADING:
            lines.append(f"      <h1 class=\"headline\">{text}</h1>")
        elif paragraph.kind is ParagraphKind.HEADING:
            lines.append(f"      <h2>{text}</h2>")
        elif paragraph.kind is ParagraphKind.QUOTE:
            lines.append(f"      <blockquote>\n        <p>{text}</p>\n      </blockquote>")
        else:
            lines.append(f"      <p>{text}</p>")
    return _PAGE.format(title=html.escape(found[0].text), body="\n".join(lines))


def word_document(source: Path, target: Path) -> Path:
    """The source as a Word document: the title in the Title style, headings, quotes in the Quote style."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs(source):
        if paragraph.index == 0 and paragraph.kind is ParagraphKind.HEADING:
            document.add_paragraph(paragraph.text, style="Title")
        elif paragraph.kind is ParagraphKind.HEADING:
            document.add_heading(paragraph.text, level=2)
        elif paragraph.kind is ParagraphKind.QUOTE:
            document.add_paragraph(paragraph.text, style="Quote")
        else:
            document.add_paragraph(paragraph.text)
    document.save(target)
    return target


# A font with Cyrillic letters and typographic quotes, which the PDF's core fonts lack (.ci/run installs it).
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_document(source: Path, target: Path) -> Path:
    """The source as a printed PDF: A5 pages with a running header, page numbers, hyphenated words."""
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("body", size=8)
            self.cell(0, 6, "Kazinform International News Agency", align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("body", size=8)
            self.cell(0, 6, f"Page {self.page_no()}", align="C")

    printed = Printed(format=(148, 210))
    printed.add_font("body", fname=str(UNICODE_FONT))
    printed.set_auto_page_break(auto=True, margin=15)
    printed.add_page()
    for paragraph in paragraphs(source):
        printed.set_font("body", size=14 if paragraph.kind is ParagraphKind.HEADING else 10)
        printed.multi_cell(0, 5, paragraph.text, align="L", new_x="LMARGIN", new_y="NEXT")
        printed.ln(4)
    printed.output(str(target))
    return target


_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:text>
{body}
</office:text></office:body></office:document-content>
"""
_ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def opendocument(source: Path, target: Path) -> Path:
    """The source as an OpenDocument text, written as LibreOffice lays one out: headings as text:h."""
    import zipfile

    lines = []
    for paragraph in paragraphs(source):
        text = html.escape(paragraph.text, quote=False)
        if paragraph.kind is ParagraphKind.HEADING:
            lines.append(f'<text:h text:outline-level="{1 if paragraph.index == 0 else 2}">{text}</text:h>')
        else:
            lines.append(f'<text:p text:style-name="{paragraph.kind.value}">{text}</text:p>')
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", _ODT_CONTENT.format(body="\n".join(lines)), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", _ODT_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return target
