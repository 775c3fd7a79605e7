"""The cross-source fact check: claims, their grouping and verdicts, on the five seed reports and on small texts.

The seed tests find claims by their wording and place in the real files, so
they fail if the grouping joins unrelated figures or splits one claim.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCES

from linter.facts import Claim, ClaimGroup, ClaimKind, FactCheck, Verdict, check_facts, extract_claims
from linter.model import Category, Severity
from linter.rules.facts import FigureDiffers, NameDiffers, QualifierDiffers
from linter.segment import load_document, segment

CHINA_DAILY = "chinadaily-xi-visit-bonds-of-friendship.txt"
GLOBAL_TIMES = "globaltimes-prnewswire-xi-arrives-astana.txt"
KAZINFORM = "kazinform-xi-article-full.txt"
KURSIV = "kursiv-xi-article-excerpts.txt"
AKORDA = "unattributed-xi-tokayev-akorda-talks.txt"
ALL = (CHINA_DAILY, GLOBAL_TIMES, KAZINFORM, KURSIV, AKORDA)


def run(*names: str) -> FactCheck:
    return check_facts([load_document(SOURCES / name) for name in names])


@pytest.fixture(scope="module")
def seed() -> FactCheck:
    return run(*ALL)


def group_of(facts: FactCheck, source: str, wording: str, nth: int = 0) -> ClaimGroup:
    """The group of the ``nth`` claim of ``source`` worded ``wording``."""
    found = [
        (group, member)
        for group in facts.groups
        for member in group.members
        if facts.sources[member.source].path.name == source and member.location.text == wording
    ]
    found.sort(key=lambda pair: pair[1].location.start)
    return found[nth][0]


def sources_of(facts: FactCheck, group: ClaimGroup) -> set[str]:
    return {facts.sources[m.source].path.name for m in group.members}


def claims_of(texts: dict[str, str]) -> FactCheck:
    return check_facts([segment(Path(name), text) for name, text in texts.items()])


# --- the seed reports ------------------------------------------------------------------------


def test_the_investment_conflict_is_one_group_that_differs(seed: FactCheck) -> None:
    group = group_of(seed, AKORDA, "$24 billion")
    assert group.verdict is Verdict.DIFFER
    assert sources_of(seed, group) == {AKORDA, CHINA_DAILY}
    assert {m.value for m in group.members} == {"USD 24,000,000,000", "USD 25,000,000,000"}
    assert group is group_of(seed, CHINA_DAILY, "$25 billion")
    assert "investment" in group.topic and "15 years" in group.topic


def test_the_trade_figure_is_one_group_across_the_five_sources(seed: FactCheck) -> None:
    group = group_of(seed, KAZINFORM, "$41 billion")
    assert sources_of(seed, group) == set(ALL)
    assert {m.value for m in group.members} == {"USD 41,000,000,000"}
    # The Akorda report alone says the trade "exceeded" the record: the figure agrees, the hedge does not.
    assert group.verdict is Verdict.QUALIFIER
    hedged = [m for m in group.members if m.reading != m.value]
    assert [(seed.sources[m.source].path.name, m.location.text) for m in hedged] == [
        (AKORDA, "exceeded the record of $41 billion")
    ]
    assert "trade" in group.topic.lower()


def test_the_sources_that_state_the_trade_figure_exactly_agree() -> None:
    facts = run(CHINA_DAILY, GLOBAL_TIMES, KAZINFORM, KURSIV)
    group = group_of(facts, KAZINFORM, "$41 billion")
    assert group.verdict is Verdict.AGREE and len(group.members) == 4


def test_the_fifth_visit_is_one_group_that_agrees(seed: FactCheck) -> None:
    group = group_of(seed, KAZINFORM, "fifth")
    assert group.verdict is Verdict.AGREE
    assert sources_of(seed, group) == {KAZINFORM, KURSIV, CHINA_DAILY}
    assert {m.value for m in group.members} == {"5th"}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ((KAZINFORM, "$41 billion"), (AKORDA, "$14.5 billion")),
        ((CHINA_DAILY, "$41 billion"), (GLOBAL_TIMES, "$3.93 billion")),
        ((CHINA_DAILY, "32 percent"), (GLOBAL_TIMES, "53.5 percent")),
        ((CHINA_DAILY, "32 percent"), (GLOBAL_TIMES, "nearly half")),
        ((CHINA_DAILY, "$25 billion"), (GLOBAL_TIMES, "exceeding $21.2 billion")),
        ((CHINA_DAILY, "fifth"), (GLOBAL_TIMES, "24th")),
        ((KAZINFORM, "Thirty-two"), (KURSIV, "Eleven")),
        ((CHINA_DAILY, "2019"), (GLOBAL_TIMES, "2019")),
    ],
)
def test_unrelated_figures_are_not_grouped(seed: FactCheck, one: tuple[str, str], other: tuple[str, str]) -> None:
    assert group_of(seed, *one) is not group_of(seed, *other)


def test_figures_of_one_sentence_pair_with_their_counterparts(seed: FactCheck) -> None:
    trips = group_of(seed, KURSIV, "about 600,000")
    assert trips is group_of(seed, KAZINFORM, "approximately 600 thousand") and trips.verdict is Verdict.AGREE
    first_months = group_of(seed, KURSIV, "200,000")
    assert first_months is group_of(seed, KAZINFORM, "exceeded 200 thousand")
    assert first_months.verdict is Verdict.QUALIFIER


def test_the_air_defense_forces_and_the_air_force_are_a_name_difference(seed: FactCheck) -> None:
    group = group_of(seed, AKORDA, "Kazakhstan Air Defense Forces")
    assert group.kind is ClaimKind.NAME and group.verdict is Verdict.DIFFER
    assert [m.location.text for m in group.members] == ["Kazakh Air Force", "Kazakhstan Air Defense Forces"]


def test_a_longer_form_of_a_name_is_the_same_name(seed: FactCheck) -> None:
    dimash = group_of(seed, KAZINFORM, "Dimash")
    assert [m.location.text for m in dimash.members] == ["Dimash", "Dimash Qudaibergen"]
    assert dimash.verdict is Verdict.FORM
    initial = group_of(seed, KAZINFORM, "S. Kabylbekov")
    assert [m.location.text for m in initial.members] == ["S. Kabylbekov", "Saulebek Kabylbekov"]
    assert initial.verdict is Verdict.AGREE


def test_a_name_that_is_a_prefix_of_several_goes_with_its_own_full_form(seed: FactCheck) -> None:
    university = group_of(seed, CHINA_DAILY, "Beijing Language and Culture University")
    assert [m.location.text for m in university.members] == ["Beijing Language and Culture University"] * 2


def test_groups_come_worst_first_and_hold_one_claim_a_source(seed: FactCheck) -> None:
    order = list(Verdict)
    assert [order.index(g.verdict) for g in seed.groups] == sorted(order.index(g.verdict) for g in seed.groups)
    for group in seed.groups:
        assert len({m.source for m in group.members}) == len(group.members)
        assert len({m.kind for m in group.members}) == 1


def test_claim_locations_point_at_their_wording(seed: FactCheck) -> None:
    for group in seed.groups:
        for member in group.members:
            doc = seed.sources[member.source]
            line = doc.text.split("\n")[member.location.line - 1]
            assert line[member.location.column - 1 :].startswith(member.location.text)


def test_the_check_is_deterministic(seed: FactCheck) -> None:
    again = run(*ALL)
    assert [(g.verdict, g.topic, g.members) for g in again.groups] == [
        (g.verdict, g.topic, g.members) for g in seed.groups
    ]


# --- what is a claim ------------------------------------------------------------------------


def _claims(*names: str) -> list[Claim]:
    return extract_claims([load_document(SOURCES / name) for name in names])


def test_names_every_report_gives_are_the_cast_not_claims() -> None:
    names = {c.location.text for c in _claims(*ALL) if c.kind is ClaimKind.NAME}
    assert not names & {"China", "Kazakhstan", "Xi", "Xi Jinping", "Tokayev", "Astana"}
    assert {"Dimash", "Kazakhstan Air Defense Forces", "Kazakh Air Force"} <= names


def test_a_dateline_and_idioms_are_not_claims() -> None:
    claims = _claims(GLOBAL_TIMES, KAZINFORM)
    dateline = [c for c in claims if c.location.line == 1 and c.sentence.text.startswith("BEIJING, July 3")]
    assert all(c.location.text not in ("July 3", "2024") for c in dateline)
    assert not [c for c in claims if c.location.text in ("two", "both", "Both", "one", "first")]


def test_headings_and_boilerplate_state_no_claims() -> None:
    claims = _claims(CHINA_DAILY)
    assert all(c.location.text != "17:21" for c in claims)  # "Published: 17:21, July 5, 2024"


# --- normalisation and grouping on small texts -------------------------------------------------

TRADE = "Last year, bilateral trade between the two countries reached {} for the first time."


@pytest.mark.parametrize(
    ("x", "y", "verdict"),
    [
        ("$41 billion", "41 billion dollars", Verdict.AGREE),
        ("32 percent", "32%", Verdict.AGREE),
        ("$41 billion", "about $41 billion", Verdict.QUALIFIER),
        ("$41 billion", "$40 billion", Verdict.DIFFER),
    ],
)
def test_figures_compare_after_normalisation(x: str, y: str, verdict: Verdict) -> None:
    facts = claims_of({"a.txt": TRADE.format(x), "b.txt": TRADE.format(y)})
    [group] = [g for g in facts.groups if len(g.members) == 2]
    assert group.verdict is verdict


def test_over_4700_against_4700_is_a_qualifier_difference() -> None:
    facts = claims_of(
        {
            "a.txt": "Over 4,700 Chinese businesses now operate in the Central Asian country.",
            "b.txt": "Today 4,700 Chinese businesses operate in the Central Asian country.",
        }
    )
    [group] = facts.groups
    assert group.verdict is Verdict.QUALIFIER
    assert [m.reading for m in group.members] == ["more than 4,700", "4,700"]


def test_a_figure_about_a_subject_the_other_report_never_names_is_not_disputed() -> None:
    facts = claims_of(
        {
            "a.txt": "China's bilateral trade with Tajikistan rose 53.5 percent last year.",
            "b.txt": "China's bilateral trade with Kazakhstan rose 32 percent last year.",
        }
    )
    assert all(g.verdict is Verdict.SINGLE for g in facts.groups if g.kind is ClaimKind.FIGURE)


def test_figures_far_apart_need_closer_wording_to_be_disputed() -> None:
    a = "The two sides are implementing investment projects worth $14.5 billion in industry and energy."
    b = "Investment projects worth {} are under way in industry, officials said."
    near = claims_of({"a.txt": a, "b.txt": b.format("$14 billion")})
    assert [g.verdict for g in near.groups] == [Verdict.DIFFER]
    far = claims_of({"a.txt": a, "b.txt": b.format("$2 billion")})
    assert [g.verdict for g in far.groups] == [Verdict.SINGLE, Verdict.SINGLE]


# --- the rules ---------------------------------------------------------------------------------


def test_rules_turn_disputed_groups_into_findings(seed: FactCheck) -> None:
    figures = list(FigureDiffers().check_sources(seed))
    assert [(f.category, f.severity) for f in figures] == [(Category.NUMBER, Severity.WARNING)]
    assert [loc.text for loc in figures[0].locations] == ["$25 billion", "$24 billion"]
    assert "USD 24,000,000,000" in figures[0].message and AKORDA in figures[0].message
    hedges = list(QualifierDiffers().check_sources(seed))
    assert {f.severity for f in hedges} == {Severity.INFO} and len(hedges) == 2
    names = list(NameDiffers().check_sources(seed))
    warned = [f for f in names if f.severity is Severity.WARNING]
    assert any("Kazakhstan Air Defense Forces" in f.message for f in warned)
    assert all(f.category is Category.NAME for f in names)


@pytest.mark.parametrize("rule", [FigureDiffers, QualifierDiffers, NameDiffers])
def test_rule_documents_itself(rule: type) -> None:
    info = rule.info()
    assert info.scope == "sources" and info.summary and "**Bad:**" in info.doc and "**Good:**" in info.doc
