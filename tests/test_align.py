"""Alignment of two renderings: paragraph groups N:M and the sentence links inside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.align import align
from linter.align.chain import heaviest_chain
from linter.align.units import MIN_LINK, Link
from linter.model import Alignment, Document
from linter.segment import load_document, segment

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"
BIBLE = REPO.parent / "shared" / "bench" / "asv-darby-bible"


@pytest.fixture(scope="module")
def excerpts() -> Document:
    return load_document(SOURCES / "kursiv-xi-article-excerpts.txt")


@pytest.fixture(scope="module")
def full() -> Document:
    return load_document(SOURCES / "kazinform-xi-article-full.txt")


@pytest.fixture(scope="module")
def seed(excerpts: Document, full: Document) -> Alignment:
    return align(excerpts, full)


def doc(*paragraphs: str) -> Document:
    return segment(Path("synthetic.txt"), "\n\n".join(paragraphs) + "\n")


def paragraph_groups(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(group.a, group.b) for group in alignment.groups]


def sentence_index(document: Document, beginning: str) -> int:
    """The index of the one sentence of ``document`` that starts with ``beginning`` (quotes aside)."""
    found = [s.index for s in document.sentences if s.text.lstrip('«“"').startswith(beginning)]
    assert len(found) == 1, (beginning, found)
    return found[0]


def linked_b(alignment: Alignment, a_sentence: int) -> tuple[int, ...]:
    """The B sentences linked to ``a_sentence``, or () if it has no link."""
    links = [link for group in alignment.groups for link in group.sentences if a_sentence in link.a]
    return links[0].b if links else ()


def linked_b_sentences(alignment: Alignment) -> set[int]:
    return {index for group in alignment.groups for link in group.sentences for index in link.b}


# --- the seed pair: excerpts (A) quoting the full article (B) out of order ---

SEED_GROUPS = [
    ((18,), (2, 3)),
    ((6,), (6, 7)),
    ((8,), (8,)),
    ((12,), (9, 10)),
    ((14,), (13, 14)),
    ((10,), (15,)),
    ((16,), (17,)),
]


def test_seed_groups_match_each_quote_to_its_passage(seed: Alignment) -> None:
    assert paragraph_groups(seed) == SEED_GROUPS


def test_seed_headings_bylines_and_comments_stay_unaligned(seed: Alignment, excerpts: Document) -> None:
    assert seed.unaligned_a == (0, 1, 2, 3, 4, 5, 7, 9, 11, 13, 15, 17, 19, 20, 21)
    assert not any(excerpts.paragraphs[index].kind.is_content for index in seed.unaligned_a)


def test_seed_passages_not_quoted_stay_unaligned(seed: Alignment) -> None:
    assert seed.unaligned_b == (0, 1, 4, 5, 11, 12, 16, 18, 19, 20)


def test_seed_quote_links_sentence_by_sentence(seed: Alignment, excerpts: Document, full: Document) -> None:
    pairs = {
        "In hard times when difficulties such as the pandemic": ("In difficult moments, be it a flood",),
        "A mutual visa-free regime allows": ("A mutual visa-free regime allows",),
        "Last year, our bilateral trade reached": ("Last year, bilateral trade reached a record",),
        "The two sides always support each other": ("Both sides always strongly support each other",),
        "Our countries possess many resources.": ("Each of our countries has its own set of resources.",),
        "I will be visiting your beautiful country": ("As President of the People’s Republic of China",),
        "There are also three envoys of friendship": ("The ambassadors of Chinese-Kazakh friendship",),
    }
    for a_text, b_texts in pairs.items():
        expected = tuple(sentence_index(full, text) for text in b_texts)
        assert linked_b(seed, sentence_index(excerpts, a_text)) == expected, a_text


def test_seed_sentence_split_in_two_links_both_halves(seed: Alignment, excerpts: Document, full: Document) -> None:
    """A's "…600,000 last year…" and "There is a new record ahead of us." render one B sentence."""
    trips = sentence_index(full, "The number of mutual trips last year")
    for beginning in ("The number of such travels amounted", "There is a new record ahead of us."):
        assert linked_b(seed, sentence_index(excerpts, beginning)) == (trips,)


