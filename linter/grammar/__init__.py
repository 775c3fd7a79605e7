"""The grammar stage: grammar, spelling and style findings for each text.

Backends are interchangeable behind :class:`~linter.grammar.issues.Backend`:
Harper (offline, the default on a fresh machine) and LanguageTool (a server
or a local installation). The engine calls :func:`run_grammar` once per run;
``kzlint rules`` lists :func:`rule_infos`.
"""

from linter.grammar.families import rule_infos
from linter.grammar.stage import run_grammar

__all__ = ["rule_infos", "run_grammar"]
