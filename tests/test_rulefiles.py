"""Rule files: each rule type on small texts, loading and caching, and the time limit on expressions."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from linter.errors import RuleFileError
from linter.model import AlignedGroup, Alignment, Finding, SentenceLink
from linter.rulefiles import LoadedRule, check_examples, files_under, load_rule_files, load_rules
from linter.rulefiles.examples import all_linked
from linter.rulefiles.spec import FilePairRule, FileTextRule
from linter.rules.base import Comparison, TextUnderCheck
from linter.segment import segment
from linter.settings import Settings


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule files are shown relative to the working folder, as a user working in it sees them."""
    monkeypatch.chdir(tmp_path)


def rules_from(tmp_path: Path, yaml_text: str, name: str = "house.yml") -> list[LoadedRule]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return load_rule_files([path])


def on_text(rule: LoadedRule, text: str, *companions: str, side: str = "a") -> list[Finding]:
    assert isinstance(rule, FileTextRule)
    others = tuple(segment(Path(f"source-{n}.txt"), t) for n, t in enumerate(companions, 1))
    return list(rule.check_text(TextUnderCheck(segment(Path("text.txt"), text), side, others)))


def on_pair(rule: LoadedRule, a: str, b: str) -> list[Finding]:
    assert isinstance(rule, FilePairRule)
    a_doc, b_doc = segment(Path("a.txt"), a), segment(Path("b.txt"), b)
    return list(rule.check_pair(Comparison(a_doc, b_doc, all_linked(a_doc, b_doc))))


def test_pattern_words_match_whole_words_ignoring_case(tmp_path: Path) -> None:
    [rule] = rules_from(
        tmp_path,
        """
        rules:
          - id: house.no-hereby
            type: pattern
            message: 'avoid "{match}"'
            words: [hereby]
    """,
    )
    [finding] = on_text(rule, "The parties Hereby agree, whereby nothing changes.")
    assert finding.message == 'avoid "Hereby"'
    assert finding.rule == "house.no-hereby" and finding.severity.label == "warning"
    assert finding.category.value == "custom"
    assert (finding.locations[0].line, finding.locations[0].column) == (1, 13)


def test_pattern_is_a_raw_expression_and_exceptions_cover_matches(tmp_path: Path) -> None:
    [rule] = rules_from(
        tmp_path,
        r"""
        rules:
          - id: house.akimat
            type: pattern
            message: 'untranslated "{match}"'
            ignorecase: false
            pattern: '[Aa]kimat\b'
            exceptions: ['Akimat of Astana']
    """,
    )
    findings = on_text(rule, "The akimat met. The Akimat of Astana agreed. Akimats differ.")
    assert [f.locations[0].text for f in findings] == ["akimat"]


def test_substitution_suggests_the_preferred_form_in_the_matched_case(tmp_path: Path) -> None:
    [rule] = rules_from(
        tmp_path,
        """
        rules:
          - id: house.email
            type: substitution
            message: 'write "{preferred}", not "{match}"'
            swap:
              e-mail: email
              per cent: percent
    """,
    )
    findings = on_text(rule, "E-mail us. Trade rose 5 per\ncent; send an email.")
    assert [(f.message, f.suggestion) for f in findings] == [
        ('write "Email", not "E-mail"', "Email"),
        ('write "percent", not "per cent"', "percent"),
    ]


def test_substitution_leaves_the_preferred_form_alone_when_its_pattern_matches_it(tmp_path: Path) -> None:
    [rule] = rules_from(
        tmp_path,
        """
        rules:
          - id: house.organisation
            type: substitution
            message: 'write "{preferred}"'
            swap:
              Organi[sz]ation: Organization
    """,
    )
    assert [f.locations[0].text for f in on_text(rule, "The Organization and the Organisation.")] == ["Organisation"]


TERMINOLOGY = """
    rules:
      - id: glossary.core-interests
        type: terminology
        message: 'A says "{match}" where B says "{b}": write "{preferred}"'
        terms:
          - b: core interests
            a: core interests
            variants: [vital interests]
"""


