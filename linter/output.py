"""Writing reports and baselines: never onto an input, never over a special file, never half-written.

Every command that writes a file goes through :func:`check_output` before
the run (so a slip of ``-o`` costs nothing, and the input is untouched) and
:func:`write_output` after it:

- ``-`` is standard output;
- a character device, a FIFO or a socket is written to as a stream (a block device is refused): the
  atomic rename would replace ``/dev/null`` with a regular file;
- a symbolic link keeps being a link: the file it points to is replaced;
- anything else is written to a temporary file beside it and renamed into
  place, so that a crash or a full disk never leaves a half-written report.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from linter.errors import InputError, UsageError

if TYPE_CHECKING:
    from linter.settings import Settings

STANDARD_OUTPUT = Path("-")


def is_standard_output(target: Path) -> bool:
    """Whether ``-o`` named standard output, as ``-`` does for other command-line tools."""
    return target == STANDARD_OUTPUT


def inputs_of(settings: Settings, *paths: Path | None) -> tuple[Path, ...]:
    """Every file a run reads: ``paths`` (texts, a baseline) and the settings' rule files, companions, configuration."""
    folders_or_files = (*settings.rule_paths, *settings.companions)
    named = (*paths, *_files_in(folders_or_files), settings.config_file, settings.grammar.words_file)
    return tuple(path for path in named if path is not None)


def check_output(target: Path, inputs: Iterable[Path]) -> None:
    """Stop before the run if writing ``target`` would overwrite one of the run's ``inputs``, or a disk.

    An input is the same file by its resolved path (a symbolic link to it
    counts) or by its inode (a hard link counts). A device, FIFO or socket
    is written to as a stream, which overwrites nothing, even if read too
    (``--config /dev/null -o /dev/null``).
    """
    if is_standard_output(target):
        return
    _refuse_block_device(target)
    if _special_kind(target):
        return
    resolved = Path(os.path.realpath(target))
    identity = _inode(resolved)
    for path in inputs:
        if not path.exists():
            continue  # nothing to lose; reading it will say what is wrong
        if Path(os.path.realpath(path)) == resolved or (identity is not None and _inode(path) == identity):
            same = "" if Path(os.path.abspath(path)) == Path(os.path.abspath(target)) else f" (the same file as {path})"
            raise UsageError(f"{target} is an input of this run{same}: write the output to another file")


def write_output(target: Path, text: str) -> str:
    """Write ``text`` where ``-o`` says; return how to name the place in a message ("" for standard output)."""
    if is_standard_output(target):
        sys.stdout.write(text)
        return ""
    _refuse_block_device(target)
    kind = _special_kind(target)
    if kind == "socket":
        _send_to_socket(target, text)
    elif kind:
        _write_stream(target, text)
    else:
        write_atomic(target, text)
    return str(target)


def write_atomic(path: Path, text: str, durable: bool = True) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    Readers see either the old file or the new one, never a mix. ``durable``
    also flushes the data to disk before the rename, so that a report
    survives a power cut; a cache entry, which can be recomputed, skips it.
    A symbolic link is followed: the file it points to is replaced, the link stays.
    """
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    except BaseException:
        # Ctrl-C while writing: the previous file stays, and no temporary file is left behind.
        Path(temporary).unlink(missing_ok=True)
        raise


def _refuse_block_device(target: Path) -> None:
    """A report written onto a disk would destroy what the disk holds."""
    if _special_kind(target) == "block device":
        raise InputError(f"{target}: is a block device: write the output to a file")


def _files_in(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, folders replaced by the files directly in them (as companions and rule folders are read)."""
    for path in paths:
        if path.is_dir():
            yield from (child for child in sorted(path.iterdir()) if child.is_file())
        else:
            yield path


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _special_kind(target: Path) -> str:
    """What kind of special file ``target`` is (following links), or "" for a regular or missing file."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return ""
    kinds = (
        (stat.S_ISCHR, "character device"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISBLK, "block device"),
    )
    return next((name for is_kind, name in kinds if is_kind(mode)), "")


def _write_stream(target: Path, text: str) -> None:
    """A device or a FIFO: written in place, as a shell's ``>`` would, never replaced."""
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror})") from None


def _send_to_socket(target: Path, text: str) -> None:
    """A Unix socket: the report is sent to whoever listens on it."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(str(target))
            connection.sendall(text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"{target}: cannot write to the socket ({exc.strerror or exc})") from None


def _mode_for(path: Path) -> int:
    """The permissions the file would have if written in place: the old file's, or the default.

    A temporary file is created readable by its owner only; a report shared
    with editors must come out as any other file the user writes.
    """
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
