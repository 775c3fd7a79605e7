"""How long reading each input format takes: the seed article and a cut of the book, as text, page, .docx, .odt and PDF.

    python bench/inputs.py [--fraction 1/8] [--repeat 3]

The documents are built as the tests build them (``tests/documents.py``):
the text inside a news page, as a Word document, an OpenDocument text and
an A5 PDF. Each row is the median of ``--repeat`` readings (``read_input``
and segmentation, in this process) of one file; building the documents is
not timed. The last line repeats the table as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from documents import news_page, opendocument, pdf_document, word_document  # noqa: E402

from linter.inputs import read_input  # noqa: E402
from linter.segment import segment_source  # noqa: E402

SEED = REPO / "sources" / "kazinform-xi-article-full.txt"
BOOK = REPO.parent / "shared" / "bench" / "asv-darby-bible" / "a.txt"


def build(source: Path, folder: Path) -> dict[str, Path]:
    """The source in every format kzlint reads, written to ``folder``."""
    page = folder / f"{source.stem}.html"
    page.write_text(news_page(source), encoding="utf-8")
    makers: dict[str, Callable[[Path, Path], Path]] = {
        "docx": word_document, "odt": opendocument, "pdf": pdf_document,
    }
    built = {"text": source, "html": page}
    built.update({name: make(source, folder / f"{source.stem}.{name}") for name, make in makers.items()})
    return built


def book_cut(fraction: Fraction, folder: Path) -> Path:
    """The first paragraphs of the book's ASV side, ``fraction`` of them."""
    paragraphs = BOOK.read_text(encoding="utf-8").split("\n\n")
    cut = folder / "asv-cut.txt"
    cut.write_text("\n\n".join(paragraphs[: max(1, int(len(paragraphs) * fraction))]) + "\n", encoding="utf-8")
    return cut


def reading_seconds(path: Path, repeat: int) -> tuple[float, int]:
    """The median time to read and segment ``path``, and how many characters of text it gave."""
    times, length = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        document = segment_source(read_input(path))
        times.append(time.perf_counter() - started)
        length = len(document.text)
    return statistics.median(times), length


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=Fraction, default=Fraction(1, 8), help="how much of the book to read")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sources = {"seed": SEED}
        if BOOK.exists():
            sources[f"book {options.fraction}"] = book_cut(options.fraction, folder)
        else:
            print(f"(no book at {BOOK.relative_to(REPO.parent)}: book rows skipped)")
        print(f"{'text':<10} {'format':<6} {'file KB':>9} {'chars':>9} {'seconds':>8} {'chars/s':>10}")
        for name, source in sources.items():
            for format_name, path in build(source, folder).items():
                seconds, length = reading_seconds(path, options.repeat)
                row = {"text": name, "format": format_name, "file_kb": round(path.stat().st_size / 1000),
                       "chars": length, "seconds": round(seconds, 3), "chars_per_second": round(length / seconds)}
                rows.append(row)
                print(f"{name:<10} {format_name:<6} {row['file_kb']:>9} {length:>9} {seconds:>8.3f} {row['chars_per_second']:>10}")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
