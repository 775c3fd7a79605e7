"""The grammar stage: grammar, spelling and style findings for each text.

Backends are interchangeable behind :class:`~linter.grammar.issues.Backend`:
Harper (offline, the default on a fresh machine) and LanguageTool (a server
or a local installation). The engine opens the stage with
:func:`open_grammar` when a run starts, so that the backend warms up while
the texts are aligned, and checks the texts afterwards; :func:`run_grammar`
does both at once. ``kzlint rules`` lists :func:`rule_infos`.

All are loaded on first use (PEP 562), so that importing a light module of
this package, such as :mod:`linter.grammar.issues`, does not load Harper.
"""

from __future__ import annotations

from typing import Any

__all__ = ["open_grammar", "rule_infos", "run_grammar"]


def __getattr__(name: str) -> Any:
    if name in ("open_grammar", "run_grammar"):
        from linter.grammar import stage

        return getattr(stage, name)
    if name == "rule_infos":
        from linter.grammar.families import rule_infos

        return rule_infos
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
