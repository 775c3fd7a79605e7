"""Opening the ZIP archive a .docx or .odt is, with limits, so that a ZIP bomb posing as one is refused.

A few kilobytes of ZIP can unpack to gigabytes. Before anything is
unpacked, the sizes the archive declares are checked: the whole, each
entry's share of it and each entry's compression ratio. Python's zipfile
never unpacks more than an entry declares, so a lying header cannot get
past these limits either.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from linter.errors import InputError

# A password-protected .docx or .odt is not a ZIP archive but an OLE container holding the encrypted package.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_ENTRIES = 10_000
# Text compresses about tenfold, XML up to fifty-fold; a thousand-fold is a bomb.
_MAX_RATIO = 1_000
_RATIO_CHECKED_ABOVE = 1_000_000
# An unpacked document may be this many times larger than the limit on input files.
_UNPACKED_PER_INPUT = 4


def open_archive(data: bytes, label: str, what: str, max_file_mb: float) -> zipfile.ZipFile:
    """The archive, once its declared sizes are known to be safe to unpack; else one line saying why."""
    if data.startswith(_OLE):
        raise InputError(
            f"{label}: is password-protected or an old binary {what} (.doc); save it unprotected as .docx or .odt"
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{label}: not a readable {what} (a damaged ZIP archive: {exc})") from None
    if len(entries) > _MAX_ENTRIES:
        raise InputError(f"{label}: refused: {len(entries)} files in the archive, more than a {what} holds")
    limit = max_file_mb * 1_000_000 * _UNPACKED_PER_INPUT
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limit:
        raise InputError(
            f"{label}: refused: it would unpack to {unpacked / 1_000_000:.3g} MB, above the limit of {limit / 1_000_000:g} MB"
        )
    for entry in entries:
        if entry.file_size > _RATIO_CHECKED_ABOVE and entry.file_size > _MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(f"{label}: refused: {entry.filename} is compressed {entry.file_size // max(entry.compress_size, 1)}-fold, a ZIP bomb")
    return archive
