"""How the grammar stage presents its rules in ``kzlint rules``: one entry per backend, one per own check.

A backend's rules are many and change with its version, so each backend is
listed once, as a family: its findings carry ids ``GR.<family>.<rule>`` and
can be switched off by family or by rule (``--disable GR.harper.SpellCheck``).
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from functools import cache

from linter.grammar.checks import OWN_CHECKS
from linter.model import Category, Severity
from linter.rules.base import RuleInfo

_SOURCE = "grammar backend"


def _family(rule_id: str, name: str, doc: str, also: tuple[Severity, ...] = ()) -> RuleInfo:
    text = inspect.cleandoc(doc)
    summary = text.splitlines()[0]
    return RuleInfo(rule_id, name, Category.GRAMMAR, Severity.WARNING, summary, _SOURCE, "each", text, also=also)


UNAVAILABLE = _family(
    "GR.unavailable",
    "grammar-unavailable",
    """The grammar server gave no usable answer, so the texts were not checked for grammar and spelling.

    A configured LanguageTool server that is down, answers slower than
    grammar.timeout (30 s by default) or sends what is not LanguageTool's
    JSON is tried three times with a short pause; then the run finishes
    without grammar findings, the report's summary says why, and this one
    warning stands for the check that did not happen (so --fail-on warning,
    or severity."GR.unavailable" = "error", stops a pipeline that needs it).
    A server that refuses the request (an unknown language) is an error
    instead, since only the user can fix it.

    **Bad:** --languagetool-url http://localhost:8081 while that server is stopped.
    **Good:** the server answers, or --grammar harper for the offline checker.
    """,
)


HARPER = _family(
    "GR.harper",
    "harper",
    """Grammar, spelling and style findings from Harper, the offline checker (ids GR.harper.<Harper rule>).

    Harper (the harper-py package) runs in-process, with no Java and no
    network, so it is what works on a fresh machine and in CI; it is the
    default when no LanguageTool is available. Spelling findings on names
    confirmed by the other sources, on acronyms and on the user's word list
    are dropped; long-sentence and Oxford-comma checks run only with --picky.
    Grammar and spelling are warnings, style findings are info.

    **Bad:** This is is a simple sentense.
    **Good:** This is a simple sentence.
    """,
    also=(Severity.INFO,),
)

LANGUAGETOOL = _family(
    "GR.languagetool",
    "languagetool",
    """Grammar, spelling and style findings from LanguageTool (ids GR.languagetool.<LanguageTool rule>).

    LanguageTool knows more grammar than Harper and other languages besides
    English. kzlint talks to a running server (--languagetool-url or
    KZLINT_LANGUAGETOOL_URL) or starts a LanguageTool that
    language_tool_python downloaded earlier (needs Java). Its picky rules
    run only with --picky. The same name and word-list filters apply.

    **Bad:** He go to school every days.
    **Good:** He goes to school every day.
    """,
    also=(Severity.INFO,),
)


def rule_infos() -> list[RuleInfo]:
    """The grammar stage's entries for ``kzlint rules``: the backend families, then kzlint's own checks."""
    return [HARPER, LANGUAGETOOL, UNAVAILABLE, *(check.info() for check in OWN_CHECKS)]


def backend_rule(rule_id: str) -> RuleInfo | None:
    """The page of one backend rule (``GR.harper.SpellCheck``), or ``None`` if the backend has no such rule.

    Harper describes each of its rules; LanguageTool's rules live on its
    server and change with its version, so any ``GR.languagetool.<rule>``
    is accepted and shown with the family's page.
    """
    family, _, name = rule_id.partition(".")[2].partition(".")
    if family == "harper" and name:
        description = harper_rules().get(name)
        if description is None:
            return None
        summary = description.split(". ")[0].rstrip(".")
        doc = f"{description} (Harper's own description of the rule)\n\n{HARPER.doc}"
        return replace(HARPER, id=rule_id, name=name, summary=summary, doc=doc)
    if family == "languagetool" and name:
        return replace(LANGUAGETOOL, id=rule_id, name=name)
    return None


@cache
def harper_rules() -> dict[str, str]:
    """Harper's rules by name, with Harper's own description of each (loading Harper takes about two seconds)."""
    import harper

    return dict(sorted(harper.Linter(harper.Dialect.AMERICAN).get_lint_descriptions().items()))
