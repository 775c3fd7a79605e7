"""The quantity reader: what counts as a figure, its value, kind, unit and qualifier."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from linter.quantities import (
    Kind,
    Qualifier,
    Quantity,
    can_replace,
    compare_quantities,
    extract_quantities,
    same_figure,
)

SOURCES = Path(__file__).resolve().parents[1] / "sources"


def only(text: str) -> Quantity:
    [quantity] = extract_quantities(text)
    return quantity


EQUAL = [
    ("600,000", "600 thousand"),
    ("600,000", "six hundred thousand"),
    ("$41 billion", "41 billion dollars"),
    ("$41 billion", "US$41bn"),
    ("$3.93 billion", "3.93 billion US dollars"),
    ("$14.5 billion", "$14,500 million"),
    ("€3m", "3 million euros"),
    ("thirty-two", "32"),
    ("twenty six", "26"),
    ("Eleven", "11"),
    ("4,700", "four thousand seven hundred"),
    ("a dozen", "12"),
    ("fifth", "5th"),
    ("twenty-fourth", "24th"),
    ("thirty-second", "32nd"),
    ("32 percent", "32%"),
    ("53.5 percent", "53.5 per cent"),
    ("thirty-two percent", "32 pct"),
    ("half", "50%"),
    ("threescore and ten", "seventy"),
    ("five and twenty", "twenty-five"),
    ("nine and thirtieth", "thirty-ninth"),
    ("a hundred and fourscore thousand", "180,000"),
    ("a thousand and two hundred and ninety", "1,290"),
    ("July 2", "2 July"),
    ("July 2nd", "2nd of July"),
    ("2024", "2024"),
    ("17:21", "17:21"),
]

UNEQUAL = [
    ("200,000", "300,000"),
    ("$41 billion", "41 billion"),
    ("$41 billion", "€41 billion"),
    ("$3.93 billion", "$3.9 billion"),
    ("32 percent", "32"),
    ("32 percent", "32 percentage points"),
    ("fifth", "five"),
    ("July 2", "July 3"),
    ("2023", "2024"),
    ("2,000", "2000"),
]


@pytest.mark.parametrize(("x", "y"), EQUAL)
def test_equal_figures(x: str, y: str) -> None:
    assert same_figure(only(x), only(y))


@pytest.mark.parametrize(("x", "y"), UNEQUAL)
def test_unequal_figures(x: str, y: str) -> None:
    assert not same_figure(only(x), only(y))


@pytest.mark.parametrize(
    ("text", "kind", "normalised"),
    [
        ("$41 billion", Kind.CURRENCY, "USD 41,000,000,000"),
        ("$14.5 billion", Kind.CURRENCY, "USD 14,500,000,000"),
        ("53.5 per cent", Kind.PERCENT, "53.5%"),
        ("3 percentage points", Kind.PERCENT, "3 percentage points"),
        ("4,700", Kind.COUNT, "4,700"),
        ("24th", Kind.ORDINAL, "24th"),
        ("thirty-second", Kind.ORDINAL, "32nd"),
        ("twelfth", Kind.ORDINAL, "12th"),
        ("2023", Kind.YEAR, "2023"),
        ("July 5", Kind.DATE, "July 5"),
        ("17:21", Kind.TIME, "17:21"),
    ],
)
def test_kind_and_normalised_value(text: str, kind: Kind, normalised: str) -> None:
    quantity = only(text)
    assert (quantity.kind, quantity.normalised) == (kind, normalised)


@pytest.mark.parametrize(
    ("text", "qualifier", "phrase"),
    [
        ("more than 100 Kazakh children", Qualifier.MORE_THAN, "more than 100"),
        ("Over a dozen Kazakh children", Qualifier.MORE_THAN, "Over a dozen"),
        ("accounting for nearly half China's trade", Qualifier.APPROXIMATE, "nearly half"),
        ("amounted to about 600,000 last year", Qualifier.APPROXIMATE, "about 600,000"),
        ("in the first three months it exceeded 200 thousand;", Qualifier.MORE_THAN, "exceeded 200 thousand"),
        ("exceeded the record of $41 billion", Qualifier.MORE_THAN, "exceeded the record of $41 billion"),
        ("a total value exceeding $21.2 billion", Qualifier.MORE_THAN, "exceeding $21.2 billion"),
        ("up to 5,000 guests", Qualifier.LESS_THAN, "up to 5,000"),
        ("not more than 5,000 guests", Qualifier.LESS_THAN, "not more than 5,000"),
        ("100 or more guests", Qualifier.MORE_THAN, "100 or more"),
        ("and to 200,000 in the first", Qualifier.EXACT, "200,000"),
        ("reached a record height of $41 billion", Qualifier.EXACT, "$41 billion"),
        ("reached $24 billion over the past 15 years", Qualifier.EXACT, "$24 billion"),
    ],
)
def test_qualifier(text: str, qualifier: Qualifier, phrase: str) -> None:
    [quantity] = [q for q in extract_quantities(text) if q.phrase == phrase]
    assert quantity.qualifier is qualifier


def test_spans_are_document_offsets() -> None:
    sentence = "Last year, bilateral trade reached a record $41 billion."
    [quantity] = extract_quantities(sentence, offset=1000)
    assert (quantity.text, quantity.start, quantity.end) == ("$41 billion", 1044, 1055)
    assert quantity.phrase_start == quantity.start


@pytest.mark.parametrize(
    "text",
    [
        "since the outbreak of the COVID-19 pandemic",
        "an F-16 flew over the Tu-154",
        "the G20 summit and 5G networks",
        "the One Belt, One Road framework",
        "Second, take full advantage of cooperation.",
        "a board 3m long",
        "in the 1990s",
        "both China and Kazakhstan face threats",
        "on behalf of the delegation",
    ],
)
def test_not_figures(text: str) -> None:
    assert extract_quantities(text) == []


def test_half_of_a_period_is_not_fifty_percent() -> None:
    assert [q.text for q in extract_quantities("in the first half of the year")] == ["first"]


def test_a_list_of_numbers_is_not_their_sum() -> None:
    figures = extract_quantities("two and three days, ten and twenty men")
    assert [q.normalised for q in figures] == ["2", "3", "10", "20"]


def test_small_spelled_counts_are_soft() -> None:
    figures = {q.text: q for q in extract_quantities("The two sides, both countries, three envoys, in 26 cities.")}
    assert figures["two"].soft and figures["both"].soft and figures["three"].soft
    assert not figures["26"].soft


def test_compare_pairs_equal_then_changed_then_leftovers() -> None:
    a = extract_quantities("about 600,000 last year and 200,000 trips, 3 visits")
    b = extract_quantities("approximately 600 thousand last year and 300,000 trips, in 2024")
    comparison = compare_quantities(a, b)
    assert [(x.text, y.text) for x, y in comparison.same] == [("600,000", "600 thousand")]
    assert [(x.text, y.text) for x, y in comparison.changed] == [("200,000", "300,000")]
    assert [q.text for q in comparison.only_a] == ["3"]
    assert [q.text for q in comparison.only_b] == ["2024"]


@pytest.mark.parametrize(
    ("x", "y", "replaceable"),
    [
        ("$24 billion", "$25 billion", True),
        ("three months", "four months", True),
        ("three envoys", "four months", False),
        ("32%", "53.5 percent", True),
        ("$41 billion", "41 percent", False),
    ],
)
def test_can_replace_needs_the_same_kind_and_digits_or_the_same_noun(x: str, y: str, replaceable: bool) -> None:
    assert can_replace(extract_quantities(x)[0], extract_quantities(y)[0]) is replaceable


def test_spelled_counts_pair_only_on_the_same_noun() -> None:
    a = extract_quantities("three envoys and three months")
    b = extract_quantities("four months")
    comparison = compare_quantities(a, b)
    assert [(x.text, x.noun, y.text) for x, y in comparison.changed] == [("three", "month", "four")]


@pytest.mark.parametrize(
    ("source", "figures"),
    [
        (
            "chinadaily-xi-visit-bonds-of-friendship.txt",
            {"32 percent": "32%", "$41 billion": "USD 41,000,000,000", "4,700": "4,700", "100": "100",
             "a dozen": "12", "70th": "70th", "fifth": "5th"},
        ),
        (
            "globaltimes-prnewswire-xi-arrives-astana.txt",
            {"24th": "24th", "32nd": "32nd", "53.5 percent": "53.5%", "$3.93 billion": "USD 3,930,000,000",
             "$21.2 billion": "USD 21,200,000,000", "half": "50%", "80 percent": "80%", "21st": "21st"},
        ),
        (
            "unattributed-xi-tokayev-akorda-talks.txt",
            {"$14.5 billion": "USD 14,500,000,000", "$24 billion": "USD 24,000,000,000", "45": "45"},
        ),
    ],
)
def test_figures_of_the_other_sources(source: str, figures: dict[str, str]) -> None:
    text = (SOURCES / source).read_text(encoding="utf-8")
    found = {q.text: q.normalised for q in extract_quantities(text)}
    assert {text: found.get(text) for text in figures} == figures


def test_over_4700_businesses_in_china_daily() -> None:
    text = (SOURCES / "chinadaily-xi-visit-bonds-of-friendship.txt").read_text(encoding="utf-8")
    [quantity] = [q for q in extract_quantities(text) if q.text == "4,700"]
    assert quantity.qualifier is Qualifier.MORE_THAN
    assert text[quantity.phrase_start : quantity.phrase_end] == "over 4,700"
    assert quantity.value == Decimal(4700)
