"""KZ100 on real texts: texts that are not renderings of one text get one error, not a flood of findings.

Its table cases run in tests/test_rule_catalog.py with every rule's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXCERPTS, FULL, SOURCES
from linter import engine
from linter.settings import GrammarSettings, Settings

QUIET = Settings(grammar=GrammarSettings(backend="off"))


def test_two_different_reports_give_one_error_and_no_comparison_findings() -> None:
    talks = SOURCES / "unattributed-xi-tokayev-akorda-talks.txt"
    result = engine.compare(talks, FULL, QUIET)
    pair_findings = [f for f in result.findings if f.rule.startswith("KZ1")]
    assert [f.rule for f in pair_findings] == ["KZ100"]
    assert pair_findings[0].severity.label == "error"
    assert result.summary.related is False


def test_a_text_in_another_language_is_said_not_to_be_a_rendering(tmp_path: Path) -> None:
    russian = tmp_path / "ru.txt"
    russian.write_text(
        "Си Цзиньпин: Казахстан и Китай идут плечом к плечу.\n\n"
        "В прошлом году товарооборот достиг рекордных 41 миллиарда долларов.\n\n"
        "Взаимный безвизовый режим позволяет людям чаще навещать друг друга.\n",
        encoding="utf-8",
    )
    result = engine.compare(russian, FULL, QUIET)
    assert [f.rule for f in result.findings if f.rule.startswith("KZ1")] == ["KZ100"]
    assert any(f.rule == "KZ201" for f in result.findings), "single-text rules still run"

    from linter.report import render

    markdown = render([result], "markdown")
    assert "**Not renderings of one text:**" in markdown
    assert json.loads(render([result], "json"))["summary"]["related"] is False


def test_the_seed_renderings_are_renderings_of_one_text() -> None:
    result = engine.compare(EXCERPTS, FULL, QUIET)
    assert result.summary.related is True
    assert not any(f.rule == "KZ100" for f in result.findings)
    assert result.summary.coverage_of_a == 1.0 and result.summary.coverage_of_b == pytest.approx(0.4667)
