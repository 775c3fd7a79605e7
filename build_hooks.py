"""Build step: ship the top-level ``rules/`` folder inside the package as ``linter/shipped_rules``.

The shipped rule files live at the top of the repository, where editors find
and edit them; an installed kzlint reads them from the package, through
``importlib.resources`` (see ``linter.rulefiles.files.shipped_rules_folder``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py

RULES = Path(__file__).resolve().parent / "rules"


class BuildPyWithRules(build_py):
    """``build_py`` that also copies ``rules/*.yml`` into the built package."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "linter" / "shipped_rules"
        target.mkdir(parents=True, exist_ok=True)
        for rule_file in sorted(RULES.glob("*.yml")):
            shutil.copyfile(rule_file, target / rule_file.name)
