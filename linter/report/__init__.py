"""Reporters turn a finished run into text; they compute nothing about the texts.

A comparison's findings are arranged once for the editor of A
(:func:`linter.triage.triage`) and every format shows that arrangement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from linter.collector import collector_paused
from linter.engine import FactsResult, RunResult
from linter.model import Severity


def render(results: Sequence[RunResult], output_format: str) -> str:
    with collector_paused():
        if output_format == "json":
            from linter.report.json import render_json

            return render_json(results)
        from linter.triage import triage

        triaged = triage(results[0]) if len(results) == 1 and results[0].b is not None else None
        if output_format == "html":
            from linter.report.html import render_html

            assert triaged is not None, "the HTML report shows a comparison"
            return render_html(results[0], triaged)
        from linter.report.markdown import render_markdown

        return render_markdown(results, triaged)


def render_facts(result: FactsResult, output_format: str) -> str:
    """The report of ``kzlint facts`` in ``output_format``."""
    with collector_paused():
        if output_format == "json":
            from linter.report.json import render_facts_json

            return render_facts_json(result)
        from linter.report.facts import facts_markdown

        return facts_markdown(result)


def counts_line(results: Sequence[RunResult]) -> str:
    """What a run found, in a few words for the terminal: A's errors and warnings, then B's own problems.

    ``0 errors, 12 warnings in A, 3 in B`` for a comparison; ``0 errors, 4 warnings`` for checked texts.
    """
    if len(results) == 1 and results[0].b is not None:
        from linter.triage import is_reference_problem

        in_b = Counter(f.severity for f in results[0].findings if is_reference_problem(f))
        in_a = Counter(f.severity for f in results[0].findings if not is_reference_problem(f))
        return f"{_errors_and_warnings(in_a)} in A, {in_b[Severity.ERROR] + in_b[Severity.WARNING]} in B"
    return _errors_and_warnings(Counter(f.severity for result in results for f in result.findings))


def _errors_and_warnings(counts: Counter[Severity]) -> str:
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
