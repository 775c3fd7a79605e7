"""The built-in rules, discovered from the modules of ``linter.rules``.

A rule module registers its classes with :func:`register`; listing the rules
imports every module of the package, so adding a rule is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

import linter.rules as package
from linter.rules.base import Rule

_REGISTERED: dict[str, type[Rule]] = {}
_INFRASTRUCTURE = {"base", "registry"}


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: make a built-in rule known under its stable id."""
    if rule.id in _REGISTERED and _REGISTERED[rule.id] is not rule:
        raise RuntimeError(f"two built-in rules claim the id {rule.id}")
    _REGISTERED[rule.id] = rule
    return rule


@cache
def builtin_rules() -> tuple[type[Rule], ...]:
    """Every built-in rule class, ordered by id."""
    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _INFRASTRUCTURE:
            importlib.import_module(f"{package.__name__}.{module.name}")
    return tuple(_REGISTERED[rule_id] for rule_id in sorted(_REGISTERED))