@pytest.mark.parametrize(
    ("a_beginnings", "b_beginning"),
    [
        (
            ("Together, we have successfully commissioned", "Oil and gas pipelines", "You can find more and more"),
            "Strategically significant projects such as the Zhanatas",
        ),
        (
            ("In a rapidly changing global environment", "However, this also opens new opportunities."),
            "In the changing international environment",
        ),
        (
            ("Facing unprecedented and historic changes", "The two sides will continue to firmly support"),
            "In the face of unprecedented changes",
        ),
    ],
)
def test_seed_several_sentences_link_to_the_one_they_render(
    seed: Alignment, excerpts: Document, full: Document, a_beginnings: tuple[str, ...], b_beginning: str
) -> None:
    links = [
        link for group in seed.groups for link in group.sentences if link.b == (sentence_index(full, b_beginning),)
    ]
    assert [link.a for link in links] == [tuple(sentence_index(excerpts, text) for text in a_beginnings)]


def test_seed_sentences_the_excerpt_skips_have_no_link(seed: Alignment, full: Document) -> None:
    skipped = [
        "The potential for cooperation in the field of renewable energy",
        "A dry port was commissioned",
        "The Western Europe-Western China highway",
        "An agreement on the mutual establishment of cultural centers",
        "They made the first film “The Composer” together.",
        "Branches of Chinese universities in Kazakhstan",
    ]
    linked = linked_b_sentences(seed)
    for beginning in skipped:
        assert sentence_index(full, beginning) not in linked, beginning


def test_seed_alignment_is_well_formed(seed: Alignment, excerpts: Document, full: Document) -> None:
    assert_well_formed(seed, excerpts, full)


def test_aligning_a_text_with_itself_gives_identity_groups(full: Document) -> None:
    alignment = align(full, full)
    content = [p.index for p in full.paragraphs if p.kind.is_content]
    assert paragraph_groups(alignment) == [((index,), (index,)) for index in content]
    assert all(group.score == 1.0 for group in alignment.groups)
    assert all(link.a == link.b and link.score == 1.0 for group in alignment.groups for link in group.sentences)


def test_swapping_the_texts_mirrors_the_alignment(seed: Alignment, excerpts: Document, full: Document) -> None:
    swapped = align(full, excerpts)
    mirrored = {(group.b, group.a, group.score) for group in swapped.groups}
    assert mirrored == {(group.a, group.b, group.score) for group in seed.groups}
    mirrored_links = {(link.b, link.a, link.score) for group in swapped.groups for link in group.sentences}
    assert mirrored_links == {(link.a, link.b, link.score) for group in seed.groups for link in group.sentences}
    assert (swapped.unaligned_a, swapped.unaligned_b) == (seed.unaligned_b, seed.unaligned_a)


def assert_well_formed(alignment: Alignment, a: Document, b: Document) -> None:
    """The shape every alignment promises to the rules and the reports."""
    content_a = {p.index for p in a.paragraphs if p.kind.is_content}
    content_b = {p.index for p in b.paragraphs if p.kind.is_content}
    grouped_a = [index for group in alignment.groups for index in group.a]
    grouped_b = [index for group in alignment.groups for index in group.b]
    assert set(grouped_a) <= content_a and set(grouped_b) <= content_b
    assert sorted(grouped_a + list(alignment.unaligned_a)) == [p.index for p in a.paragraphs]
    assert sorted(grouped_b + list(alignment.unaligned_b)) == [p.index for p in b.paragraphs]
    assert [group.b[0] for group in alignment.groups] == sorted(group.b[0] for group in alignment.groups)
    for group in alignment.groups:
        assert group.a and group.b and group.sentences
        assert list(group.a) == sorted(group.a) and list(group.b) == sorted(group.b)
        assert 0.0 <= group.score <= 1.0 and round(group.score, 4) == group.score
        assert [link.b[0] for link in group.sentences] == sorted(link.b[0] for link in group.sentences)
        for link in group.sentences:
            assert link.a and link.b and 0.0 < link.score <= 1.0 and round(link.score, 4) == link.score
            assert {a.sentences[index].paragraph for index in link.a} <= set(group.a)
            assert {b.sentences[index].paragraph for index in link.b} <= set(group.b)


