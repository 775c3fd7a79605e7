"""Reporters turn a finished run into text; they compute nothing about the texts."""

from __future__ import annotations

from collections.abc import Sequence

from linter.collector import collector_paused
from linter.engine import FactsResult, RunResult


def render(results: Sequence[RunResult], output_format: str) -> str:
    with collector_paused():
        if output_format == "json":
            from linter.report.json import render_json

            return render_json(results)
        from linter.report.markdown import render_markdown

        return render_markdown(results)


def render_facts(result: FactsResult, output_format: str) -> str:
    """The report of ``kzlint facts`` in ``output_format``."""
    with collector_paused():
        if output_format == "json":
            from linter.report.json import render_facts_json

            return render_facts_json(result)
        from linter.report.facts import facts_markdown

        return facts_markdown(result)
