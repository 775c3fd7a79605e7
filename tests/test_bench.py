"""The benchmark's own arithmetic: how it cuts the book, scores the alignment and compares sizes.

No timings are asserted here; the figures come from running bench/run.py.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import REPO, load_bench
from linter.model import AlignedGroup, Alignment, SentenceLink
from linter.segment import load_document, segment

BOOK = REPO.parent / "shared" / "bench" / "asv-darby-bible"


bench = load_bench("run.py")


@pytest.fixture(scope="module")
def book_gold() -> dict:
    if not (BOOK / "gold.json").is_file():
        pytest.skip(f"benchmark data absent: {BOOK}")
    return json.loads((BOOK / "gold.json").read_text(encoding="utf-8"))


def test_cut_ends_both_sides_on_shared_verses() -> None:
    gold = {
        "a_verses": [["v1"], ["v2", "v3"], ["v4"], ["v5", "v6"]],
        "b_verses": [["v1", "v2"], ["v3"], ["v4", "v5"], ["v6"]],
        "links": [[0, 0], [1, 0], [1, 1], [2, 2], [3, 2], [3, 3]],
    }
    # Half of A holds v1..v3: B keeps its first two paragraphs, and A both of its own.
    assert bench.cut_book(gold, Fraction(1, 2)) == bench.BookSlice(
        Fraction(1, 2), 2, 2, frozenset({(0, 0), (1, 0), (1, 1)})
    )
    # Three quarters of A end inside B's third paragraph (v4 without v5), so A is cut back too.
    assert bench.cut_book(gold, Fraction(3, 4)).a_count == 2


def test_a_tiny_slice_of_the_book_keeps_the_book_s_paragraphs(book_gold: dict, tmp_path: Path) -> None:
    book_slice = bench.cut_book(book_gold, Fraction(1, 128))
    a_verses = book_gold["a_verses"][: book_slice.a_count]
    b_verses = book_gold["b_verses"][: book_slice.b_count]
    assert {v for p in a_verses for v in p} <= {v for p in b_verses for v in p}
    assert book_slice.links and all(i < book_slice.a_count and j < book_slice.b_count for i, j in book_slice.links)

    a_path, b_path, gold_path = bench.write_slice(BOOK, book_slice, tmp_path)
    a_doc, b_doc = load_document(a_path), load_document(b_path)
    assert len(a_doc.paragraphs) == book_slice.a_count and len(b_doc.paragraphs) == book_slice.b_count
    book_a = bench.read_paragraphs(BOOK / "a.txt")
    assert a_doc.paragraphs[-1].text == book_a[book_slice.a_count - 1]
    assert {tuple(link) for link in json.loads(gold_path.read_text())["links"]} == book_slice.links


def test_the_whole_book_is_its_own_slice(book_gold: dict) -> None:
    whole = bench.cut_book(book_gold, Fraction(1))
    assert (whole.a_count, whole.b_count) == (8887, 6961)
    assert len(whole.links) == len(book_gold["links"])


def test_links_of_n_to_m_groups_are_every_pair_inside() -> None:
    alignment = Alignment((AlignedGroup((0,), (0,), 1.0, ()), AlignedGroup((1, 2), (1,), 0.9, ())), (3,), ())
    predicted = bench.predicted_links(alignment)
    assert predicted == {(0, 0), (1, 1), (2, 1)}
    assert bench.link_scores(predicted, [(0, 0), (1, 1), (3, 1), (3, 2)]) == bench.Scores(0.6667, 0.5, 0.5714)
    assert bench.link_scores(set(), [(0, 0)]) == bench.Scores(0.0, 0.0, 0.0)


def test_sentence_links_name_only_the_paragraphs_they_join() -> None:
    a = segment(Path("a.txt"), "First one. Second one.\n\nThird one.\n")
    b = segment(Path("b.txt"), "First. Second.\n\nThird.\n")
    links = (SentenceLink((0,), (0,), 1.0), SentenceLink((1,), (1,), 1.0), SentenceLink((2,), (2,), 1.0))
    alignment = Alignment((AlignedGroup((0, 1), (0, 1), 1.0, links),), (), ())
    assert bench.sentence_links(a, b, alignment) == {(0, 0), (1, 1)}
    assert bench.predicted_links(alignment) == {(0, 0), (0, 1), (1, 0), (1, 1)}


def test_the_best_grouping_covers_each_chain_of_gold_links() -> None:
    chain = [(0, 0), (1, 0), (1, 1), (2, 2)]
    assert bench.component_links(chain) == {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)}


def test_stage_durations_count_skipped_stages_as_zero() -> None:
    durations = bench._stage_durations([("reading", 0.0), ("segmentation", 1.0), ("reporting", 4.0)], 4.5)
    assert durations == {"reading": 1.0, "segmentation": 3.0, "alignment": 0.0, "rules": 0.0, "grammar": 0.0,
                         "reporting": 0.5}


def test_ratios_are_taken_only_where_the_size_doubles() -> None:
    rows = [{"fraction": f, "total": t, "words": w} for f, t, w in (("1/8", 1.0, 10), ("1/4", 2.2, 20), ("1", 9.0, 80))]
    assert bench.doubling_ratios(rows) == [{"from": "1/8", "to": "1/4", "time_ratio": 2.2, "words_ratio": 2.0}]
