"""Table-driven rule cases: ``tests/rule_cases/<ID>.yml``, run through the real segmenter and aligner.

A file has ``fail:`` and ``pass:`` lists. A case gives the text(s) the rule
reads: ``a`` and ``b`` for a pair rule, ``text`` for a text rule, a list of
``sources`` for a cross-source rule. A failing
case says what one finding must show: ``message`` (a part of its message),
``flagged`` (the exact text of one of its locations) and ``severity``; a
passing case must give no finding at all. Cases go through segmentation and
alignment as a real run does, so a case also shows what the rule sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pytest
import yaml

from linter.align import align
from linter.model import Finding
from linter.rules.base import Comparison, PairRule, Rule, SourcesRule, TextRule, TextUnderCheck
from linter.rules.registry import builtin_rules
from linter.segment import segment

CASES = Path(__file__).resolve().parent / "rule_cases"

Case = Mapping[str, str]


def rule_class(rule_id: str) -> type[Rule]:
    return next(rule for rule in builtin_rules() if rule.id == rule_id)


def load_cases(rule_id: str) -> list[tuple[str, Case]]:
    """The (verdict, case) pairs of one rule's file, failing cases first."""
    table = yaml.safe_load((CASES / f"{rule_id}.yml").read_text(encoding="utf-8"))
    return [(verdict, case) for verdict in ("fail", "pass") for case in table.get(verdict) or ()]


def case_params(rule_ids: Iterable[str]) -> Sequence[object]:
    """pytest parameters (rule id, verdict, case), named like ``KZ101-fail-0``."""
    params = []
    for rule_id in rule_ids:
        counts = {"fail": 0, "pass": 0}
        for verdict, case in load_cases(rule_id):
            params.append(pytest.param(rule_id, verdict, case, id=f"{rule_id}-{verdict}-{counts[verdict]}"))
            counts[verdict] += 1
    return params


def run_case(rule: type[Rule], case: Case) -> list[Finding]:
    """The rule's findings on the case's text(s), segmented and aligned as in a real run."""
    instance = rule()
    if isinstance(instance, PairRule):
        a, b = segment(Path("a.txt"), case["a"]), segment(Path("b.txt"), case["b"])
        return list(instance.check_pair(Comparison(a, b, align(a, b))))
    if isinstance(instance, SourcesRule):
        from linter.facts import check_facts

        docs = [segment(Path(f"source-{n}.txt"), text) for n, text in enumerate(case["sources"], 1)]
        return list(instance.check_sources(check_facts(docs)))
    assert isinstance(instance, TextRule)
    return list(instance.check_text(TextUnderCheck(segment(Path("text.txt"), case["text"]), "a")))


def shows(finding: Finding, case: Case) -> bool:
    """Whether the finding is the one a failing case expects."""
    if "message" in case and case["message"] not in finding.message:
        return False
    if "severity" in case and finding.severity.label != case["severity"]:
        return False
    return "flagged" not in case or any(loc.text == case["flagged"] for loc in finding.locations)


def check_case(rule_id: str, verdict: str, case: Case) -> None:
    """Assert a case's verdict, with the findings in the message when it fails."""
    findings = run_case(rule_class(rule_id), case)
    described = [(f.severity.label, f.message, [loc.text for loc in f.locations]) for f in findings]
    if verdict == "pass":
        assert findings == [], described
    else:
        assert any(shows(f, case) for f in findings), described
