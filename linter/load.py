"""Reading texts: decode strictly, normalise line ends, fail with one clear line."""

from __future__ import annotations

from pathlib import Path

from linter.errors import InputError


def read_text(path: Path) -> str:
    """The file's text as UTF-8 with ``\\n`` line ends and no byte-order mark.

    Decoding is strict: a rendering in another encoding would otherwise be
    compared as mojibake and every finding would be wrong.
    """
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a text file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise InputError(f"{path}: looks like a binary file (contains NUL bytes)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