def test_terminology_flags_a_variant_where_the_reference_has_the_term(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, TERMINOLOGY)
    [finding] = on_pair(rule, "They back each other's vital interests.", "They back each other's core interests.")
    assert finding.message == 'A says "vital interests" where B says "core interests": write "core interests"'
    assert [(loc.side, loc.text) for loc in finding.locations] == [("a", "vital interests"), ("b", "core interests")]
    assert finding.suggestion == "core interests"


def test_terminology_leaves_a_sentence_without_either_term_to_the_comparison_rules(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, TERMINOLOGY)
    assert on_pair(rule, "They back each other.", "They back each other's core interests.") == []
    assert on_pair(rule, "They back each other's vital interests.", "They back each other.") == []


def test_terminology_flags_one_concept_rendered_two_ways_in_one_text(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, TERMINOLOGY)
    [finding] = on_pair(rule, "Core interests first.\n\nThen vital interests.", "Nothing about it.")
    assert (
        finding.message
        == 'one concept rendered two ways in this text: "vital interests" here, "Core interests" elsewhere'
    )
    assert finding.locations[0].side == "a" and finding.locations[0].line == 3


def test_terminology_does_not_report_one_variant_twice(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, TERMINOLOGY)
    assert isinstance(rule, FilePairRule)
    a = segment(Path("a.txt"), "They defend vital interests. Core interests matter too.")
    b = segment(Path("b.txt"), "They defend core interests. Something else matters.")
    links = (SentenceLink((0,), (0,), 1.0), SentenceLink((1,), (1,), 1.0))
    alignment = Alignment((AlignedGroup((0,), (0,), 1.0, links),), (), ())
    findings = list(rule.check_pair(Comparison(a, b, alignment)))
    assert [f.message for f in findings] == [
        'A says "vital interests" where B says "core interests": write "core interests"'
    ]


CONSISTENCY = """
    rules:
      - id: glossary.partnership
        type: consistency
        across: sources
        message: '"{match}" here, "{preferred}" in {where}'
        variants:
          - eternal comprehensive strategic partner(?:ship)?
          - permanent comprehensive strategic partner(?:ship)?
"""


def test_consistency_flags_the_less_used_variant_inside_one_text(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, CONSISTENCY)
    text = "An eternal comprehensive strategic partnership. A permanent comprehensive strategic partner. " * 1
    text += "The eternal comprehensive strategic partnership again."
    [finding] = on_text(rule, text)
    assert finding.message == (
        '"permanent comprehensive strategic partner" here, "eternal comprehensive strategic partnership" in this text'
    )


def test_consistency_across_sources_names_the_sources_that_disagree(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, CONSISTENCY)
    findings = on_text(
        rule,
        "An eternal comprehensive strategic partnership.",
        "A permanent comprehensive strategic partnership.",
        "Nothing about it.",
        "The Permanent Comprehensive Strategic Partner.",
    )
    [finding] = findings
    assert finding.message == (
        '"eternal comprehensive strategic partnership" here, '
        '"permanent comprehensive strategic partnership" in source-1.txt, source-3.txt'
    )


def test_consistency_within_a_text_only_ignores_companions(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, CONSISTENCY.replace("across: sources", "across: text"))
    assert (
        on_text(
            rule, "An eternal comprehensive strategic partnership.", "A permanent comprehensive strategic partnership."
        )
        == []
    )


SCRIPT = """
    rules:
      - id: house.cyrillic
        type: script
        message: '{script} text "{match}"'
        scripts: [Cyrillic, Greek]
"""


def test_script_flags_runs_of_words_in_the_listed_scripts(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, SCRIPT)
    findings = on_text(rule, "He said «Мы рады» and wrote λόγος; 一带一路 is not listed.")
    assert [f.message for f in findings] == ['Cyrillic text "Мы рады"', 'Greek text "λόγος"']


