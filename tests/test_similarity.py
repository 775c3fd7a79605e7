"""Content similarity: keys survive paraphrase and inflection, function words do not count."""

from __future__ import annotations

from collections import Counter

import pytest
import textdistance

from linter.similarity import keys, merged, similarity, stem, text_similarity


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("difficulties", "difficult"),
        ("kazakhstani", "kazakh"),
        ("standing", "stand"),
        ("floods", "flood"),
        ("interests", "interest"),
        ("emerged", "emerge"),
        ("china's", "china"),
    ],
)
def test_inflected_and_derived_forms_share_a_stem(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(("one", "other"), [("interests", "international"), ("son", "song")])
def test_different_words_keep_different_stems(one: str, other: str) -> None:
    assert stem(one) != stem(other)


def test_numbers_lose_group_separators() -> None:
    assert stem("600,000") == "600000"


def test_keys_drop_function_words_and_count_repeats() -> None:
    assert keys("The two sides stand shoulder to shoulder with each other.") == Counter(
        {"should": 2, "two": 1, "side": 1, "stand": 1}
    )


def test_hyphenated_compounds_count_as_their_parts() -> None:
    assert keys("Chinese-Kazakh friendship") == keys("Chinese and Kazakh friendship")


def test_keys_of_a_real_sentence() -> None:
    assert keys("Last year, bilateral trade reached a record $41 billion.") == Counter(
        {"last": 1, "year": 1, "bilate": 1, "trad": 1, "reach": 1, "record": 1, "41": 1, "billio": 1}
    )


def test_paraphrased_translations_are_similar() -> None:
    a = (
        "In hard times when difficulties such as the pandemic or floods emerge, we always offer each "
        "other a hand, providing reliable support and standing shoulder to shoulder."
    )
    b = (
        "In difficult moments, be it a flood, a pandemic or other trials, we always mutually extend a "
        "helping hand, standing back to back and giving each other the most reliable support."
    )
    assert text_similarity(a, b) > 0.5


def test_unrelated_sentences_are_not_similar() -> None:
    port, resources = "A dry port was commissioned in the city of Xi’an.", "Our countries possess many resources."
    assert text_similarity(port, resources) == 0.0


def test_identical_passages_score_one_and_order_does_not_matter() -> None:
    text = "China is the main trading partner for Kazakhstan."
    assert text_similarity(text, text) == 1.0
    assert text_similarity(text, "Kazakhstan: main trading partner is China.") == 1.0


def test_similarity_is_symmetric_dice_from_textdistance() -> None:
    a, b = keys("Eleven years ago I announced the initiative."), keys("I first announced the Silk Road initiative.")
    assert similarity(a, b) == similarity(b, a) == textdistance.Sorensen(external=False)(a, b)


def test_passage_without_content_words_gives_no_evidence() -> None:
    assert similarity(keys("And he did so."), keys("And he did so.")) == 0.0
    assert similarity(Counter(), keys("Something else")) == 0.0


def test_merged_reads_passages_as_one() -> None:
    assert merged([keys("trade record"), keys("record billion")]) == Counter({"record": 2, "trad": 1, "billio": 1})
