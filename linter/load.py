"""Reading texts: find the encoding, refuse what is not text, normalise for comparison.

Renderings come from web pages, word processors and mail: UTF-8 with or
without a byte-order mark, UTF-16 with one, or a legacy single-byte code page
(Windows-1251 for Cyrillic, Windows-1252 for Western European). A byte-order
mark decides; otherwise strict UTF-8 is tried, and only if that fails is the
encoding detected, with chardetng, the detector Firefox uses for legacy web
pages. (charset-normalizer, tried first, read the English seed article saved
in Windows-1251 as Windows-1250 and turned its two Cyrillic words to
mojibake.) ``--encoding`` overrides all of this.

The decoded text is then normalised so that two renderings compare alike
whatever their editors did: line ends become ``\\n``, characters are composed
(NFC), zero-width characters and soft hyphens are dropped and no-break spaces
become spaces. An :class:`~linter.model.OffsetMap` records what was dropped, so
that findings still point at the line and column of the file as written.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import regex

from linter.errors import InputError
from linter.model import OffsetMap

DEFAULT_MAX_FILE_MB = 64
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The opening bytes of the binary files people most often pick by mistake.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub is one too)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)
# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MOSTLY_CONTROL = 0.05
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"  # soft hyphen, zero-width space, word joiner, stray byte-order mark
_NEEDS_CARE = re.compile(f"[{_INVISIBLE}]|[^\\x00-\\x7f]")
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})
_CLUSTER = regex.compile(r"\X")


@dataclass(frozen=True)
class Source:
    """A file's text as kzlint compares it, where its offsets lie in the file, and the encoding it was read in."""

    text: str
    origin: OffsetMap
    encoding: str


def read_source(
    path: Path, encoding: str | None = None, max_file_mb: float = DEFAULT_MAX_FILE_MB, data: bytes | None = None
) -> Source:
    """Read, decode and normalise one text; anything that is not a readable text is an InputError.

    ``data``, when given, is the file's content read elsewhere (a batch task
    ships it to a worker that cannot see the file); ``path`` then only names it.
    """
    if data is None:
        data = _read_bytes(path, max_file_mb)
    text, used = decode(data, path, encoding)
    _refuse_control_characters(path, text)
    normalised, origin = normalise(text)
    _refuse_empty(path, normalised)
    return Source(normalised, origin, used)


def _read_bytes(path: Path, max_file_mb: float) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a text file")
    if not path.is_file():
        raise InputError(f"{path}: is not a regular file")
    try:
        size = path.stat().st_size
        if size > max_file_mb * 1_000_000:
            raise InputError(
                f"{path}: {size / 1_000_000:.3g} MB is above the limit of {max_file_mb:g} MB "
                "(raise it with --max-file-mb or max_file_mb in kzlint.toml)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was decoded from."""
    if encoding:
        return _decode_as(data, path, encoding), encoding
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_as(data, path, codec), codec.removesuffix("-sig")
    _refuse_binary(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from chardetng_py import detect

    detected = detect(data, allow_utf8=False)
    return _decode_as(data, path, detected), detected


def _decode_as(data: bytes, path: Path, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid {encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "give the right one with --encoding"
        ) from None


def _refuse_binary(data: bytes, path: Path) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{path}: looks like {kind}, not a text file")
    if b"\x00" in data:
        raise InputError(
            f"{path}: looks like a binary file (it contains NUL bytes); "
            "if it is UTF-16 text without a byte-order mark, give --encoding utf-16-le or utf-16-be"
        )


def _refuse_control_characters(path: Path, text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > _MOSTLY_CONTROL * len(text):
        raise InputError(f"{path}: looks like a binary file ({controls} control characters)")


def _refuse_empty(path: Path, normalised: str) -> None:
    """Checked after normalising: a file of zero-width spaces or soft hyphens has no text either."""
    if not normalised:
        raise InputError(f"{path}: is empty" if path.stat().st_size == 0 else f"{path}: has no visible text")
    if normalised.isspace():
        raise InputError(f"{path}: has no text, only white space")


def normalise(text: str) -> tuple[str, OffsetMap]:
    """The text as compared: ``\\n`` line ends, NFC, no zero-width characters, plain spaces.

    The offset map is taken against the text with ``\\n`` line ends, whose
    lines and columns are the file's own. Only lines with something to
    change are taken apart, so a plain text costs one scan.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    if not _NEEDS_CARE.search(text) or (unicodedata.is_normalized("NFC", text) and not _has_invisible(text)):
        return text, OffsetMap()
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    length = dropped = 0
    for line in text.splitlines(keepends=True):
        if unicodedata.is_normalized("NFC", line) and not _has_invisible(line):
            pieces.append(line)
            length += len(line)
            continue
        for cluster in _CLUSTER.findall(line):
            composed = unicodedata.normalize("NFC", cluster.translate(_DROP_INVISIBLE))
            pieces.append(composed)
            length += len(composed)
            if len(composed) != len(cluster):
                dropped += len(cluster) - len(composed)
                starts.append(length)
                shifts.append(dropped)
    return "".join(pieces), OffsetMap(tuple(starts), tuple(shifts))


_DROP_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))


def _has_invisible(text: str) -> bool:
    return any(char in text for char in _INVISIBLE)
