"""The grammar cache: one small JSON file per checked paragraph, outside the repository.

Grammar checking is the slowest stage and paragraphs rarely change between
runs, so results are kept per paragraph under a key made of the backend, its
version, the options that change its output and the paragraph's text. One
file per key, written to a temporary file and moved into place with
``os.replace``, means parallel runs never see a half-written entry and never
need a lock. A cache that cannot be read or written is a miss, never an error.

What is cached is the backend's raw answer; the false-alarm filters (names,
the word list) run after the cache. A backend taught the run's names and
word list (Harper) answers according to those of them the paragraph holds,
so an entry records them and is used only while they stay the same; it also
records the paragraph's capitalised words the backend's dictionary lacks,
and those of them a slip away from a dictionary word, facts of the backend
version, so that a run served from the cache never starts the backend to ask.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError
from linter.grammar.issues import Issue
from linter.output import write_atomic

CACHE_DIR_ENV = "KZLINT_CACHE_DIR"
_SCHEMA = 3


def cache_root() -> Path:
    """``$KZLINT_CACHE_DIR`` if set, else the user's cache folder for kzlint."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kzlint"))


@dataclass(frozen=True)
class CachedCheck:
    """One paragraph's issues, the words the backend had been taught that it holds, and the capitalised words it lacks.

    ``near`` holds those of the ``unknown`` words a slip away from a dictionary word.
    """

    issues: list[Issue]
    taught: tuple[str, ...] = ()
    unknown: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, object]:
        return {
            "issues": [issue.to_json() for issue in self.issues],
            "taught": list(self.taught),
            "unknown": sorted(self.unknown),
            "near": sorted(self.near),
        }

    @classmethod
    def from_json(cls, data: dict) -> CachedCheck:
        return cls(
            [Issue.from_json(entry) for entry in data["issues"]],
            tuple(str(word) for word in data["taught"]),
            frozenset(str(word) for word in data["unknown"]),
            frozenset(str(word) for word in data["near"]),
        )


class GrammarCache:
    """Checks per paragraph for one backend configuration."""

    def __init__(self, root: Path, family: str, version: str, options: Mapping[str, object]) -> None:
        self._folder = root / "grammar"
        self._identity = {"schema": _SCHEMA, "backend": family, "version": version, "options": dict(options)}

    def key(self, text: str) -> str:
        material = json.dumps({**self._identity, "text": text}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def has(self, text: str) -> bool:
        """Whether ``text`` has an entry, usable or not; cheaper than reading it."""
        return self._path(self.key(text)).is_file()

    def get(self, text: str) -> CachedCheck | None:
        """The cached check of ``text``, or ``None`` when there is no usable entry."""
        path = self._path(self.key(text))
        try:
            return CachedCheck.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, text: str, check: CachedCheck) -> None:
        path = self._path(self.key(text))
        payload = json.dumps(check.to_json(), ensure_ascii=False)
        # A cache that cannot be written only makes the next run slower.
        with contextlib.suppress(InputError):
            write_atomic(path, payload, durable=False)

    def _path(self, key: str) -> Path:
        return self._folder / key[:2] / f"{key}.json"
