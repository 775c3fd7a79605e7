"""KZ101-KZ104, KZ110 and KZ120 (missing, added and divergent content), and the word diff behind them.

The YAML cases in tests/rule_cases run through the real segmenter and
aligner; the seed tests run the rules on the real excerpts (A) and full text
(B) and check places against positions found by searching the files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rulecases import rule_class, run_case

from linter.align import align
from linter.diffing import (
    Significance,
    WordChange,
    change_runs,
    diff_passage,
    fold_spelling,
    passage_diff,
    word_diff,
)
from linter.model import Finding, Location, Severity
from linter.rules.base import Comparison, PairRule
from linter.segment import load_document, segment, tokens

REPO = Path(__file__).resolve().parents[1]
EXCERPTS = REPO / "sources" / "kursiv-xi-article-excerpts.txt"
FULL = REPO / "sources" / "kazinform-xi-article-full.txt"


# --- the word diff -------------------------------------------------------------------------------


def _spans(a: str, b: str) -> list[tuple[str, str, str]]:
    changes = word_diff(tokens(a), tokens(b))
    return [(c.kind, a[c.a_start : c.a_end], b[c.b_start : c.b_end]) for c in changes]


def test_word_diff_describes_the_edit_from_a_to_b() -> None:
    assert _spans(
        "Last year, our trade reached a record height of $41 billion.", "Last year, trade reached a record $41 billion."
    ) == [
        ("equal", "Last year", "Last year"),
        ("delete", "our", ""),
        ("equal", "trade reached a record", "trade reached a record"),
        ("delete", "height of", ""),
        ("equal", "41 billion", "41 billion"),
    ]
    assert _spans("we stand together", "we now stand together")[1] == ("insert", "", "now")


def test_word_diff_matches_content_words_before_function_words() -> None:
    """Reordered clauses: "each other" and "a" must not pull the content words out of line."""
    changes = _spans(
        "we offer each other a hand, giving reliable support", "we extend a helping hand and reliable support"
    )
    equal = [a for kind, a, _ in changes if kind == "equal"]
    assert "hand" in equal and "reliable support" in equal


def test_offsets_are_document_offsets() -> None:
    doc_a = segment(Path("a.txt"), "Title\n\nThe two sides support each other.")
    doc_b = segment(Path("b.txt"), "Both sides support each other.")
    changes = passage_diff(doc_a.sentences[1:], doc_b.sentences)
    first = changes[0]
    assert first == WordChange("replace", 7, 14, 0, 4)
    assert doc_a.text[first.a_start : first.a_end] == "The two"


def test_runs_join_changes_around_one_function_word() -> None:
    a, b = tokens("standing shoulder to shoulder"), tokens("standing back to back")
    (run,) = change_runs(a, b)
    assert [t.text for t in run.a] == ["shoulder", "to", "shoulder"]
    assert [t.text for t in run.b] == ["back", "to", "back"]


@pytest.mark.parametrize(
    ("british", "american"),
    [("organise", "organize"), ("colour", "color"), ("centre", "center"), ("travelled", "traveled")],
)
def test_spelling_variants_fold_together(british: str, american: str) -> None:
    assert fold_spelling(british) == fold_spelling(american)


@pytest.mark.parametrize(("one", "other"), [("four", "for"), ("filled", "filed"), ("hour", "hor")])
def test_different_words_stay_apart(one: str, other: str) -> None:
    assert fold_spelling(one) != fold_spelling(other)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("they did not sign", "they signed", Significance.NEGATION),
        ("they will increase tariffs", "they will reduce tariffs", Significance.REVERSAL),
        ("they have opened a crossing", "they plan to open a crossing", Significance.MODALITY),
        ("issues of vital interest", "issues of core interest", Significance.CONTENT),
        ("we stand shoulder to shoulder", "we stand back to back", Significance.CONTENT),
        ("the global economy", "the international economy", Significance.WORDING),
        ("I was in awe", "I was awestruck", Significance.WORDING),
        ("There can be no doubt that life exists", "Undoubtedly life exists", Significance.WORDING),
        ("issues of interest to them", "issues of interest for them", Significance.FUNCTION),
        ("the modernisation", "modernization", Significance.TRIVIAL),
        ("a well-known doctor", "the well known doctor", Significance.TRIVIAL),
    ],
)
def test_significance_of_a_change(a: str, b: str, expected: Significance) -> None:
    doc_a, doc_b = segment(Path("a.txt"), a), segment(Path("b.txt"), b)
    diff = diff_passage(doc_a.sentences, doc_b.sentences)
    assert max(diff.significance(run) for run in diff.runs) is expected


def test_not_only_is_no_negation() -> None:
    doc_a = segment(Path("a.txt"), "I will not only see the city but also meet the president.")
    doc_b = segment(Path("b.txt"), "I will see the city and meet the president.")
    diff = diff_passage(doc_a.sentences, doc_b.sentences)
    assert Significance.NEGATION not in {diff.significance(run) for run in diff.runs}


def test_trivial_variants_are_silent_next_to_a_real_change() -> None:
    case = {
        "a": "The modernisation of the city centre served vital interests.",
        "b": "The modernization of the city center served core interests.",
    }
    findings = run_case(rule_class("KZ121"), case)
    assert [f.message for f in findings] == ['reworded: "vital" in A, "core" in B']


# --- the seed pair: A = the excerpts, B = the full text -------------------------------------------


@cache
def _seed() -> Comparison:
    a, b = load_document(EXCERPTS), load_document(FULL)
    return Comparison(a, b, align(a, b))


@cache
def _findings(rule_id: str) -> tuple[Finding, ...]:
    rule = rule_class(rule_id)()
    assert isinstance(rule, PairRule)
    return tuple(rule.check_pair(_seed()))


def _place(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in the file, found by searching its text."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(needle)
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _at(location: Location | None) -> tuple[int, int]:
    assert location is not None
    return location.line, location.column


def _finding_at(rule_id: str, side: str, text_start: str) -> Finding:
    matches = [f for f in _findings(rule_id) if (loc := f.at(side)) and loc.text.startswith(text_start)]
    assert len(matches) == 1, [f.message for f in _findings(rule_id)]
    return matches[0]


def test_seed_excerpts_leave_paragraphs_and_sentences_out_without_a_finding() -> None:
    """What an excerpt rendering leaves out by design is listed by the report, not repeated as findings."""
    assert _findings("KZ101") == ()
    assert {f.severity for f in _findings("KZ102")} == {Severity.WARNING}
    skipped = _finding_at("KZ102", "b", "In the spirit of mutual support and solidarity")
    assert "skipped inside a quote" in skipped.message
    assert _at(skipped.at("b")) == _place(FULL, "In the spirit of mutual support and solidarity")


def test_seed_dropped_clause() -> None:
    finding = _finding_at("KZ103", "b", "on a safe and stable basis")
    assert finding.severity is Severity.WARNING
    assert _at(finding.at("b")) == _place(FULL, "on a safe and stable basis, a green corridor")


def test_seed_truncated_quote() -> None:
    (finding,) = _findings("KZ104")
    a, b = finding.at("a"), finding.at("b")
    assert a is not None and a.text == "»"
    line, column = _place(EXCERPTS, "Trans-Caspian International Route.»")
    assert _at(a) == (line, column + len("Trans-Caspian International Route."))
    assert b is not None and b.text.startswith("(TITR) in order to improve")
    assert _at(b) == _place(FULL, "(TITR) in order")


def test_seed_editorial_lines_are_no_additions() -> None:
    assert _findings("KZ110") == ()


def test_seed_meaning_changes_are_warnings_and_rewordings_are_not_listed() -> None:
    warnings = [f for f in _findings("KZ120") if f.severity is Severity.WARNING]
    there_are_now = [f for f in warnings if f.message.startswith("done against planned or possible")]
    assert any((loc := f.at("a")) and "there are now" in loc.text for f in there_are_now)
    assert any((loc := f.at("b")) and "we are talking about" in loc.text for f in there_are_now)
    # Both idioms say mutual support: not a warning, and the rewording is KZ121's.
    assert not any("shoulder to shoulder" in f.message for f in warnings)
    assert not any("vital" in f.message for f in _findings("KZ120"))
    assert len(_findings("KZ120")) < len(_findings("KZ121"))


def test_seed_rewordings_come_with_both_variants_when_asked_for() -> None:
    astonishing = [f for f in _findings("KZ121") if f.message == 'other words: "astonishing" in A, "breathtaking" in B']
    assert len(astonishing) == 1 and astonishing[0].severity is Severity.INFO
    assert _at(astonishing[0].at("a")) == _place(EXCERPTS, "astonishing")
    assert _at(astonishing[0].at("b")) == _place(FULL, "breathtaking")


def test_seed_diff_marks_what_the_excerpt_adds() -> None:
    seed = _seed()
    a_sentence = next(s for s in seed.a.sentences if s.text.startswith("«Last year"))
    b_sentence = next(s for s in seed.b.sentences if s.text.startswith("Last year"))
    changes = passage_diff([a_sentence], [b_sentence])
    added = [seed.a.text[c.a_start : c.a_end] for c in changes if c.kind == "delete"]
    assert added == ["our", "height of"]
