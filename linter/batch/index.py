"""The batch's index: every pair ranked by errors then warnings, totals by rule and category, the failures.

:func:`build_index` computes; :func:`index_json`, :func:`index_markdown` and
:func:`index_html` only format. The JSON shape is stable as the align JSON is (keys may be
added, never renamed):
``{"kzlint": {...}, "pairs": [{"id", "a", "b", "status", "error", "counts", "report", "report_json"}], "summary": {...}}``.
Nothing in it depends on timing or on which worker ran a pair, so the same
inputs give the same index, byte for byte.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

import orjson

from linter import __version__
from linter.batch.manifest import PairSpec
from linter.batch.state import PairFiles
from linter.batch.task import PairOutcome
from linter.model import Severity
from linter.report.html import csp_hash
from linter.report.markdown import escape

SCHEMA_VERSION = 1
_SEVERITIES = tuple(s.label for s in sorted(Severity, reverse=True))
_STATUSES = ("ok", "skipped", "failed")
_LINKS = (("html", "HTML"), ("markdown", "Markdown"), ("json", "JSON"))
# The HTML index's only style; the page's Content-Security-Policy admits it by its hash, and nothing else.
_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;line-height:1.4}"
    "table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #8884;padding:.3rem .6rem;text-align:left}"
    "td.n{text-align:right}@media (prefers-color-scheme:dark){body{background:#111;color:#ddd}a{color:#8cf}}"
)


@dataclass(frozen=True)
class IndexRow:
    spec: PairSpec
    outcome: PairOutcome
    files: PairFiles

    def link(self, format_name: str) -> str | None:
        """The report's path relative to the index, or ``None`` for a failed pair."""
        if self.outcome.status == "failed":
            return None
        return self.files.report(format_name).relative_to(self.files.folder).as_posix()

    @property
    def rank(self) -> tuple:
        counts = self.outcome.counts
        return (self.outcome.status == "failed", *(-counts.get(label, 0) for label in _SEVERITIES), self.spec.id)


@dataclass(frozen=True)
class BatchIndex:
    rows: tuple[IndexRow, ...]
    statuses: Mapping[str, int]
    by_severity: Mapping[str, int]
    by_rule: Mapping[str, int]
    by_category: Mapping[str, int]


def build_index(rows: Sequence[IndexRow]) -> BatchIndex:
    """Rank the rows (worst first, failed last) and total their findings."""
    ranked = tuple(sorted(rows, key=lambda row: row.rank))
    statuses, severities, rules, categories = Counter(), Counter(), Counter(), Counter()
    for row in ranked:
        statuses[row.outcome.status] += 1
        severities.update(row.outcome.counts)
        rules.update(row.outcome.by_rule)
        categories.update(row.outcome.by_category)
    return BatchIndex(
        rows=ranked,
        statuses={status: statuses[status] for status in _STATUSES},
        by_severity={label: severities[label] for label in _SEVERITIES},
        by_rule=_by_count(rules),
        by_category=_by_count(categories),
    )


