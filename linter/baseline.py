"""Baselines: findings an editor has accepted, so that later runs report only new ones.

A finding is recorded by its rule, the side it is on (a or b), and a hash of
the texts it quotes and of its message (white space normalised): never by
line or column, so a baseline survives edits elsewhere in the documents,
and not by file name, so it survives renaming a draft. The file name is
recorded beside the key and breaks ties: a finding is matched with an
accepted one of its own file first, of another file only when none is left.
Equal keys are counted: if a text has the same accepted finding twice and
gains a third, the third is reported.

Baselines of format 1 (keyed by file name as well) are still read, and
matched as they were; ``--update-baseline`` rewrites them in format 2.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from linter.engine import RunResult, recount
from linter.errors import ConfigError
from linter.model import Document, Finding
from linter.output import write_output

FORMAT_VERSION = 2
_READ_VERSIONS = (1, 2)
_EXCERPT_CHARS = 80


def write_baseline(path: Path, results: Sequence[RunResult]) -> int:
    """Record every finding of ``results`` in ``path`` (written atomically, sorted by key); return how many."""
    counts: Counter[tuple[str, str]] = Counter()  # (key, file name): how many
    first_seen: dict[tuple[str, str], dict[str, object]] = {}
    for result in results:
        for finding in result.findings:
            entry = (finding_key(finding, result), _file_name(finding, result))
            counts[entry] += 1
            first_seen.setdefault(entry, _described(finding, result))
    entries = [{"key": key, **first_seen[key, file], "count": counts[key, file]} for key, file in sorted(counts)]
    document = {"kzlint_baseline": FORMAT_VERSION, "findings": entries}
    write_output(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return sum(counts.values())


@dataclass(frozen=True)
class Accepted:
    """What a baseline accepts: how many findings of each key, per file name; and how a finding's key is made."""

    counts: dict[str, Counter[str]]
    key: Callable[[Finding, RunResult], str]


def apply_baseline(path: Path, results: Sequence[RunResult]) -> list[RunResult]:
    """The results without the findings recorded in ``path``, with their summaries recomputed.

    Findings are matched with accepted ones of the same file first, then of
    any file (a renamed draft), so that a key shared by two files is given
    to each its own.
    """
    accepted = read_baseline(path)
    keyed = {
        (run, index): (accepted.key(finding, result), _file_name(finding, result))
        for run, result in enumerate(results)
        for index, finding in enumerate(result.findings)
    }
    matched = _matched(keyed, accepted.counts)
    return [
        _keeping(result, [f for index, f in enumerate(result.findings) if (run, index) not in matched])
        for run, result in enumerate(results)
    ]


def _matched(keyed: dict[tuple[int, int], tuple[str, str]], accepted: dict[str, Counter[str]]) -> set[tuple[int, int]]:
    """The findings (by run and index) the baseline accepts: same file first, then any file left with that key."""
    remaining = {key: Counter(files) for key, files in accepted.items()}
    matched: set[tuple[int, int]] = set()
    for same_file_only in (True, False):
        for place, (key, file) in keyed.items():
            files = remaining.get(key)
            if place in matched or not files:
                continue
            chosen = file if same_file_only else min((f for f, n in files.items() if n > 0), default=None)
            if chosen is not None and files[chosen] > 0:
                files[chosen] -= 1
                matched.add(place)
    return matched


def read_baseline(path: Path) -> Accepted:
    """How many findings of each key the baseline accepts; a missing or malformed file is one-line error."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable kzlint baseline ({exc})") from None
    version = document.get("kzlint_baseline") if isinstance(document, dict) else None
    if type(version) is not int or version not in _READ_VERSIONS:
        raise ConfigError(f'{path}: not a kzlint baseline (expected "kzlint_baseline": {FORMAT_VERSION})')
    counts: dict[str, Counter[str]] = {}
    for entry in document.get("findings", []):
        if not (isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("count"), int)):
            raise ConfigError(
                f"{path}: malformed baseline entry {json.dumps(entry, ensure_ascii=False)[:_EXCERPT_CHARS]}"
            )
        file = entry.get("file") if version == FORMAT_VERSION and isinstance(entry.get("file"), str) else ""
        counts.setdefault(entry["key"], Counter())[file] += entry["count"]
    return Accepted(counts, finding_key if version == FORMAT_VERSION else legacy_key)


def finding_key(finding: Finding, result: RunResult) -> str:
    """Rule, sides, and the normalised texts and message of the finding, hashed; positions and files play no part."""
    parts = [finding.rule, " ".join(finding.message.split())]
    for location in sorted(finding.locations, key=lambda loc: (loc.side, loc.start)):
        parts += [location.side, " ".join(location.text.split())]
    return _hashed(finding.rule, parts)


def legacy_key(finding: Finding, result: RunResult) -> str:
    """The key of format 1: rule, file names and the normalised texts, hashed."""
    parts = [finding.rule]
    for location in sorted(finding.locations, key=lambda loc: (loc.side, loc.start)):
        doc = _document(result, location.side)
        parts += [location.side, doc.path.name if doc else "", " ".join(location.text.split())]
    return _hashed(finding.rule, parts)


def _hashed(rule: str, parts: list[str]) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{rule}:{digest}"


def _keeping(result: RunResult, kept: list[Finding]) -> RunResult:
    accepted = len(result.findings) - len(kept)
    return dataclasses.replace(result, findings=tuple(kept), summary=recount(result.summary, kept), accepted=accepted)


def _file_name(finding: Finding, result: RunResult) -> str:
    """The name of the file the finding's first location is in: the tie-breaker between equal keys."""
    doc = _document(result, finding.locations[0].side) if finding.locations else None
    return doc.path.name if doc else ""


def _described(finding: Finding, result: RunResult) -> dict[str, object]:
    """What the file shows beside a key: enough for a person to recognise the finding in a diff."""
    first = finding.locations[0] if finding.locations else None
    return {
        "rule": finding.rule,
        "side": first.side if first else "",
        "file": _file_name(finding, result),
        "text": " ".join(first.text.split())[:_EXCERPT_CHARS] if first else "",
        "message": finding.message,
    }


def _document(result: RunResult, side: str) -> Document | None:
    return result.a if side == "a" else result.b
