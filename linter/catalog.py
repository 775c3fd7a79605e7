"""Every rule a run can apply, as ``kzlint rules`` shows it: built-in, grammar backends, rule files.

The CLI only prints what these functions return, so the listing, the page of
one rule and the examples report are plain text that tests can read.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

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
    """The rule with this id (any case), or a backend's rule (``GR.harper.SpellCheck``); else a one-line error."""
    from linter.grammar.families import backend_rule

    for info in infos:
        if info.id.casefold() == rule_id.casefold():
            return info
    found = backend_rule(rule_id) if _is_backend_rule(rule_id) else None
    if found is None:
        raise ConfigError(_unknown(f"unknown rule '{rule_id}'", rule_id, infos))
    return found


def check_rule_ids(settings: Settings, infos: Sequence[RuleInfo], flags: Iterable[str]) -> None:
    """Refuse a rule id that names no rule, in ``--disable`` (``flags``), ``disable``, ``enable`` or ``[severity]``.

    A typo would otherwise switch nothing off, silently. ``--disable`` and
    ``disable`` take a family prefix too (``KZ12``, ``GR.harper``); a
    severity names one rule.
    """
    flags = set(flags)
    config = _shown(settings.config_file)
    for rule_id in sorted(settings.disabled):
        if not rule_id.strip():
            raise ConfigError("--disable: an empty id would switch every rule off (give an id or a prefix)")
        if not any(_names(rule_id, info.id) for info in infos) and not _is_known_backend_rule(rule_id):
            where = f"--disable {rule_id}" if rule_id in flags else f"{config}: 'disable'"
            raise ConfigError(_unknown(f"{where}: no rule has the id or prefix '{rule_id}'", rule_id, infos))
    for rule_id in settings.severities:
        if not any(info.id == rule_id for info in infos) and not _is_known_backend_rule(rule_id):
            raise ConfigError(_unknown(f"{config}: 'severity.{rule_id}': no such rule", rule_id, infos))
    for rule_id in sorted(settings.enabled):
        if not any(info.id == rule_id for info in infos):
            raise ConfigError(_unknown(f"{config}: 'enable': no such rule '{rule_id}'", rule_id, infos))


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
    """"off" for a disabled rule, the configured severity, or every severity the rule can give."""
    if not settings.is_enabled(info.id):
        return "off"
    if info.id in settings.severities:
        return settings.severities[info.id].label
    return ", ".join(severity.label for severity in info.severities)


def _names(given: str, rule_id: str) -> bool:
    """Whether an id given by the user names this rule, as the rule itself or as its family's prefix."""
    return rule_id.startswith(given)


_BACKEND_PREFIXES = ("GR.harper.", "GR.languagetool.")


def _is_backend_rule(rule_id: str) -> bool:
    return rule_id.startswith(_BACKEND_PREFIXES) and len(rule_id) > rule_id.index(".", 3) + 1


def _is_known_backend_rule(rule_id: str) -> bool:
    """A backend's own rule: one of Harper's by name, or any LanguageTool rule (they live on its server)."""
    from linter.grammar.families import backend_rule

    return _is_backend_rule(rule_id) and backend_rule(rule_id) is not None


def _unknown(problem: str, rule_id: str, infos: Sequence[RuleInfo]) -> str:
    """The problem, with the closest known ids, or the way to list them."""
    known = [info.id for info in infos]
    if rule_id.startswith("GR.harper."):
        from linter.grammar.families import harper_rules

        known += [f"GR.harper.{name}" for name in harper_rules()]
    by_folded = {id_.casefold(): id_ for id_ in known}
    close = [by_folded[id_] for id_ in difflib.get_close_matches(rule_id.casefold(), by_folded, n=3, cutoff=0.6)]
    hint = f"did you mean {', '.join(close)}?" if close else "`kzlint rules` lists them"
    return f"{problem} ({hint})"


def _shown(path: Path | None) -> str:
    from linter.config import shown_path

    return shown_path(path) if path else "configuration"
