"""Every rule a run can apply, as ``kzlint rules`` shows it: built-in, grammar backends, rule files.

The CLI only prints what these functions return, so the listing, the page of
one rule and the examples report are plain text that tests can read.
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.errors import ConfigError
from linter.rulefiles import ExampleReport, LoadedRule
from linter.rules.base import RuleInfo
from linter.settings import Settings

_COLUMNS = ("ID", "CATEGORY", "SEVERITY", "SOURCE", "SUMMARY")


def all_rule_infos(file_rules: Sequence[LoadedRule]) -> list[RuleInfo]:
    """Built-in rules by id, then the grammar stage's, then rule files' in load order."""
    from linter.grammar import rule_infos
    from linter.rules.registry import builtin_rules

    return [*(rule.info() for rule in builtin_rules()), *rule_infos(), *(rule.info() for rule in file_rules)]


def rule_table(infos: Sequence[RuleInfo], settings: Settings) -> str:
    """One aligned row per rule; the severity is the configured one, or "off" for a disabled rule."""
    rows = [_COLUMNS, *((i.id, i.category.value, _severity(i, settings), i.source, i.summary) for i in infos)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_COLUMNS) - 1)]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1] + "\n"
        for row in rows
    )


def find_rule(infos: Sequence[RuleInfo], rule_id: str) -> RuleInfo:
    """The rule with this id (any case); an unknown id is a one-line error."""
    for info in infos:
        if info.id.casefold() == rule_id.casefold():
            return info
    raise ConfigError(f"unknown rule '{rule_id}' (`kzlint rules` lists them)")


def rule_page(info: RuleInfo, settings: Settings) -> str:
    """What ``kzlint rules show ID`` prints: the header, the documentation, and a rule file's examples."""
    header = (
        f"{info.id} ({info.name})\n"
        f"category: {info.category.value}, severity: {_severity(info, settings)}, "
        f"scope: {info.scope}, source: {info.source}\n"
    )
    sections = [header, (info.doc or info.summary).strip() + "\n"]
    for expect, title in (("fail", "Flagged"), ("pass", "Not flagged")):
        texts = [text for kind, text in info.examples if kind == expect]
        if texts:
            sections.append(f"{title}:\n" + "".join(f"  - {text}\n" for text in texts))
    return "\n".join(sections)


def examples_report(reports: Sequence[ExampleReport]) -> tuple[str, bool]:
    """One line per rule (ok, FAIL with its failures, or no examples) and a summary line; True when all pass."""
    width = max((len(r.rule) for r in reports), default=0)
    lines = []
    for report in reports:
        status = "--  " if not report.examples else "ok  " if report.passed else "FAIL"
        count = f"{report.examples} example{'s' * (report.examples != 1)}" if report.examples else "no examples"
        lines.append(f"{status}  {report.rule.ljust(width)}  {count}")
        lines += [f"      {failure}" for failure in report.failures]
    passed = sum(1 for r in reports if r.examples and r.passed)
    failed = sum(1 for r in reports if not r.passed)
    untested = sum(1 for r in reports if not r.examples)
    summary = f"{passed} passed, {failed} failed" + (f", {untested} without examples" if untested else "")
    return "\n".join([*lines, summary]) + "\n", failed == 0


def _severity(info: RuleInfo, settings: Settings) -> str:
    if not settings.is_enabled(info.id):
        return "off"
    return settings.severities.get(info.id, info.severity).label