# --- synthetic renderings ---

HARVEST = (
    "The harvest in the northern valleys was the largest in twenty years. "
    "Farmers sold most of the wheat to mills across the border."
)
RIVER = (
    "Engineers finished the new bridge over the river in early spring. "
    "Trucks now cross it in minutes instead of waiting for the ferry."
)
SCHOOL = (
    "The village school opened a library with three thousand donated books. "
    "Children borrow novels and atlases every Friday afternoon."
)
MUSEUM = (
    "A museum of carpets welcomed its first visitors on Sunday. "
    "Weavers showed patterns handed down by their grandmothers."
)
FOREIGN = "Stock markets in Tokyo closed lower amid concerns about semiconductor exports. Analysts expect volatility."


def test_identical_texts_align_paragraph_by_paragraph() -> None:
    text = doc(HARVEST, RIVER, SCHOOL)
    alignment = align(text, text)
    assert paragraph_groups(alignment) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert alignment.unaligned_a == alignment.unaligned_b == ()
    assert all(group.score == 1.0 for group in alignment.groups)


def test_paragraph_split_in_two_gives_a_one_to_two_group() -> None:
    first, second = RIVER.split(". ", 1)
    a, b = doc(HARVEST, RIVER, SCHOOL), doc(HARVEST, first + ".", second, SCHOOL)
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    assert_well_formed(alignment, a, b)


def test_two_paragraphs_merged_give_a_two_to_one_group() -> None:
    a, b = doc(HARVEST, RIVER, SCHOOL, MUSEUM), doc(HARVEST, RIVER + " " + SCHOOL, MUSEUM)
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_sentence_cut_by_a_paragraph_break_joins_both_paragraphs() -> None:
    a = doc(
        RIVER,
        "And Canaan begat Sidon his first-born, and Heth, and the Jebusite, and the Amorite,",
        "and the Girgashite, and the Hivite, and the Arkite. " + HARVEST,
    )
    b = doc(
        RIVER,
        "And Canaan begot Zidon his firstborn, and Heth, and the Jebusite, and the Amorite, "
        "and the Girgashite, and the Hivite, and the Arkite.",
        HARVEST,
    )
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((0,), (0,)), ((1, 2), (1, 2))]
    canaan = alignment.groups[1].sentences[0]
    assert (canaan.a, canaan.b) == ((2, 3), (2,))


def test_prose_opening_with_by_is_aligned_not_taken_for_a_byline() -> None:
    faith = "By faith Moses, when he was born, was hid three months by his parents. They were not afraid."
    a, b = doc(HARVEST, faith), doc(HARVEST, faith.replace("hid", "hidden"))
    assert paragraph_groups(align(a, b)) == [((0,), (0,)), ((1,), (1,))]


def test_reordered_paragraphs_are_each_found() -> None:
    a, b = doc(HARVEST, RIVER, SCHOOL, MUSEUM), doc(SCHOOL, HARVEST, MUSEUM, RIVER)
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((2,), (0,)), ((0,), (1,)), ((3,), (2,)), ((1,), (3,))]


def test_inserted_foreign_paragraph_stays_unaligned() -> None:
    a, b = doc(HARVEST, RIVER, SCHOOL), doc(HARVEST, RIVER, FOREIGN, SCHOOL)
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((0,), (0,)), ((1,), (1,)), ((2,), (3,))]
    assert alignment.unaligned_b == (2,)


def test_dropped_paragraph_stays_unaligned() -> None:
    a, b = doc(HARVEST, SCHOOL, MUSEUM), doc(HARVEST, RIVER, SCHOOL, MUSEUM)
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((0,), (0,)), ((1,), (2,)), ((2,), (3,))]
    assert alignment.unaligned_b == (1,) and alignment.unaligned_a == ()


def test_headings_are_never_aligned_even_when_identical() -> None:
    a, b = doc("# Harvest news", HARVEST), doc("# Harvest news", HARVEST)
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((1,), (1,))]
    assert alignment.unaligned_a == alignment.unaligned_b == (0,)


