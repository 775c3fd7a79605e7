"""Known false alarms of Harper's rules on news prose, each dropped by a narrow context test.

Each test recognises one construction in which the rule's suggestion can never
be right, so the rule keeps firing on the slips it exists for:

- ``PronounKnew`` ("new" after a pronoun means "knew") fires on "brought us
  new benefits"; after an object or possessive pronoun "knew" cannot follow.
- ``WayTooAdjective`` ("way to big" means "way too big") fires on "pave the
  way to new horizons"; after a determiner, "way" is the noun "route".
- ``NominalWants`` and ``PronounVerbAgreement`` ("he want" means "he
  wants") fire on "does he want" and "did she go"; after "do", "does" or
  "did" and a pronoun the verb is bare.
- ``SplitWords`` splits words its dictionary lacks, such as "multipolar" into
  "multi polar" or "multilateralism" into "multilateral ism"; a split that
  leaves a bare prefix or suffix is never a missing space.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from linter.grammar.issues import Issue

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_OBJECT_OR_POSSESSIVE = frozenset("me us him her them my our your their its whom".split())
_DETERMINERS = frozenset("the a an this that these those my our your his her its their every each no one any".split())
_DO_FORMS = frozenset("do does did don't doesn't didn't don’t doesn’t didn’t".split())
_SUBJECT_PRONOUNS = frozenset("i you he she it we they".split())
_BOUND_PREFIXES = frozenset(
    "anti bi bio co counter eco euro geo hyper infra inter intra macro mega meta micro mid mono multi neo non "
    "pan para poly post pre proto pseudo re semi sino socio sub super trans tri ultra uni".split()
)
_BOUND_SUFFIXES = frozenset("ism isms ist ists ity ize ise ization isation ness less ship hood wise".split())


def is_harper_false_alarm(paragraph_text: str, issue: Issue) -> bool:
    test = _TESTS.get(issue.rule)
    return bool(test and test(paragraph_text, issue))


def _words_before(text: str, offset: int, count: int) -> list[str]:
    return [word.lower() for word in _WORD.findall(text[:offset])[-count:]]


def _knew_after_object_pronoun(text: str, issue: Issue) -> bool:
    previous = _words_before(text, issue.start, 1)
    return bool(previous) and previous[0] in _OBJECT_OR_POSSESSIVE


def _too_after_the_way(text: str, issue: Issue) -> bool:
    previous = _words_before(text, issue.start, 2)
    return len(previous) == 2 and previous[1] == "way" and previous[0] in _DETERMINERS


def _bare_verb_after_do_and_pronoun(text: str, issue: Issue) -> bool:
    previous = _words_before(text, issue.start, 2)
    return len(previous) == 2 and previous[0] in _DO_FORMS and previous[1] in _SUBJECT_PRONOUNS


def _split_leaves_affix(_: str, issue: Issue) -> bool:
    for suggestion in issue.suggestions:
        parts = suggestion.lower().split()
        if len(parts) >= 2 and (parts[0] in _BOUND_PREFIXES or parts[-1] in _BOUND_SUFFIXES):
            return True
    return False


_TESTS: dict[str, Callable[[str, Issue], bool]] = {
    "PronounKnew": _knew_after_object_pronoun,
    "WayTooAdjective": _too_after_the_way,
    "SplitWords": _split_leaves_affix,
    "NominalWants": _bare_verb_after_do_and_pronoun,
    "PronounVerbAgreement": _bare_verb_after_do_and_pronoun,
}