def test_script_min_letters_skips_short_runs_and_micro_is_not_greek(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, SCRIPT + "        min_letters: 3\n")
    assert [f.locations[0].text for f in on_text(rule, "The angle α in µm; the word Мир.")] == ["Мир"]


def test_script_mixed_words_finds_look_alike_letters_inside_latin_words(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, SCRIPT + "        mixed_words: true\n")
    findings = on_text(rule, "Kazakhstаn and Kazakhstan; Мир alone.")
    assert [f.message for f in findings] == ['Cyrillic text "Kazakhstаn"']


def test_scope_b_runs_only_on_the_reference(tmp_path: Path) -> None:
    [rule] = rules_from(tmp_path, SCRIPT + "        scope: b\n")
    assert rule.scope == "b" and rule.info().scope == "b"


def test_examples_report_names_the_line_of_a_failing_example(tmp_path: Path) -> None:
    [rule] = rules_from(
        tmp_path,
        """
        rules:
          - id: house.email
            type: substitution
            message: 'write "{preferred}"'
            swap: {e-mail: email}
            examples:
              fail:
                - Send an e-mail.
                - Send an email.
              pass:
                - Send an E-mail.
    """,
    )
    report = check_examples(rule)
    assert report.examples == 3 and not report.passed
    assert report.failures == (
        "house.yml:10: fail example was not flagged: 'Send an email.'",
        'house.yml:12: pass example was flagged: write "Email"',
    )


def test_a_rule_presents_itself_like_a_built_in_rule(tmp_path: Path) -> None:
    [rule] = rules_from(
        tmp_path,
        """
        rules:
          - id: house.email
            type: substitution
            message: 'write "{preferred}"'
            description: |
              Email without a hyphen,
              as the style book says.

              Details.
            category: style
            severity: info
            swap: {e-mail: email}
            examples: {fail: [An e-mail.], pass: [An email.]}
    """,
    )
    info = rule.info()
    assert (info.id, info.name, info.category.value, info.severity.label) == ("house.email", "email", "style", "info")
    assert info.summary == "Email without a hyphen, as the style book says."
    assert info.source == "house.yml" and info.scope == "each"
    assert "e-mail -> email" in info.doc
    assert info.examples == (("fail", "An e-mail."), ("pass", "An email."))


def test_a_catastrophic_expression_stops_with_one_line_naming_the_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("linter.rulefiles.phrases.BASE_SECONDS", 0.05)
    monkeypatch.setattr("linter.rulefiles.phrases.SECONDS_PER_CHARACTER", 0.0)
    [rule] = rules_from(
        tmp_path,
        """
        rules:
          - id: house.slow
            type: pattern
            message: slow
            pattern: '(a|aa)+$'
    """,
    )
    with pytest.raises(RuleFileError) as error:
        on_text(rule, "a" * 60 + "!")
    assert str(error.value).startswith("house.yml:3: rule 'house.slow': the regular expression ran longer than")


def test_loading_is_cached_per_file_version(tmp_path: Path) -> None:
    text = "rules:\n  - {id: house.x, type: pattern, message: x, words: [x]}\n"
    path = tmp_path / "house.yml"
    path.write_text(text, encoding="utf-8")
    first, again = load_rule_files([path]), load_rule_files([path])
    assert first[0] is again[0]
    path.write_text(text.replace("words: [x]", "words: [y]"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_rule_files([path])[0] is not first[0]


def test_folders_give_their_yaml_files_in_name_order(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in files_under([tmp_path])] == ["a.yml", "b.yaml"]


def test_settings_choose_shipped_and_extra_rule_files(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yml"
    extra.write_text("rules:\n  - {id: mine.x, type: pattern, message: x, words: [x]}\n", encoding="utf-8")
    only_mine = load_rules(Settings(default_rules=False, rule_paths=(extra,)))
    assert [r.info().id for r in only_mine] == ["mine.x"]
    with_shipped = [r.info().id for r in load_rules(Settings(rule_paths=(extra,)))]
    assert with_shipped[-1] == "mine.x" and "glossary.core-interests" in with_shipped
