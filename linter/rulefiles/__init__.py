"""Rules written as data: YAML rule files, shipped in ``rules/`` and added by users.

The engine calls :func:`load_rules`; ``kzlint rules`` lists and tests what it
returns. See :mod:`linter.rulefiles.kinds` for the rule types.
"""

from __future__ import annotations

from linter.rulefiles.examples import ExampleReport, check_examples
from linter.rulefiles.files import files_under, load_rule_files, rule_file_paths, shipped_rules_folder
from linter.rulefiles.spec import LoadedRule
from linter.settings import Settings


def load_rules(settings: Settings) -> list[LoadedRule]:
    """Every rule from the shipped rule files (unless switched off) and from the settings' rule paths."""
    return load_rule_files(rule_file_paths(settings))


__all__ = [
    "ExampleReport",
    "LoadedRule",
    "check_examples",
    "files_under",
    "load_rule_files",
    "load_rules",
    "rule_file_paths",
    "shipped_rules_folder",
]
