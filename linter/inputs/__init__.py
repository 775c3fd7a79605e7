"""Inputs: read a text file, a web page, a Word or OpenDocument file, a PDF, an address or standard input.

Each format has one reader, which returns the text it extracts and a map
from each piece of that text back to where it stands in the original (see
:class:`~linter.inputs.base.Extracted`); everything after reading is the
same for every format. The format is told by the file's suffix, else by its
first bytes, so that a page saved as ``.txt`` or piped to standard input is
still read as a page.
"""

from __future__ import annotations

import sys
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from linter.errors import InputError
from linter.inputs.base import Extracted, Source
from linter.inputs.text import DEFAULT_MAX_FILE_MB, extract_text, prepared, read_bytes

STDIN = "-"
DEFAULT_FETCH_TIMEOUT = 20.0
_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".odt": "odt", ".pdf": "pdf"}
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml")


def read_input(
    given: str | Path,
    encoding: str | None = None,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT,
    data: bytes | None = None,
) -> Source:
    """Read one input, named by a path, an ``http(s)://`` address or ``-``, into the text kzlint compares.

    ``data``, when given, is a file's content read elsewhere (a batch task
    ships it to a worker that cannot see the file); the path then only names it.
    """
    name = str(given)
    if name == STDIN:
        data, path, shown = _read_stdin(max_file_mb), Path("stdin"), STDIN
        format_name = sniff(data)
    elif is_address(name):
        from linter.inputs.fetch import fetch

        data = fetch(name, max_file_mb, fetch_timeout)
        path, shown, format_name = Path(stem_of(name) + ".html"), name, "html"
    else:
        path, shown = Path(given), None
        data = read_bytes(path, max_file_mb) if data is None else data
        format_name = _SUFFIXES.get(path.suffix.lower()) or sniff(data)
    label = shown or str(path)
    extracted = _extract(format_name, data, label, encoding, max_file_mb)
    return prepared(extracted, label, data, path, shown)


def is_address(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def local_files(*names: str) -> list[Path]:
    """The inputs that are files here: neither ``-`` nor an address (what an output must never overwrite)."""
    return [Path(name) for name in names if name != STDIN and not is_address(name)]


def stem_of(name: str) -> str:
    """A short name for an input, for default report names: a file's stem, an address's last part, ``stdin``."""
    if name == STDIN:
        return "stdin"
    if is_address(name):
        parts = urlsplit(name)
        last = PurePosixPath(parts.path).stem
        return last or parts.hostname or "page"
    return Path(name).stem


def sniff(data: bytes) -> str:
    """The format of an input without a telling suffix, from its first bytes."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(_HTML_STARTS) and (b"<html" in head or b"<body" in head or head.startswith(b"<!doctype html")):
        return "html"
    if data.startswith(b"PK\x03\x04"):
        return _office_format(data)
    return "text"


def _office_format(data: bytes) -> str:
    """A ZIP archive holding a Word or OpenDocument text; any other ZIP is refused as a text would be."""
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return "text"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        return "odt"
    return "text"


def _extract(format_name: str, data: bytes, label: str, encoding: str | None, max_file_mb: float) -> Extracted:
    """The text of the input, by its format's reader; each reader is imported only when its format comes."""
    if format_name == "html":
        from linter.inputs.html import read_page

        return read_page(data, label, encoding)
    if format_name == "docx":
        from linter.inputs.docx import read_word

        return read_word(data, label, max_file_mb)
    if format_name == "odt":
        from linter.inputs.odt import read_opendocument

        return read_opendocument(data, label, max_file_mb)
    if format_name == "pdf":
        from linter.inputs.pdf import read_pdf

        return read_pdf(data, label)
    return extract_text(data, label, encoding)


def _read_stdin(max_file_mb: float) -> bytes:
    limit = int(max_file_mb * 1_000_000)
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{STDIN}: standard input is above the limit of {max_file_mb:g} MB")
    return data

