"""The pairs of a batch: read from a manifest (CSV or JSON Lines), or paired by file name across two folders.

A manifest row names ``a`` and ``b``, optionally an ``id``, ``with`` (other
reports of the same event, ``;``-separated in CSV, a list in JSON Lines) and
per-pair options (``encoding``, ``language``, ``grammar``, ``disable``).
Paths are relative to the manifest's folder. A malformed manifest stops the
batch (one line naming the file and row); a pair whose files are missing is
left to fail on its own row, so that one bad pair never stops the others.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from linter.config import GRAMMAR_BACKENDS
from linter.errors import UsageError

_COLUMNS = ("id", "a", "b", "with", "encoding", "language", "grammar", "disable")
_OPTIONS = ("encoding", "language", "grammar", "disable")
_TEXT_SUFFIXES = {".txt", ".md"}


@dataclass(frozen=True)
class PairOptions:
    """What one pair may set for itself, over the batch's settings."""

    encoding: str | None = None
    language: str | None = None
    grammar: str | None = None
    disable: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairSpec:
    """One pair to compare. ``problem`` is why it cannot run (a file missing on one side), if so."""

    id: str
    a: Path
    b: Path
    others: tuple[Path, ...] = ()
    options: PairOptions = PairOptions()
    problem: str | None = None


def read_manifest(path: Path) -> list[PairSpec]:
    """The pairs a CSV or JSON Lines manifest lists, in its order."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such manifest") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the manifest ({getattr(exc, 'strerror', None) or exc})") from None
    rows = _jsonl_rows(path, text) if path.suffix.lower() in {".jsonl", ".ndjson"} else _csv_rows(path, text)
    pairs = [_pair(path, number, row) for number, row in rows]
    if not pairs:
        raise UsageError(f"{path}: the manifest lists no pairs")
    return _unique(path, pairs)


def pair_by_name(dir_a: Path, dir_b: Path) -> list[PairSpec]:
    """A pair for each text of ``dir_a`` and the file of the same relative path in ``dir_b``.

    A text found on one side only is a pair that fails with a one-line reason,
    so that the index shows it rather than the batch silently skipping it.
    """
    for folder in (dir_a, dir_b):
        if not folder.is_dir():
            raise UsageError(f"{folder}: not a folder")
    names_a, names_b = _texts_under(dir_a), _texts_under(dir_b)
    pairs = []
    for name in sorted(names_a | names_b):
        problem = None
        if name not in names_b:
            problem = f"{dir_a / name}: no file of this name in {dir_b}"
        elif name not in names_a:
            problem = f"{dir_b / name}: no file of this name in {dir_a}"
        pairs.append(PairSpec(_id_from(PurePosixPath(name)), dir_a / name, dir_b / name, problem=problem))
    if not pairs:
        raise UsageError(f"{dir_a} and {dir_b} hold no .txt or .md files")
    return _unique(dir_a, pairs)


def _texts_under(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.suffix in _TEXT_SUFFIXES and p.is_file() and not p.name.startswith(".")
    }


def _csv_rows(path: Path, text: str) -> Iterable[tuple[int, Mapping[str, Any]]]:
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None:
        raise UsageError(f"{path}: the manifest is empty")
    unknown = [name for name in reader.fieldnames if name not in _COLUMNS]
    if unknown:
        raise UsageError(f"{path}: unknown column {unknown[0]!r} (known: {', '.join(_COLUMNS)})")
    for number, row in enumerate(reader, start=2):
        if any(value for value in row.values()):
            yield number, {key: value for key, value in row.items() if value}


def _jsonl_rows(path: Path, text: str) -> Iterable[tuple[int, Mapping[str, Any]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise UsageError(f"{path}:{number}: each line must be a JSON object")
        unknown = [key for key in row if key not in _COLUMNS]
        if unknown:
            raise UsageError(f"{path}:{number}: unknown key {unknown[0]!r} (known: {', '.join(_COLUMNS)})")
        yield number, row


def _pair(manifest: Path, number: int, row: Mapping[str, Any]) -> PairSpec:
    where = f"{manifest}:{number}"
    for key in ("a", "b"):
        if not isinstance(row.get(key), str) or not row[key]:
            raise UsageError(f"{where}: '{key}' must name a file")
    folder = manifest.parent
    a, b = folder / row["a"], folder / row["b"]
    others = tuple(folder / other for other in _listed(where, row, "with"))
    pair_id = row.get("id") or f"{a.stem}--{b.stem}"
    if not isinstance(pair_id, str):
        raise UsageError(f"{where}: 'id' must be text")
    _check_id(where, pair_id)
    if row.get("grammar") not in (None, *GRAMMAR_BACKENDS):
        raise UsageError(f"{where}: 'grammar' must be one of {', '.join(GRAMMAR_BACKENDS)}")
    options = PairOptions(
        encoding=_text(where, row, "encoding"),
        language=_text(where, row, "language"),
        grammar=_text(where, row, "grammar"),
        disable=tuple(_listed(where, row, "disable")),
    )
    return PairSpec(pair_id, a, b, others, options)


def _listed(where: str, row: Mapping[str, Any], key: str) -> list[str]:
    """A list value: a JSON list of strings, or one string with ``;`` between items (as CSV needs)."""
    value = row.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise UsageError(f"{where}: '{key}' must be a list of strings or a ';'-separated string")


def _text(where: str, row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{where}: '{key}' must be text")
    return value


def _id_from(name: PurePosixPath) -> str:
    return name.with_suffix("").as_posix()


def _check_id(where: str, pair_id: str) -> None:
    """An id names the pair's report files under the output folder: it must stay inside it."""
    parts = PurePosixPath(pair_id).parts
    if pair_id.startswith("/") or "\\" in pair_id or any(part in {".", ".."} or part.startswith(".") for part in parts):
        raise UsageError(f"{where}: id {pair_id!r} must be a relative name without '.', '..' or a leading dot")


def _unique(where: Path, pairs: list[PairSpec]) -> list[PairSpec]:
    seen: set[str] = set()
    for pair in pairs:
        if pair.id in seen:
            raise UsageError(f"{where}: two pairs have the id {pair.id!r}; give each row its own 'id'")
        seen.add(pair.id)
    return pairs
