"""The shipped glossary on the seed sources: what it must flag, where, and against which sources."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache

from conftest import EXCERPTS, FULL, REPO, SOURCES

from linter import engine
from linter.model import Finding
from linter.settings import GrammarSettings, Settings

SETTINGS = Settings(companions=(SOURCES,), grammar=GrammarSettings(backend="off"))


@cache
def seed_findings() -> tuple[Finding, ...]:
    return engine.compare(EXCERPTS, FULL, SETTINGS).findings


def of_rule(rule_id: str, findings: tuple[Finding, ...] | None = None) -> list[Finding]:
    return sorted((f for f in (findings or seed_findings()) if f.rule == rule_id), key=lambda f: f.sort_key)


def places(finding: Finding) -> list[tuple[str, int, int, str]]:
    return [(loc.side, loc.line, loc.column, loc.text) for loc in finding.locations]


def test_vital_interests_in_a_is_flagged_against_core_interests_in_b() -> None:
    findings = of_rule("glossary.core-interests")
    assert [places(f) for f in findings] == [
        [("a", 11, 361, "vital interests"), ("b", 22, 476, "core interests")],
        [("a", 27, 288, "vital interests"), ("b", 39, 376, "core interests")],
    ]
    assert (
        findings[0].message
        == 'A says "vital interests" where B says "core interests": the established term is "core interests"'
    )


def test_eternal_partnership_in_b_is_flagged_against_the_permanent_of_other_sources() -> None:
    findings = of_rule("glossary.partnership-name")
    assert [places(f) for f in findings] == [
        [("b", 22, 235, "eternal comprehensive strategic partnership")],
        [("b", 36, 366, "eternal comprehensive strategic partnership")],
    ]
    message = findings[0].message
    assert message.startswith(
        'partnership named "eternal comprehensive strategic partnership" here '
        'but "permanent comprehensive strategic partnership" in '
    )
    assert (
        "chinadaily-xi-visit-bonds-of-friendship.txt" in message
        and "globaltimes-prnewswire-xi-arrives-astana.txt" in message
    )
    assert "kazinform" not in message and "unattributed" not in message
    assert "README" not in message, "a folder's README describes the sources and is not one of them"


def test_a_permanent_source_is_flagged_against_the_eternal_ones() -> None:
    settings = Settings(companions=(SOURCES,), grammar=GrammarSettings(backend="off"))
    findings = of_rule(
        "glossary.partnership-name",
        engine.check(SOURCES / "globaltimes-prnewswire-xi-arrives-astana.txt", settings).findings,
    )
    assert len(findings) == 3
    assert all(
        "in kazinform-xi-article-full.txt, unattributed-xi-tokayev-akorda-talks.txt" in f.message for f in findings
    )


def test_the_other_glossary_terms_on_the_seed_pair() -> None:
    flagged = {
        (f.rule, loc.side, loc.text)
        for f in seed_findings()
        if f.rule.startswith("glossary.")
        for loc in f.locations[:1]
    }
    assert flagged >= {
        ("glossary.belt-and-road", "b", "One Belt, One Road"),
        ("glossary.belt-and-road", "b", "One Belt and One Road initiative"),
        ("glossary.trans-caspian-route", "a", "Trans-Caspian International Route"),
        ("glossary.sister-cities", "a", "twin cities"),
        ("glossary.hegemonism", "a", "hegemonism"),
        ("glossary.power-politics", "a", "politics of force"),
        ("glossary.cross-border", "a", "transborder e-commerce"),
        ("glossary.kazakhstani", "b", "Kazakh goods"),
    }


def test_the_house_style_catches_mr_akorda() -> None:
    settings = Settings(grammar=GrammarSettings(backend="off"))
    [finding] = of_rule(
        "house.courtesy-titles", engine.check(SOURCES / "unattributed-xi-tokayev-akorda-talks.txt", settings).findings
    )
    assert places(finding) == [("a", 50, 14, "Mr. Akorda")]


def test_kzlint_align_from_the_repository_uses_the_sources_as_companions() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "linter",
            "align",
            f"sources/{EXCERPTS.name}",
            f"sources/{FULL.name}",
            "--grammar",
            "off",
            "-f",
            "json",
            "-q",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert rules.count("glossary.partnership-name") == 2 and rules.count("glossary.core-interests") == 2
