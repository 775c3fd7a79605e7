"""KZ130, KZ131, KZ140 and KZ201 on the seed pair: the real excerpts (A) and full text (B).

Their table cases run in tests/test_rule_catalog.py with every rule's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rulecases import rule_class

from linter.align import align
from linter.model import Document, Finding, ParagraphKind, Severity
from linter.rules.base import Comparison, PairRule, TextRule, TextUnderCheck
from linter.segment import load_document

REPO = Path(__file__).resolve().parents[1]
EXCERPTS = REPO / "sources" / "kursiv-xi-article-excerpts.txt"
FULL = REPO / "sources" / "kazinform-xi-article-full.txt"


# --- the seed pair: A = the Kursiv excerpts, B = the Kazinform full text -------------------------


@cache
def _seed() -> Comparison:
    a, b = load_document(EXCERPTS), load_document(FULL)
    return Comparison(a, b, align(a, b))


def _seed_findings(rule_id: str) -> list[Finding]:
    rule = rule_class(rule_id)()
    assert isinstance(rule, PairRule)
    return list(rule.check_pair(_seed()))


def _text_findings(rule_id: str, doc: Document, side: str) -> list[Finding]:
    rule = rule_class(rule_id)()
    assert isinstance(rule, TextRule)
    return list(rule.check_text(TextUnderCheck(doc, side)))


def test_seed_quantity_qualifier_flags_only_the_200000_bound() -> None:
    [finding] = _seed_findings("KZ131")
    a, b = finding.at("a"), finding.at("b")
    assert a is not None and b is not None
    assert (a.line, a.text) == (23, "200,000")
    assert (b.line, b.text) == (28, "exceeded 200 thousand")
    assert '"200,000" (exact) in A, "exceeded 200 thousand" (more than) in B' in finding.message
    assert finding.severity is Severity.WARNING


def test_seed_26_twin_cities_are_not_26_pairs_of_sister_cities() -> None:
    """$41 billion, about 600,000, Eleven, fifth, the two/both sides agree; 26 cities against 26 pairs (52) does not."""
    [finding] = _seed_findings("KZ130")
    a, b = finding.at("a"), finding.at("b")
    assert a is not None and b is not None
    assert (a.text, b.text) == ("26", "26 pairs")
    assert finding.message == 'figure changed: "26" (26) in A, "26 pairs" (52) in B'
    assert finding.severity is Severity.ERROR


def test_seed_trans_caspian_route_is_a_different_rendering() -> None:
    messages = {f.message: f for f in _seed_findings("KZ140")}
    expected = '"Trans-Caspian International Route" in A, "Trans-Caspian International Transport Route (TITR)" in B'
    [finding] = [f for m, f in messages.items() if expected in m]
    a, b = finding.at("a"), finding.at("b")
    assert finding.severity is Severity.WARNING
    assert a is not None and (a.line, a.column) == (19, 672)
    assert b is not None and (b.line, b.column) == (45, 829)


def test_seed_harmless_name_variants_are_quiet() -> None:
    """Case (Zhanatas), initials (S. Kabylbekov), a surname (Tokayev), an acronym (SCO)."""
    messages = " ".join(f.message for f in _seed_findings("KZ140"))
    for name in ("Zhanatas", "Kabylbekov", "Tokayev", "SCO", "Shanghai Cooperation Organization", "China"):
        assert name not in messages


def test_seed_shortened_singer_name_is_info() -> None:
    [finding] = [f for f in _seed_findings("KZ140") if "Qudaibergen" in f.message]
    assert finding.severity is Severity.INFO
    assert 'name shortened: "Dimash Qudaibergen" in A, "Dimash" in B' in finding.message


def test_seed_untranslated_labels_in_the_excerpts() -> None:
    doc = _seed().a
    findings = _text_findings("KZ201", doc, "a")
    places = [(f.locations[0].line, f.locations[0].column, f.locations[0].text) for f in findings]
    assert places == [(3, 1, "Опубликовано"), (41, 1, "Читайте также")]
    assert all("Cyrillic" in f.message for f in findings)
    # Segmentation calls these lines boilerplate; the rule reads them all the same.
    assert {doc.paragraph_at(f.locations[0].start).kind for f in findings} == {ParagraphKind.BOILERPLATE}


def test_seed_full_text_has_no_untranslated_words() -> None:
    assert _text_findings("KZ201", _seed().b, "b") == []