def _by_count(counter: Counter) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def index_json(index: BatchIndex) -> str:
    document = {
        "kzlint": {"version": __version__, "schema": SCHEMA_VERSION},
        "pairs": [
            {
                "id": row.spec.id,
                "a": row.spec.a.as_posix(),
                "b": row.spec.b.as_posix(),
                "status": row.outcome.status,
                "error": row.outcome.error,
                "counts": dict(row.outcome.counts),
                "report": row.link("markdown"),
                "report_json": row.link("json"),
                "report_html": row.link("html"),
            }
            for row in index.rows
        ],
        "summary": {
            "pairs": len(index.rows),
            **index.statuses,
            "by_severity": index.by_severity,
            "by_rule": index.by_rule,
            "by_category": index.by_category,
        },
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


def index_markdown(index: BatchIndex) -> str:
    return "\n".join(_markdown_lines(index)) + "\n"


def _markdown_lines(index: BatchIndex) -> Iterator[str]:
    statuses, totals = index.statuses, index.by_severity
    yield f"# kzlint batch: {len(index.rows)} pairs"
    yield ""
    yield (
        f"- {statuses['ok']} compared in this run, {statuses['skipped']} unchanged since their last report, "
        f"{statuses['failed']} failed."
    )
    yield "- Findings: " + ", ".join(_severity_count(totals[label], label) for label in _SEVERITIES) + "."
    yield ""
    yield "## Pairs, worst first"
    yield ""
    yield "| # | Pair | " + " | ".join(label.capitalize() for label in _SEVERITIES) + " | Report |"
    yield "|---:|---|" + "---:|" * len(_SEVERITIES) + "---|"
    compared = [row for row in index.rows if row.outcome.status != "failed"]
    for number, row in enumerate(compared, start=1):
        counts = " | ".join(str(row.outcome.counts.get(label, 0)) for label in _SEVERITIES)
        links = ", ".join(f"[{label}]({quote(row.link(name) or '')})" for name, label in _LINKS)
        yield f"| {number} | {escape(row.spec.id)} | {counts} | {links} |"
    yield from _totals("Findings by rule", "Rule", index.by_rule)
    yield from _totals("Findings by category", "Category", index.by_category)
    failures = [row for row in index.rows if row.outcome.status == "failed"]
    if failures:
        yield ""
        yield "## Failed pairs"
        yield ""
        yield "| Pair | Error |"
        yield "|---|---|"
        for row in failures:
            yield f"| {escape(row.spec.id)} | {escape(row.outcome.error or '')} |"


def index_html(index: BatchIndex) -> str:
    """The same index as one self-contained page: the pairs ranked, each with links to its three reports."""
    return "\n".join(_html_lines(index)) + "\n"


def _html_lines(index: BatchIndex) -> Iterator[str]:
    statuses, totals = index.statuses, index.by_severity
    policy = f"default-src 'none'; style-src {csp_hash(_STYLE)}; base-uri 'none'; form-action 'none'"
    yield "<!DOCTYPE html>"
    yield '<html lang="en"><head><meta charset="utf-8">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    yield f"<title>kzlint batch: {len(index.rows)} pairs</title><style>{_STYLE}</style></head><body>"
    yield f"<h1>kzlint batch: {len(index.rows)} pairs</h1>"
    yield (
        f"<p>{statuses['ok']} compared in this run, {statuses['skipped']} unchanged since their last report, "
        f"{statuses['failed']} failed. Findings: "
        + ", ".join(_severity_count(totals[label], label) for label in _SEVERITIES) + ".</p>"
    )
    yield "<h2>Pairs, worst first</h2><table><tr><th>#</th><th>Pair</th>"
    yield "".join(f"<th>{label.capitalize()}</th>" for label in _SEVERITIES) + "<th>Reports</th></tr>"
    compared = [row for row in index.rows if row.outcome.status != "failed"]
    for number, row in enumerate(compared, start=1):
        counts = "".join(f'<td class="n">{row.outcome.counts.get(label, 0)}</td>' for label in _SEVERITIES)
        links = ", ".join(f'<a href="{html.escape(quote(row.link(name) or ""))}">{label}</a>' for name, label in _LINKS)
        yield f'<tr><td class="n">{number}</td><td>{html.escape(row.spec.id)}</td>{counts}<td>{links}</td></tr>'
    yield "</table>"
    totals_tables = (("Findings by rule", "Rule", index.by_rule), ("Findings by category", "Category", index.by_category))
    for title, heading, counts in totals_tables:
        if counts:
            yield f"<h2>{title}</h2><table><tr><th>{heading}</th><th>Findings</th></tr>"
            yield from (f'<tr><td>{html.escape(name)}</td><td class="n">{count}</td></tr>' for name, count in counts.items())
            yield "</table>"
    failures = [row for row in index.rows if row.outcome.status == "failed"]
    if failures:
        yield "<h2>Failed pairs</h2><table><tr><th>Pair</th><th>Error</th></tr>"
        yield from (
            f"<tr><td>{html.escape(row.spec.id)}</td><td>{html.escape(row.outcome.error or '')}</td></tr>" for row in failures
        )
        yield "</table>"
    yield "</body></html>"


def _severity_count(count: int, label: str) -> str:
    """"1 error", "2 warnings", "3 info"."""
    return f"{count} {label}" if count == 1 or label == "info" else f"{count} {label}s"


def _totals(title: str, heading: str, counts: Mapping[str, int]) -> Iterator[str]:
    if not counts:
        return
    yield ""
    yield f"## {title}"
    yield ""
    yield f"| {heading} | Findings |"
    yield "|---|---:|"
    for name, count in counts.items():
        yield f"| {escape(name)} | {count} |"
