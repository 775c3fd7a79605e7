"""Every built-in rule: a stable id, a documented Bad and Good example, and table cases that pass.

The cases are data in tests/rule_cases/<ID>.yml (see tests/rulecases.py): at
least one text the rule must flag and one it must leave alone, run through
the real segmenter and aligner. A new rule module without its case file
fails here.
"""

from __future__ import annotations

import pytest
from rulecases import CASES, case_params, check_case, load_cases

from linter.rules.registry import builtin_rules

RULE_IDS = [rule.id for rule in builtin_rules()]


@pytest.mark.parametrize(("rule_id", "verdict", "case"), case_params(RULE_IDS))
def test_rule_case(rule_id: str, verdict: str, case: dict[str, str]) -> None:
    check_case(rule_id, verdict, case)


@pytest.mark.parametrize("rule", builtin_rules(), ids=RULE_IDS)
def test_rule_documents_itself_and_has_cases_of_both_kinds(rule) -> None:
    info = rule.info()
    assert info.summary and "**Bad:**" in info.doc and "**Good:**" in info.doc
    assert (CASES / f"{rule.id}.yml").is_file()
    verdicts = {verdict for verdict, _ in load_cases(rule.id)}
    assert verdicts == {"fail", "pass"}


def test_ids_are_stable_and_in_their_family() -> None:
    assert RULE_IDS == sorted(RULE_IDS)
    assert all(rule_id[:3] in ("KZ1", "KZ2", "KZ3") and len(rule_id) == 5 for rule_id in RULE_IDS)
