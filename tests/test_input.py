"""Reading texts as they come: encodings, line ends, invisible characters, and everything that is not a text.

Every refusal is one line on stderr and exit status 2, and leaves the report
that was there untouched; every accepted text gives findings whose line and
column point into the file as written.
"""

from __future__ import annotations

import codecs
import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXCERPTS, FULL
from linter import engine
from linter.cli import app
from linter.errors import InputError
from linter.inputs.text import normalise, read_source
from linter.names import document_names
from linter.output import write_atomic
from linter.segment import load_document
from linter.settings import GrammarSettings, Settings

QUIET = Settings(grammar=GrammarSettings(backend="off"))
TALKS = "Xi Jinping met Kassym-Jomart Tokayev in Astana.\n\nTrade reached $41 billion last year.\n"


def kzlint(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8"),
        (lambda text: text.encode("utf-16"), "utf-16"),
        (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16"),
        (lambda text: text.encode("utf-8"), "utf-8"),
    ],
    ids=["utf-8 with BOM", "utf-16 LE with BOM", "utf-16 BE with BOM", "utf-8"],
)
def test_unicode_texts_are_read_with_or_without_a_byte_order_mark(
    tmp_path: Path, encode: Callable[[str], bytes], encoding: str
) -> None:
    path = tmp_path / "talks.txt"
    path.write_bytes(encode(TALKS))
    source = read_source(path)
    assert (source.text, source.encoding) == (TALKS, encoding)


def test_the_seed_excerpts_saved_in_windows_1251_read_as_the_original(tmp_path: Path) -> None:
    """The English article with two Cyrillic site labels: the case a naive detector gets wrong."""
    original = EXCERPTS.read_text(encoding="utf-8")
    legacy = tmp_path / "excerpts-1251.txt"
    legacy.write_bytes(original.encode("cp1251"))
    source = read_source(legacy)
    assert source.encoding == "windows-1251"
    assert source.text == read_source(EXCERPTS).text
    assert "Опубликовано" in source.text


@pytest.mark.parametrize(
    ("text", "codec", "detected"),
    [
        ("The café’s “menu” costs €5 – a naïve résumé of the visit. " * 3, "cp1252", "windows-1252"),
        ("Президент Казахстана провёл переговоры с Председателем КНР в Акорде.", "cp1251", "windows-1251"),
        ("Die Präsidenten trafen sich in Astana. „Wir sind bereit“, sagte er. Größere Projekte folgen.", "cp1252",
         "windows-1252"),
    ],
)
def test_legacy_single_byte_texts_are_detected(tmp_path: Path, text: str, codec: str, detected: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    source = read_source(path)
    assert (source.text, source.encoding) == (text, detected)


def test_the_encoding_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Цена: 41 млрд".encode("koi8-r"))
    assert read_source(path, encoding="koi8-r").text == "Цена: 41 млрд"
    with pytest.raises(InputError, match=r"not valid utf-8 text \(byte 0x.. at offset \d+\); give the right one"):
        read_source(path, encoding="utf-8")


def test_align_on_a_windows_1251_copy_gives_the_same_findings(tmp_path: Path) -> None:
    legacy = tmp_path / EXCERPTS.name
    legacy.write_bytes(EXCERPTS.read_text(encoding="utf-8").encode("cp1251"))
    runs = [kzlint("align", str(a), str(FULL), "--grammar", "off", "-f", "json", "-q") for a in (EXCERPTS, legacy)]
    original, copy = (json.loads(stdout) for _, stdout, _ in runs)
    assert copy["a"]["encoding"] == "windows-1251" and original["a"]["encoding"] == "utf-8"
    assert copy["findings"] == original["findings"] and len(original["findings"]) > 20


# --- line ends, invisible characters, composed letters: places still point into the file -------------


def _finding_places(path: Path, reference: Path = FULL) -> list[tuple[str, str, int, int, str]]:
    findings = engine.compare(path, reference, QUIET).findings
    return [(f.rule, loc.side, loc.line, loc.column, loc.text) for f in findings for loc in f.locations]


@pytest.mark.parametrize("line_end", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_other_line_ends_give_the_same_findings_at_the_same_places(tmp_path: Path, line_end: str) -> None:
    copy = tmp_path / EXCERPTS.name
    copy.write_bytes(EXCERPTS.read_text(encoding="utf-8").replace("\n", line_end).encode("utf-8"))
    assert _finding_places(copy) == _finding_places(EXCERPTS)


def test_zero_width_characters_and_decomposed_letters_keep_columns_in_the_file(tmp_path: Path) -> None:
    written = (
        "Kaz\u200bakhstan and China agreed.\tThe cafe\u0301 of Astana\u00a0hosted the talks "
        "on the Trans-Caspian International Route, Опубликовано.\n"
    )
    path = tmp_path / "a.txt"
    path.write_text(written, encoding="utf-8")
    doc = load_document(path)
    assert doc.text.startswith("Kazakhstan and China agreed.\tThe café of Astana hosted")
    # KZ201 flags the Cyrillic word: its column counts the file's code points, the zero-width space included.
    finding = next(f for f in engine.check(path, QUIET).findings if f.rule == "KZ201")
    location = finding.locations[0]
    assert (location.line, location.column) == (1, written.index("Опубликовано") + 1)
    assert written[location.column - 1 :].startswith(location.text)


def test_normalising_maps_every_offset_back_to_its_character() -> None:
    written = "a\u200b\u200bb e\u0301x \u00adsoft\u00a0end"
    text, origin = normalise(written)
    assert text == "ab éx soft end"
    for offset, char in enumerate(text):
        original = written[origin.original(offset)]
        assert unicodedata.normalize("NFC", original + written[origin.original(offset) + 1 :])[0] == char or (
            char == " " and original == "\u00a0"
        )


def test_a_plain_text_needs_no_offset_map() -> None:
    text, origin = normalise("Plain ASCII text.\r\nSecond line.\n")
    assert text == "Plain ASCII text.\nSecond line.\n" and origin.starts == ()


# --- refusals: one line, exit 2, nothing written --------------------------------------------------


def _png(tmp: Path) -> Path:
    path = tmp / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40))
    return path


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


