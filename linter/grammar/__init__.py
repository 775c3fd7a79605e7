"""The grammar stage: grammar, spelling and style findings for each text.

Backends are interchangeable behind :class:`~linter.grammar.issues.Backend`:
Harper (offline, the default on a fresh machine) and LanguageTool (a server
or a local installation). The engine calls :func:`run_grammar` once per run;
``kzlint rules`` lists :func:`rule_infos`.

Both are loaded on first use (PEP 562), so that importing a light module of
this package, such as :mod:`linter.grammar.issues`, does not load Harper.
"""

from __future__ import annotations

from typing import Any

__all__ = ["rule_infos", "run_grammar"]


def __getattr__(name: str) -> Any:
    if name == "run_grammar":
        from linter.grammar.stage import run_grammar

        return run_grammar
    if name == "rule_infos":
        from linter.grammar.families import rule_infos

        return rule_infos
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