def test_paraphrase_links_where_words_differ() -> None:
    a = doc("Both sides always support each other on issues related to their vital interests and key concerns.")
    b = doc("Both sides always strongly support each other on issues affecting core interests and key concerns.")
    assert paragraph_groups(align(a, b)) == [((0,), (0,))]


def test_repeated_formula_links_to_its_own_occurrence() -> None:
    formula_a = "And the king spoke to his servants, saying:"
    formula_b = "And the king spoke unto his servants, saying:"
    orders = ["bring water from the well.", "saddle the horses at dawn.", "open the granaries to the poor."]
    a = doc(HARVEST, *(f"{formula_a} {order.capitalize()}" for order in orders))
    b = doc(HARVEST, *(f"{formula_b} {order.capitalize()}" for order in orders))
    alignment = align(a, b)
    assert paragraph_groups(alignment) == [((index,), (index,)) for index in range(4)]
    links = {link.a: link.b for group in alignment.groups for link in group.sentences}
    assert all(links[(index,)] == (index,) for index in range(len(a.sentences)))


def test_empty_texts_align_to_nothing() -> None:
    alignment = align(doc(""), doc(HARVEST))
    assert alignment.groups == () and alignment.unaligned_b == (0,)


# --- the heaviest monotone chain ---


def test_chain_keeps_the_heaviest_links_in_order_on_both_sides() -> None:
    found = [
        Link((0,), (0,), 0.9),
        Link((1,), (3,), 0.5),
        Link((2,), (1,), 0.8),
        Link((3,), (2,), 0.7),
        Link((4,), (4,), 0.6),
    ]
    assert heaviest_chain(found) == [found[0], found[2], found[3], found[4]]


def test_chain_treats_a_merged_link_as_one_step() -> None:
    merged_link = Link((1, 2), (1,), 0.9)
    found = [Link((0,), (0,), 0.9), Link((1,), (1,), 0.5), merged_link, Link((2,), (2,), 0.3), Link((3,), (2,), 0.9)]
    assert heaviest_chain(found) == [found[0], merged_link, found[4]]


def test_chain_weighs_only_what_exceeds_the_least_link() -> None:
    """Two chance matches just above MIN_LINK must not outweigh one good link crossing them."""
    found = [Link((0,), (2,), 0.6), Link((1,), (0,), MIN_LINK + 0.1), Link((2,), (1,), MIN_LINK + 0.1)]
    assert heaviest_chain(found) == [found[0]]


# --- the bible pair: two translations, paragraphs cut at different verses ---


# The first paragraphs of the book pair that cover the same verses on both sides (1 Chronicles 1-9).
SAMPLE_PARAGRAPHS = (301, 230)


def bible_sample() -> tuple[Document, Document, set[tuple[int, int]]]:
    """A cut of the book pair in ../shared (read there, never copied) and its gold paragraph links."""
    if not (BIBLE / "gold.json").is_file():
        pytest.skip(f"benchmark data absent: {BIBLE}")
    gold = json.loads((BIBLE / "gold.json").read_text(encoding="utf-8"))
    a, b = (
        segment(Path(name), "\n\n".join(_paragraphs(BIBLE / name)[:count]) + "\n")
        for name, count in zip(("a.txt", "b.txt"), SAMPLE_PARAGRAPHS, strict=True)
    )
    first_a, first_b = SAMPLE_PARAGRAPHS
    return a, b, {(i, j) for i, j in gold["links"] if i < first_a and j < first_b}


def _paragraphs(path: Path) -> list[str]:
    return [block.strip() for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()]


def test_bible_sample_paragraph_links_are_precise_and_complete() -> None:
    """Predicted paragraph links are the pairs (i, j) that some sentence link joins.

    Every pair inside a group would not do: a verse carried over a paragraph
    break chains the paragraphs of both sides into one group, so even the
    gold links' own connected components hold four pairs for each gold link.
    """
    a, b, gold = bible_sample()
    alignment = align(a, b)
    predicted = {
        (a.sentences[i].paragraph, b.sentences[j].paragraph)
        for group in alignment.groups
        for link in group.sentences
        for i in link.a
        for j in link.b
    }
    correct = len(predicted & gold)
    assert correct / len(predicted) >= 0.9
    assert correct / len(gold) >= 0.9
    assert_well_formed(alignment, a, b)