REFUSALS = [
    pytest.param(lambda tmp: tmp / "missing.txt", "missing.txt: no such file", id="missing"),
    pytest.param(lambda tmp: tmp, "is a directory, expected a text file", id="directory"),
    pytest.param(_png, "photo.png: looks like a PNG image, not a text file", id="png"),
    pytest.param(_bytes("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "scan.pdf: not a readable PDF", id="pdf"),
    pytest.param(_bytes("article.docx", b"PK\x03\x04\x14\x00\x06\x00"), "article.docx: not a readable Word document",
                 id="docx"),
    pytest.param(_bytes("archive.zip", b"PK\x03\x04\x14\x00\x06\x00"), "looks like a ZIP archive", id="zip"),
    pytest.param(_bytes("data.bin", b"abc\x00\x01\x02def" * 10), "looks like a binary file (it contains NUL bytes)",
                 id="nul-bytes"),
    pytest.param(_bytes("controls.txt", bytes(range(1, 9)) * 20), "looks like a binary file (160 control characters)",
                 id="control-characters"),
    pytest.param(_bytes("empty.txt", b""), "empty.txt: is empty", id="empty"),
    pytest.param(_bytes("blank.txt", b" \n\t\r\n  \n"), "blank.txt: has no text, only white space", id="whitespace"),
    pytest.param(_bytes("invisible.txt", "\u200b\u00ad\ufeff".encode()), "invisible.txt: has no visible text",
                 id="only-invisible-characters"),
    pytest.param(_bytes("hyphen.txt", b"\xad"), "hyphen.txt: has no visible text", id="a-soft-hyphen-in-windows-1252"),
]


@pytest.mark.parametrize(("make_input", "expected"), REFUSALS)
def test_what_is_not_a_text_is_refused_in_one_line(tmp_path: Path, make_input, expected: str) -> None:
    bad = make_input(tmp_path)
    report = tmp_path / "report.md"
    report.write_text("the editor's annotated copy\n", encoding="utf-8")
    for command in (["align", str(bad), str(FULL)], ["check", str(bad)]):
        code, _, stderr = kzlint(*command, "--grammar", "off", "-o", str(report))
        assert code == 2
        assert stderr.startswith("kzlint: error: ") and stderr.count("\n") == 1, stderr
        assert expected in stderr
    assert report.read_text(encoding="utf-8") == "the editor's annotated copy\n"


def test_a_file_above_the_size_limit_is_refused(tmp_path: Path) -> None:
    code, _, stderr = kzlint("align", str(EXCERPTS), str(FULL), "--max-file-mb", "0.01", "-o", str(tmp_path / "r.md"))
    assert code == 2 and not (tmp_path / "r.md").exists()
    size = FULL.stat().st_size / 1_000_000
    assert size > 0.01 > EXCERPTS.stat().st_size / 1_000_000
    assert stderr == (
        f"kzlint: error: {FULL}: {size:.3g} MB is above the limit of 0.01 MB "
        "(raise it with --max-file-mb or max_file_mb in kzlint.toml)\n"
    )


def test_the_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kzlint.toml").write_text("max_file_mb = 0.005\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, stderr = kzlint("check", str(FULL), "--grammar", "off", "-o", "r.md")
    assert code == 2 and "above the limit of 0.005 MB" in stderr


def test_the_same_file_as_a_and_b_is_an_error(tmp_path: Path) -> None:
    link = tmp_path / "same.txt"
    link.symlink_to(EXCERPTS)
    code, _, stderr = kzlint("align", str(EXCERPTS), str(link), "-o", str(tmp_path / "r.md"))
    assert code == 2
    assert stderr == f"kzlint: error: {EXCERPTS} and {link} are the same file: give different texts to compare\n"


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permissions do not stop root, so the refusal of the operating system is simulated."""
    path = tmp_path / "locked.txt"
    path.write_text(TALKS, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=r"locked.txt: cannot read \(Permission denied\)$"):
        read_source(path)


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _, stderr = kzlint("check", str(fifo), "--grammar", "off", "-o", str(tmp_path / "r.md"))
    assert code == 2 and stderr == f"kzlint: error: {fifo}: is not a regular file\n"


def test_an_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = kzlint("check", str(FULL), "--encoding", "klingon-8", "-o", str(tmp_path / "r.md"))
    assert code == 2
    assert stderr.startswith("kzlint: error: unknown encoding 'klingon-8'") and stderr.count("\n") == 1


# --- interrupted runs ------------------------------------------------------------------------


def test_ctrl_c_exits_130_and_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.md"
    report.write_text("yesterday's report\n", encoding="utf-8")

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "compare", interrupted)
    code, _, stderr = kzlint("align", str(EXCERPTS), str(FULL), "-o", str(report))
    assert (code, stderr) == (130, "\nkzlint: interrupted\n")
    assert report.read_text(encoding="utf-8") == "yesterday's report\n"


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.md"
    report.write_text("yesterday's report\n", encoding="utf-8")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(report, "today's report\n")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert report.read_text(encoding="utf-8") == "yesterday's report\n"


def test_a_full_disk_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(InputError, match=r"report.md: cannot write \(No space left on device\)"):
        write_atomic(tmp_path / "report.md", "text\n")
    assert list(tmp_path.iterdir()) == []


# --- odd but legal texts still give a sensible report ------------------------------------------


def _one_paragraph(text: str) -> str:
    return " ".join(text.split()) + "\n"


def _one_line_paragraphs(text: str) -> str:
    """Every sentence on a line of its own, the whole article forty times over: thousands of paragraphs."""
    import re

    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    return "\n".join(sentences * 40) + "\n"


def _no_punctuation(text: str) -> str:
    return text.translate(str.maketrans(dict.fromkeys(".!?;:,")))


def _long_line(text: str) -> str:
    words = _no_punctuation(text).split()
    return " ".join(words[i % len(words)] for i in range(16_000)) + "\n"


@pytest.mark.parametrize(
    ("shape", "related"),
    [(_one_paragraph, True), (_one_line_paragraphs, True), (_no_punctuation, True), (_long_line, True)],
    ids=["one-huge-paragraph", "thousands-of-one-line-paragraphs", "no-sentence-punctuation", "100k-character-line"],
)
def test_odd_shapes_of_the_full_text_still_align_with_it(tmp_path: Path, shape, related: bool) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text(shape(FULL.read_text(encoding="utf-8")), encoding="utf-8")
    result = engine.compare(odd, FULL, QUIET)
    assert result.summary.related is related
    assert result.summary.coverage_of_b is not None and result.summary.coverage_of_b > 0.5
    from linter.report import render

    assert json.loads(render([result], "json"))["summary"]["related"] is related
    assert render([result], "markdown").startswith("# kzlint report: odd.txt compared with")


def test_a_100k_character_line_without_punctuation_is_cut_into_sentence_sized_pieces(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text(_long_line(FULL.read_text(encoding="utf-8")), encoding="utf-8")
    doc = load_document(odd)
    assert len(doc.text) > 100_000 and len(doc.paragraphs) == 1
    sizes = [len(sentence.text.split()) for sentence in doc.sentences]
    assert sum(sizes) == 16_000 and all(size <= 60 for size in sizes) and len(sizes) > 250
    assert " ".join(sentence.text for sentence in doc.sentences) == doc.text.strip()


@pytest.mark.parametrize("mark", [".", "!", "-", "…", "”"])
def test_a_sentence_ending_in_a_long_run_of_marks_is_read_once(tmp_path: Path, mark: str) -> None:
    # Each reading of such a run used to start again at each of its marks: quadratic time, minutes here.
    ending = mark * 60_000
    signed = "Kassym-Jomart Tokayev signed the agreement with Xi Jinping on trade, energy and transport"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"The visit began in Astana.\n\n{signed}{ending}\n", encoding="utf-8")
    b.write_text(f"The visit began in Astana on Monday.\n\n{signed}{ending}\n", encoding="utf-8")
    result = engine.compare(a, b, QUIET)
    assert [s.text for s in result.a.sentences] == ["The visit began in Astana.", f"{signed}{ending}"]
    assert [f.message for f in result.findings] == ['different content: nothing in A, "on Monday" in B']
    names = document_names(result.a)[1]
    assert [n.text for n in names] == ["Kassym-Jomart Tokayev", "Xi Jinping"]


def test_long_real_sentences_are_not_cut() -> None:
    longest = max(load_document(FULL).sentences, key=lambda sentence: len(sentence.text))
    assert len(longest.text.split()) == 82 and longest.text.endswith(".")


def test_a_report_gets_the_permissions_of_any_new_file_or_keeps_the_old_ones(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        write_atomic(fresh, "report\n")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.md"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o640)
        write_atomic(kept, "new\n")
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text(encoding="utf-8") == "new\n"
    finally:
        os.umask(umask)
