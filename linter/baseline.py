"""Baselines: findings an editor has accepted, so that later runs report only new ones.

A finding is recorded by its rule, the names of the files it points into and
a hash of the texts it concerns (white space normalised) — never by line or
column — so a baseline survives edits elsewhere in the documents. Equal keys
are counted: if a text has the same accepted finding twice and gains a third,
the third is reported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from linter.engine import RunResult, recount
from linter.errors import ConfigError
from linter.model import Document, Finding
from linter.output import write_atomic

FORMAT_VERSION = 1
_EXCERPT_CHARS = 80


def write_baseline(path: Path, results: Sequence[RunResult]) -> int:
    """Record every finding of ``results`` in ``path`` (written atomically, sorted by key); return how many."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, dict[str, object]] = {}
    for result in results:
        for finding in result.findings:
            key = finding_key(finding, result)
            counts[key] += 1
            first_seen.setdefault(key, _described(finding, result))
    entries = [{"key": key, **first_seen[key], "count": counts[key]} for key in sorted(counts)]
    document = {"kzlint_baseline": FORMAT_VERSION, "findings": entries}
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return sum(counts.values())


def apply_baseline(path: Path, results: Sequence[RunResult]) -> list[RunResult]:
    """The results without the findings recorded in ``path``, with their summaries recomputed."""
    accepted = read_baseline(path)
    return [_without(result, accepted) for result in results]


def read_baseline(path: Path) -> Counter[str]:
    """How many findings of each key the baseline accepts; a missing or malformed file is one-line error."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable kzlint baseline ({exc})") from None
    if not isinstance(document, dict) or document.get("kzlint_baseline") != FORMAT_VERSION:
        raise ConfigError(f'{path}: not a kzlint baseline (expected "kzlint_baseline": {FORMAT_VERSION})')
    accepted: Counter[str] = Counter()
    for entry in document.get("findings", []):
        if not (isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("count"), int)):
            raise ConfigError(
                f"{path}: malformed baseline entry {json.dumps(entry, ensure_ascii=False)[:_EXCERPT_CHARS]}"
            )
        accepted[entry["key"]] += entry["count"]
    return accepted


def finding_key(finding: Finding, result: RunResult) -> str:
    """Rule, file names and the normalised texts the finding points at, hashed; positions play no part."""
    parts = [finding.rule]
    for location in sorted(finding.locations, key=lambda loc: (loc.side, loc.start)):
        doc = _document(result, location.side)
        parts += [location.side, doc.path.name if doc else "", " ".join(location.text.split())]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{finding.rule}:{digest}"


def _without(result: RunResult, accepted: Counter[str]) -> RunResult:
    remaining = Counter(accepted)
    kept = []
    for finding in result.findings:
        key = finding_key(finding, result)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    accepted = len(result.findings) - len(kept)
    return dataclasses.replace(result, findings=tuple(kept), summary=recount(result.summary, kept), accepted=accepted)


def _described(finding: Finding, result: RunResult) -> dict[str, object]:
    """What the file shows beside a key: enough for a person to recognise the finding in a diff."""
    first = finding.locations[0] if finding.locations else None
    doc = _document(result, first.side) if first else None
    return {
        "rule": finding.rule,
        "file": doc.path.name if doc else "",
        "text": " ".join(first.text.split())[:_EXCERPT_CHARS] if first else "",
        "message": finding.message,
    }


def _document(result: RunResult, side: str) -> Document | None:
    return result.a if side == "a" else result.b
