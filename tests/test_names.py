"""The name reader: which capitalised words are names, and how two names relate."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.names import Name, Passage, Relation, document_names, relate, similarity
from linter.segment import load_document, segment

SOURCES = Path(__file__).resolve().parents[1] / "sources"


def names_in(text: str) -> list[str]:
    """The names of a small document, in order."""
    names = document_names(segment(Path("t.txt"), text))
    return [name.text for index in sorted(names) for name in names[index]]


def name(text: str) -> Name:
    [found] = document_names(segment(Path("t.txt"), f"It was {text} there."))[0]
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They promote the Trans-Caspian International Transport Route (TITR) in Eurasia.",
            ["Trans-Caspian International Transport Route (TITR)", "Eurasia"],
        ),
        ("The ambassador was ophthalmologist S. Kabylbekov from Almaty.", ["S. Kabylbekov", "Almaty"]),
        ("The Chinese people believe it. Last year, trade grew.", []),
        ("Cooperation between Kazakhstan and China grew. It helps China.", ["Kazakhstan", "China", "China"]),
        ("I announced the Belt and Road Initiative in Astana.", ["Belt and Road Initiative", "Astana"]),
        ("He met Chinese President Xi Jinping in Astana.", ["Xi Jinping", "Astana"]),
        ("We defend Kazakhstan’s independence.", ["Kazakhstan"]),
        ("They stand guard over the UN-centric system.", ["UN"]),
        ("He was conferred the Order of the Golden Eagle.", ["Order of the Golden Eagle"]),
        ("It was Kazakhstani-Chinese and Sino-Kazakh cooperation.", []),
        ("It projects the Zhanatas Wind Power Plant and the Turgusun Hydroelectric Power Plant.",
         ["Zhanatas Wind Power Plant", "Turgusun Hydroelectric Power Plant"]),
    ],
)
def test_names_in_a_sentence(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


def test_a_country_named_alone_splits_compounds() -> None:
    text = "Relations with China matter. We love Kazakhstan. They praised China-Kazakhstan relations."
    assert names_in(text) == ["China", "Kazakhstan", "China", "Kazakhstan"]


def test_sentence_opener_is_a_name_only_if_capitalised_mid_sentence() -> None:
    assert names_in("Together, we built it. Astana is the capital. We met in Astana.") == ["Astana", "Astana"]


def test_ordinary_word_opening_a_run_is_dropped() -> None:
    text = "Promising Chinese-Kazakh cooperation inspires confidence. It was promising."
    assert names_in(text) == []


def test_names_keep_document_offsets() -> None:
    doc = load_document(SOURCES / "kazinform-xi-article-full.txt")
    found = [n for names in document_names(doc).values() for n in names if n.acronym == "TITR"]
    [titr] = found
    assert doc.text[titr.start : titr.end] == "Trans-Caspian International Transport Route (TITR)"
    assert doc.position(titr.start) == (45, 829)


@pytest.mark.parametrize(
    ("x", "y", "relation"),
    [
        ("Zhanatas Wind Power Plant", "Zhanatas Wind Power Plant", Relation.SAME),
        ("Saulebek Kabylbekov", "S. Kabylbekov", Relation.SAME),
        ("Kassym-Jomart Tokayev", "Tokayev", Relation.SAME),
        ("Shanghai Cooperation Organization", "SCO", Relation.SAME),
        ("Trans-Caspian International Transport Route", "TITR", Relation.SAME),
        ("Dimash Qudaibergen", "Dimash", Relation.SHORTENED),
        ("Trans-Caspian International Route", "Trans-Caspian International Transport Route (TITR)", Relation.DIFFERENT),
        ("Dimash Kudaibergen", "Dimash Qudaibergen", Relation.DIFFERENT),
        ("Astana", "Almaty", Relation.MISSING),
        ("Central Asia", "Confucius Academy", Relation.MISSING),
        ("Kazakhstan", "Kazakh Air Force", Relation.MISSING),
        ("SCO", "S. Kabylbekov", Relation.MISSING),
    ],
)
def test_relation(x: str, y: str, relation: Relation) -> None:
    assert relate(name(x), [name(y)])[0] is relation
    assert relate(name(y), [name(x)])[0] is relation


def test_relate_prefers_the_closest_candidate() -> None:
    route = name("Trans-Caspian International Route")
    candidates = [name("Astana"), name("Trans-Caspian International Transport Route (TITR)"), name("TITR")]
    assert relate(route, candidates) == (Relation.DIFFERENT, candidates[1])


def test_similarity_counts_near_spellings() -> None:
    assert similarity(name("Dimash Kudaibergen"), name("Dimash Qudaibergen")) == 1.0
    assert similarity(name("Kazakhstan"), name("Kazakh Air Force")) == 0.0


@pytest.mark.parametrize(
    ("written", "text", "expected"),
    [
        ("Zhanatas Wind Power Plant", "the Zhanatas wind power plant", True),
        ("Kassym-Jomart Tokayev", "President Kassym Jomart Tokayev", True),
        ("China", "The Chinese side always supports it", True),
        ("Kazakhstan", "our Kazakh friends", True),
        ("China-Europe", "trains between China and Europe", True),
        ("Shanghai Cooperation Organization (SCO)", "the SCO summit", True),
        ("Astana", "in Almaty", False),
        ("China", "the Chinatown district", False),
    ],
)
def test_passage_mentions(written: str, text: str, expected: bool) -> None:
    assert Passage(text).mentions(name(written)) is expected
