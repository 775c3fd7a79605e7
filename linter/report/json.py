"""The JSON document: a stable, documented shape that tools can rely on.

``kzlint align`` writes one comparison document (with a ``facts`` key when
other sources are given with ``--with``); ``kzlint check`` writes
``{"kzlint": ..., "files": [...]}`` with one document per file (without
``b`` and ``alignment``); ``kzlint facts`` writes the header and the keys
of the fact check (``sources``, ``groups``, ``findings``, ``summary``). The
shape is described in the README and pinned by tests: add keys if needed,
never rename or remove them.

The document is encoded by orjson: the JSON of a book pair holds millions of
values, which the standard library's indenting encoder walks in Python (2 s
for 25 MB, against 0.15 s); the text is the same, two-space indented UTF-8.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from linter import __version__
from linter.engine import FactsResult, RunResult, Summary
from linter.model import AlignedGroup, Document, Finding, Location

SCHEMA_VERSION = 1


def render_json(results: Sequence[RunResult]) -> str:
    header = _header()
    if len(results) == 1 and results[0].b is not None:
        document = {"kzlint": header, **_result(results[0])}
    else:
        document = {"kzlint": header, "files": [_result(r) for r in results]}
    return _dumps(document)


def render_facts_json(result: FactsResult) -> str:
    """The document of ``kzlint facts``: the header, then the fact check's keys."""
    from linter.report.facts import facts_json

    return _dumps({"kzlint": _header(), **facts_json(result)})


def _header() -> dict[str, Any]:
    return {"version": __version__, "schema": SCHEMA_VERSION}


def _dumps(document: dict[str, Any]) -> str:
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _result(result: RunResult) -> dict[str, Any]:
    body: dict[str, Any] = {"a": _document(result.a)}
    if result.b is not None and result.alignment is not None:
        body["b"] = _document(result.b)
        body["alignment"] = [_group(g) for g in result.alignment.groups]
    body["findings"] = [_finding(f) for f in result.findings]
    body["summary"] = _summary(result.summary, result)
    body["grammar_backend"] = result.grammar_backend
    body["grammar_failure"] = result.grammar_failure
    if result.facts is not None:
        from linter.report.facts import facts_json

        body["facts"] = facts_json(result.facts)
    return body


def _document(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.label,
        "encoding": doc.encoding,
        "paragraphs": [
            {
                "index": p.index,
                "line": doc.position(p.start)[0],
                "kind": p.kind.value,
                "sentences": [s.index for s in p.sentences],
            }
            for p in doc.paragraphs
        ],
        "format": doc.format,
    }


def _group(group: AlignedGroup) -> dict[str, Any]:
    return {
        "a": list(group.a),
        "b": list(group.b),
        "score": group.score,
        "sentences": [{"a": list(s.a), "b": list(s.b), "score": s.score} for s in group.sentences],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "rule": finding.rule,
        "category": finding.category.value,
        "severity": finding.severity.label,
        "message": finding.message,
        "suggestion": finding.suggestion,
    }
    for location in finding.locations:
        entry[location.side] = _location(location)
    return entry


def _location(location: Location) -> dict[str, Any]:
    return {
        "paragraph": location.paragraph,
        "line": location.line,
        "column": location.column,
        "text": location.text,
        "locator": location.locator,
    }


def _summary(summary: Summary, result: RunResult) -> dict[str, Any]:
    alignment = result.alignment
    return {
        "findings": sum(summary.findings_by_severity.values()),
        "by_severity": summary.findings_by_severity,
        "by_category": summary.findings_by_category,
        "coverage_of_b": summary.coverage_of_b,
        "aligned_groups": summary.aligned_groups,
        "unaligned_a": list(alignment.unaligned_a) if alignment else [],
        "unaligned_b": list(alignment.unaligned_b) if alignment else [],
        "coverage_of_a": summary.coverage_of_a,
        "related": summary.related,
        "independent_translations": summary.independent_translations,
    }
