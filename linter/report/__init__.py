"""Reporters turn a finished run into text; they compute nothing about the texts."""

from __future__ import annotations

from collections.abc import Sequence

from linter.collector import collector_paused
from linter.engine import RunResult


def render(results: Sequence[RunResult], output_format: str) -> str:
    with collector_paused():
        if output_format == "json":
            from linter.report.json import render_json

            return render_json(results)
        from linter.report.markdown import render_markdown

        return render_markdown(results)
