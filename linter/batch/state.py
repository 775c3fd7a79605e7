"""What makes a batch resumable: a fingerprint per pair and a record beside its finished reports.

A pair's fingerprint hashes kzlint's version, the settings that shape a report
(not ``--jobs`` or ``--fail-on``, which do not), the names and bytes of its
texts, and the bytes of the rule files and companion sources in use. The
record is written after the reports, atomically: a pair with a record whose
fingerprint matches, and whose reports are there, is finished, and a batch
interrupted anywhere resumes with the pairs that are not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from linter import __version__
from linter.batch.manifest import PairSpec
from linter.batch.task import REPORT_FORMATS, PairOutcome
from linter.output import write_atomic
from linter.settings import Settings

RECORD_SUFFIX = ".state.json"
PAIRS_FOLDER = "pairs"


@dataclass(frozen=True)
class PairFiles:
    """Where one pair's reports and record live in the output folder."""

    folder: Path
    pair_id: str

    def report(self, format_name: str) -> Path:
        return self.folder / PAIRS_FOLDER / f"{self.pair_id}{REPORT_FORMATS[format_name]}"

    @property
    def record(self) -> Path:
        return self.folder / PAIRS_FOLDER / f"{self.pair_id}{RECORD_SUFFIX}"


def fingerprint(spec: PairSpec, settings: Settings) -> str:
    """A hash of everything a pair's reports depend on."""
    digest = hashlib.sha256()
    digest.update(f"kzlint {__version__}\n{_settings_key(settings)}\n".encode())
    for path in (spec.a, spec.b, *spec.others):
        digest.update(_file_key(path).encode())
    digest.update(_shared_inputs_key(tuple(settings.rule_paths), tuple(settings.companions)).encode())
    return digest.hexdigest()


def finished(files: PairFiles, key: str) -> PairOutcome | None:
    """The pair's outcome as recorded, if its record matches ``key`` and its reports are all there."""
    try:
        record = json.loads(files.record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != key or not all(files.report(name).is_file() for name in REPORT_FORMATS):
        return None
    return PairOutcome(
        files.pair_id, "skipped", counts=record["counts"], by_rule=record["by_rule"], by_category=record["by_category"]
    )


def save(files: PairFiles, key: str, outcome: PairOutcome) -> None:
    """Write the pair's reports, then its record: a report without a record is simply redone.

    The reports reach the disk before the record is written; the record itself
    is not flushed, since losing it in a power cut only means the pair is redone.
    """
    for name, text in outcome.reports.items():
        write_atomic(files.report(name), text)
    record = {"fingerprint": key, "counts": outcome.counts, "by_rule": outcome.by_rule, "by_category": outcome.by_category}
    write_atomic(files.record, json.dumps(record, indent=1, sort_keys=True) + "\n", durable=False)


def forget(files: PairFiles) -> None:
    """A pair that failed this time is not finished, whatever it was before."""
    files.record.unlink(missing_ok=True)


def _settings_key(settings: Settings) -> str:
    grammar, read = settings.grammar, settings.input
    shaping = {
        "rule_paths": [p.as_posix() for p in settings.rule_paths],
        "default_rules": settings.default_rules,
        "disabled": sorted(settings.disabled),
        "severities": {rule: severity.label for rule, severity in sorted(settings.severities.items())},
        "companions": [p.as_posix() for p in settings.companions],
        "grammar": [grammar.backend, grammar.languagetool_url, grammar.language, grammar.picky, list(grammar.words)],
        "input": [read.encoding, read.max_file_mb],
    }
    return json.dumps(shaping, sort_keys=True)


def _file_key(path: Path) -> str:
    try:
        content = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        content = f"unreadable: {exc.strerror}"
    return f"{path.as_posix()}\0{content}\n"


@lru_cache(maxsize=8)
def _shared_inputs_key(rule_paths: tuple[Path, ...], companions: tuple[Path, ...]) -> str:
    """The rule files and companion sources, read once per batch: every pair shares them."""
    return "".join(_file_key(path) for path in _files_under((*rule_paths, *companions)))


def _files_under(paths: Iterable[Path]) -> list[Path]:
    found = []
    for path in paths:
        found.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return found

