"""The grammar benchmark's corpus and its arithmetic: every sentence holds one slip, found where it is.

No recall is asserted here; the figures come from running bench/grammar_quality.py.
"""

from __future__ import annotations


import pytest

from conftest import REPO, load_bench



bench = load_bench("grammar_quality.py")
CORPORA = [bench.CORPUS, bench.UNSEEN]


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_each_sentence_holds_one_slip_and_its_correction_differs(path) -> None:
    slips = bench.read_corpus(path)
    assert len(slips) >= 40
    for slip in slips:
        assert slip.text != slip.corrected, slip.text
        assert "[" not in slip.text and "|" not in slip.corrected


def test_no_corpus_sentence_is_taken_from_the_seed_sources() -> None:
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "sources").glob("*.txt"))
    sentences = [s.corrected for path in CORPORA for s in bench.read_corpus(path)]
    assert not [s for s in sentences if s.rstrip(".") in seeds]


def test_a_slip_is_found_by_an_overlapping_span_and_a_gap_by_a_neighbouring_word() -> None:
    [wrong_word] = [s for s in bench.read_corpus(bench.CORPUS) if s.text.startswith("She have two brothers")]
    start = wrong_word.text.index("have")
    assert wrong_word.found_by([(start, start + 4, "Rule")])
    assert not wrong_word.found_by([(0, 3, "Rule")])
    [gap] = [s for s in bench.read_corpus(bench.CORPUS) if s.text.startswith("According the forecast")]
    assert gap.start == gap.end
    assert gap.found_by([(0, len("According"), "Rule")])
    assert not gap.found_by([(len("According the "), len("According the forecast"), "Rule")])
