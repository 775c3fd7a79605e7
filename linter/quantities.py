"""Quantities in a sentence: counts, money, percentages, ordinals, dates, with their spans.

Two renderings of one article state the same figure in different ways:
"600,000", "600 thousand" and "six hundred thousand" are one number, and
"about" and "approximately" say the same thing about it. Comparing figures
therefore means reducing each to a value, a kind, a unit and a qualifier
first; only then does "to 200,000" against "exceeded 200 thousand" show as
the change of meaning it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import lru_cache

import regex
from text_to_num import text2num

from linter.names import opens_sentence


class Kind(str, Enum):
    """What a figure counts; figures of different kinds never compare equal."""

    COUNT = "count"
    CURRENCY = "currency"
    PERCENT = "percent"
    ORDINAL = "ordinal"
    YEAR = "year"
    DATE = "date"
    TIME = "time"


class Qualifier(str, Enum):
    """How a figure is hedged: "about 600,000" is not "more than 600,000"."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    MORE_THAN = "more than"
    LESS_THAN = "less than"


@dataclass(frozen=True)
class Quantity:
    """One figure as written, with document offsets and its normalised reading.

    ``text``/``start``/``end`` cover the figure itself ("$41 billion");
    ``phrase``/``phrase_start`` also cover the qualifier that hedges it
    ("exceeded the record of $41 billion"). ``soft`` marks figures such as
    "one", "both", "first" or "three" (spelled-out counts below 13) that are
    as often idiom or paraphrase as count, so their absence on the other
    side says nothing. ``noun`` is the word after the figure, which tells
    which figure of the other side is its counterpart.
    """

    text: str
    start: int
    end: int
    value: Decimal
    kind: Kind
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    phrase: str = ""
    phrase_start: int = -1
    spelled: bool = False
    soft: bool = False
    noun: str = field(default="", compare=False)

    @property
    def phrase_end(self) -> int:
        return self.phrase_start + len(self.phrase)

    @property
    def normalised(self) -> str:
        """The value as people read it: "600,000", "USD 41,000,000,000", "32%", "5th", "July 2"."""
        number = _plain(self.value)
        if self.kind is Kind.CURRENCY:
            return f"{self.unit} {number}"
        if self.kind is Kind.PERCENT:
            return f"{number} percentage points" if self.unit == "pp" else f"{number}%"
        if self.kind is Kind.ORDINAL:
            return _ordinal_suffix(int(self.value))
        if self.kind is Kind.YEAR:
            return str(int(self.value))
        if self.kind is Kind.DATE:
            month, day = divmod(int(self.value), 100)
            return f"{_MONTH_NAMES[month - 1]} {day}" if day else _MONTH_NAMES[month - 1]
        if self.kind is Kind.TIME:
            hours, minutes = divmod(int(self.value), 100)
            return f"{hours:02d}:{minutes:02d}"
        return number


def same_figure(x: Quantity, y: Quantity) -> bool:
    """Whether two quantities state the same value of the same kind and unit."""
    return comparable(x, y) and x.value == y.value


def comparable(x: Quantity, y: Quantity) -> bool:
    """Whether two quantities measure the same thing, so one can replace the other."""
    return x.kind is y.kind and _units_agree(x.unit, y.unit)


def _units_agree(x: str, y: str) -> bool:
    # "¥" is both the yuan's and the yen's sign.
    return x == y or {x, y} in ({"¥", "CNY"}, {"¥", "JPY"})


@dataclass(frozen=True)
class QuantityComparison:
    """How the figures of two passages correspond.

    ``same`` pairs equal figures (possibly hedged differently), ``changed``
    pairs a figure with the other side's figure of the same kind that stands
    in its place, and ``only_a``/``only_b`` hold figures with no counterpart.
    """

    same: tuple[tuple[Quantity, Quantity], ...]
    changed: tuple[tuple[Quantity, Quantity], ...]
    only_a: tuple[Quantity, ...]
    only_b: tuple[Quantity, ...]


def compare_quantities(a: Sequence[Quantity], b: Sequence[Quantity]) -> QuantityComparison:
    """Pair the figures of A with those of B: equal ones first, then replacements."""
    left_b = list(b)
    same: list[tuple[Quantity, Quantity]] = []
    unpaired_a: list[Quantity] = []
    for x in a:
        equal = [y for y in left_b if same_figure(x, y)]
        partner = next((y for y in equal if y.qualifier is x.qualifier), equal[0] if equal else None)
        if partner is None:
            unpaired_a.append(x)
        else:
            same.append((x, partner))
            left_b.remove(partner)
    changed: list[tuple[Quantity, Quantity]] = []
    only_a: list[Quantity] = []
    for x in unpaired_a:
        partner = _counterpart(x, left_b)
        if partner is None:
            only_a.append(x)
        else:
            changed.append((x, partner))
            left_b.remove(partner)
    return QuantityComparison(tuple(same), tuple(changed), tuple(only_a), tuple(left_b))


def _counterpart(x: Quantity, candidates: Sequence[Quantity]) -> Quantity | None:
    """The figure of the other side that stands where ``x`` stands, if one is identifiable.

    A figure that counts the same thing is preferred to one that merely has the same kind.
    """
    same_noun = [y for y in candidates if comparable(x, y) and _same_noun(x, y)]
    return same_noun[0] if same_noun else next((y for y in candidates if can_replace(x, y)), None)


def can_replace(x: Quantity, y: Quantity) -> bool:
    """Whether ``y`` can stand where ``x`` stands, so that a different value is a changed figure.

    A figure followed by the same word ("three months", "four months") can;
    so can any figure of the same kind when both are written in digits.
    Spelled-out numbers are too often idiom to pair on kind alone.
    """
    return comparable(x, y) and (_same_noun(x, y) or not (x.spelled or y.spelled))


def _same_noun(x: Quantity, y: Quantity) -> bool:
    return bool(x.noun) and x.noun == y.noun


# --- extraction -------------------------------------------------------------------------------

_MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["Sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = "hundred thousand million billion trillion".split()
_SCORES = {"twoscore": "forty", "threescore": "sixty", "fourscore": "eighty", "sixscore": "one hundred twenty"}
_CARDINAL_WORDS = [*_UNITS, *_TENS, *_SCALES, *_SCORES, "dozen"]
_IRREGULAR_ORDINALS = {"first": "one", "second": "two", "third": "three", "fifth": "five",
                       "eighth": "eight", "ninth": "nine", "twelfth": "twelve"}
_ORDINAL_WORDS = {
    **_IRREGULAR_ORDINALS,
    **{f"{word}th": word for word in [*_UNITS, *_SCALES] if word not in _IRREGULAR_ORDINALS.values()},
    **{f"{word[:-1]}ieth": word for word in _TENS},
}


def _alternatives(words: Sequence[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b"


_CARD = _alternatives(_CARDINAL_WORDS)
_ORD = _alternatives(list(_ORDINAL_WORDS))
_AND = regex.compile(r"\s+and\s+", regex.IGNORECASE)
_A_SCALE = r"a\s+(?=(?:hundred|thousand|million|billion|dozen)\b)"
_JOIN = r"(?:\s+and\s+(?:" + _A_SCALE + r")?(?=" + _CARD + r")|\s+|-)"
_WORD_NUMBER = regex.compile(
    rf"(?<![\p{{L}}\d-])(?P<number>(?:{_A_SCALE})?"
    rf"(?:{_CARD}(?:{_JOIN}{_CARD})*(?:(?:\s+and\s+|\s+|-){_ORD})?|{_ORD}))(?!-\p{{L}})",
    regex.IGNORECASE,
)
_DIGIT_NUMBER = regex.compile(
    r"(?<![\p{L}\d.,])(?:(?<!\p{L}-)|(?<=\b(?-i:\p{Ll}){4,}-))"
    r"(?:(?P<symbol>US\$|[$€£¥₸₽])\s?|(?P<code>USD|EUR|GBP|CNY|RMB|KZT|RUB|JPY)\s)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<ordinal>st|nd|rd|th)|(?P<abbrev>bn|mln|mn|m|k|tn|trn)|\s*(?P<scale>thousand|million|billion|trillion)|)"
    r"(?![\p{L}\d])",
    regex.IGNORECASE,
)
_SUFFIX = regex.compile(
    r"(?:\s*(?P<percent>%|per\s?cent\b|pct\b)|\s+(?P<points>percentage\s+points?)\b)?"
    r"(?:\s+(?P<currency>US\s+dollars?|dollars?|euros?|yuan|renminbi|RMB|tenge|roubles?|rubles?|pounds\s+sterling|yen|USD|EUR|CNY|KZT|RUB|JPY)\b)?",
    regex.IGNORECASE,
)
_DATES = (
    regex.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\d])"),
    regex.compile(r"(?<![\p{L}\d])(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b"),
    regex.compile(r"\b" + _MONTH + r"\s+(?=\d{4}(?!\d))"),
)
_TIME = regex.compile(r"(?<![\d:.])(?P<hours>[01]?\d|2[0-3]):(?P<minutes>[0-5]\d)(?![\d:])")
_BOTH = regex.compile(r"\bboth\b(?!\s+(?:[\p{L}’'-]+\s+){0,3}?and\b)", regex.IGNORECASE)
_HALF = regex.compile(r"(?<!\b(?:first|second|the|a|an|one|and)\s+)\bhalf\b(?!-)", regex.IGNORECASE)

_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "¥", "₸": "KZT", "₽": "RUB"}
_CURRENCY_WORDS = {"dollar": "USD", "usdollar": "USD", "euro": "EUR", "yuan": "CNY", "renminbi": "CNY",
                   "rmb": "CNY", "tenge": "KZT", "rouble": "RUB", "ruble": "RUB", "poundssterling": "GBP",
                   "yen": "JPY", "usd": "USD", "eur": "EUR", "cny": "CNY", "kzt": "KZT", "rub": "RUB",
                   "jpy": "JPY", "gbp": "GBP"}
_SCALE_VALUES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                 "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "tn": 10**12, "trn": 10**12}

_QUALIFIER_PHRASES: dict[tuple[str, ...], Qualifier] = {
    **{(w,): Qualifier.APPROXIMATE for w in
       "about approximately around nearly almost some roughly circa ca approx estimated".split()},
    ("close", "to"): Qualifier.APPROXIMATE,
    ("more", "or", "less"): Qualifier.APPROXIMATE,
    **{(w,): Qualifier.MORE_THAN for w in
       "over above exceed exceeds exceeded exceeding surpassed surpassing topped topping beyond".split()},
    **{tuple(p.split()): Qualifier.MORE_THAN for p in
       ("more than", "greater than", "upwards of", "in excess of", "at least", "no less than",
        "not less than", "just over", "well over", "no fewer than")},
    **{(w,): Qualifier.LESS_THAN for w in "under below".split()},
    **{tuple(p.split()): Qualifier.LESS_THAN for p in
       ("less than", "fewer than", "up to", "at most", "no more than", "not more than", "just under",
        "not exceeding", "not over")},
}
_LONGEST_QUALIFIER = max(len(p) for p in _QUALIFIER_PHRASES)
# Words that may stand between a qualifier and its figure: "exceeded the record of $41 billion".
_FILLER = frozenset("a an the of record total value sum level mark height figure new all-time high".split())
_ARTICLES = frozenset("a an the of".split())
_LOOKBACK_WORDS = 8
_WORD_WINDOW = 40  # characters searched for each word before a figure
_AFTER = regex.compile(
    r"\s+or\s+(?:more|above)\b|[-\s]plus\b|\+|\s+or\s+(?P<less>less|fewer|below)\b|\s+or\s+(?P<approx>so)\b",
    regex.IGNORECASE,
)
# Searched backwards from the figure ((?r)): the same match as a forward search
# for the word that ends the window, found without trying every start in it.
_PRECEDING_WORD = regex.compile(r"(?r)([\p{L}’'-]+)\s*$")
_NEXT_WORD = regex.compile(r"\s+([\p{L}]+)")
_PAIRS_OF = regex.compile(r"\s+(pairs|couples)\s+(of)\b", regex.IGNORECASE)
# Spelled-out counts below this ("three envoys") are as often paraphrase as fact.
_SMALL = 13
_SPACES = regex.compile(r"\s+")
_SPACES_OR_HYPHENS = regex.compile(r"[\s-]+")
# Hints for _scanners_for, searched in ASCII text only (lower-cased for the words):
# every match of _WORD_NUMBER begins, after an optional "a", with one of these
# words, where no letter, digit or hyphen precedes it.
_ASCII_DIGIT = re.compile(r"[0-9]")
_NUMBER_WORD_HINT = re.compile(
    r"(?<![a-z0-9-])(?:" + "|".join(sorted({*_CARDINAL_WORDS, *_ORDINAL_WORDS}, key=len, reverse=True)) + ")"
)


@dataclass(frozen=True)
class _Figure:
    """A figure found by one of the scanners, before qualifiers and context are read."""

    start: int
    end: int
    value: Decimal
    kind: Kind
    unit: str = ""
    spelled: bool = False
    soft: bool = False
    # Where the counted noun is looked for, when not right after the figure ("26 pairs of | cities").
    counted_from: int | None = None


def extract_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every quantity in ``text`` (one sentence), in order; ``offset`` is added to positions."""
    figures: list[_Figure] = []
    for scanner in _scanners_for(text):
        for figure in scanner(text):
            if not any(figure.start < f.end and f.start < figure.end for f in figures):
                figures.append(figure)
    figures.sort(key=lambda f: f.start)
    return [_read_context(text, figure, offset) for figure in figures]


def _scanners_for(text: str) -> tuple[Callable[[str], Iterator[_Figure]], ...]:
    """The scanners that can find a figure in ``text``, in the order in which their figures win overlaps.

    Most sentences of a long text hold no figure at all, and five scanners
    cost far more than these hints: dates, times and figures in digits need
    a digit; spelled-out numbers need a number word; "both" and "half" are
    what they are. The hints are read only where they are exact, in ASCII
    text: there letters, digits and case are the ASCII ones whatever the
    scanners' Unicode rules. Other text goes through every scanner.
    """
    if not text.isascii():
        return _ALL_SCANNERS
    lowered = text.lower()
    scanners: list[Callable[[str], Iterator[_Figure]]] = []
    if _ASCII_DIGIT.search(text):
        scanners += (_dates, _times, _digit_figures)
    if _NUMBER_WORD_HINT.search(lowered):
        scanners.append(_word_figures)
    if "both" in lowered or "half" in lowered:
        scanners.append(_idiom_figures)
    return tuple(scanners)


def _dates(text: str) -> Iterator[_Figure]:
    for pattern in _DATES:
        for match in pattern.finditer(text):
            month = _MONTHS[match["month"]]
            day = int(match.groupdict().get("day") or 0)
            if day <= 31:
                end = match.end() if day else match.end("month")
                yield _Figure(match.start(), end, Decimal(month * 100 + day), Kind.DATE)


def _times(text: str) -> Iterator[_Figure]:
    for match in _TIME.finditer(text):
        value = int(match["hours"]) * 100 + int(match["minutes"])
        yield _Figure(match.start(), match.end(), Decimal(value), Kind.TIME)


def _digit_figures(text: str) -> Iterator[_Figure]:
    for match in _DIGIT_NUMBER.finditer(text):
        value = Decimal(match["number"].replace(",", ""))
        currency = _SYMBOLS.get(match["symbol"] or "") or _currency_code(match["code"])
        if match["abbrev"] and not currency:
            continue  # "3m" is three metres unless it is money
        if match["ordinal"]:
            yield _Figure(match.start(), match.end(), value, Kind.ORDINAL)
            continue
        scale = (match["abbrev"] or match["scale"] or "").lower()
        value *= _SCALE_VALUES.get(scale, 1)
        is_year = not (currency or scale or "," in match["number"] or "." in match["number"])
        is_year = is_year and 1000 <= value < 3000
        yield _with_suffix(text, match.start(), match.end(), value, currency=currency, is_year=is_year)


def _word_figures(text: str) -> Iterator[_Figure]:
    for match in _WORD_NUMBER.finditer(text):
        if match["number"][0].isupper() and not opens_sentence(text, match.start()):
            continue  # "One Belt, One Road" is a name, not a count
        if _read_number_words(match["number"]) is not None:
            yield from _word_figure(text, match.start(), match.end())
            continue
        # Not one number: "two and three days" is two.
        cursor = match.start()
        for joint in _AND.finditer(text, match.start(), match.end()):
            yield from _word_figure(text, cursor, joint.start())
            cursor = joint.end()
        yield from _word_figure(text, cursor, match.end())


def _word_figure(text: str, start: int, end: int) -> Iterator[_Figure]:
    reading = _read_number_words(text[start:end])
    if reading is None:
        return
    value, is_ordinal = reading
    if is_ordinal:
        if not _is_enumerator(text, start, end):
            yield _Figure(start, end, value, Kind.ORDINAL, spelled=True, soft=value <= 2)
        return
    figure = _with_suffix(text, start, end, value)
    soft = figure.kind is Kind.COUNT and value < _SMALL
    yield _Figure(figure.start, figure.end, figure.value, figure.kind, figure.unit, True, soft)


def _idiom_figures(text: str) -> Iterator[_Figure]:
    """"both" is two things; "half" is fifty percent."""
    for match in _BOTH.finditer(text):
        yield _Figure(match.start(), match.end(), Decimal(2), Kind.COUNT, spelled=True, soft=True)
    for match in _HALF.finditer(text):
        yield _Figure(match.start(), match.end(), Decimal(50), Kind.PERCENT, "%", spelled=True)


_ALL_SCANNERS = (_dates, _times, _digit_figures, _word_figures, _idiom_figures)


def _with_suffix(
    text: str, start: int, end: int, value: Decimal, *, currency: str | None = None, is_year: bool = False
) -> _Figure:
    """Read a percent sign or a currency word after a number."""
    suffix = _SUFFIX.match(text, end)
    if suffix and suffix["percent"]:
        return _Figure(start, suffix.end(), value, Kind.PERCENT, "%")
    if suffix and suffix["points"]:
        return _Figure(start, suffix.end(), value, Kind.PERCENT, "pp")
    if suffix and suffix["currency"] and not currency:
        return _Figure(start, suffix.end(), value, Kind.CURRENCY, _currency_code(suffix["currency"]) or "")
    if currency:
        return _Figure(start, end, value, Kind.CURRENCY, currency)
    return _Figure(start, end, value, Kind.YEAR if is_year else Kind.COUNT)


def _currency_code(word: str | None) -> str | None:
    if not word:
        return None
    key = _SPACES.sub("", word.lower())
    return _CURRENCY_WORDS.get(key) or _CURRENCY_WORDS.get(key.rstrip("s"))


@lru_cache(maxsize=4096)
def _read_number_words(words: str) -> tuple[Decimal, bool] | None:
    """The value of a run of number words, and whether it is an ordinal ("thirty-second").

    Cached: a long text spells the same few numbers over and over.
    """
    parts = _SPACES_OR_HYPHENS.split(words.lower())
    is_ordinal = parts[-1] in _ORDINAL_WORDS
    if is_ordinal:
        parts[-1] = _ORDINAL_WORDS[parts[-1]]
    multiplier = 1
    if parts[-1] == "dozen":
        multiplier, parts = 12, parts[:-1]
    number = _cardinal(parts) if parts else 1
    return None if number is None else (Decimal(number * multiplier), is_ordinal)


def _cardinal(words: list[str]) -> int | None:
    """The value of cardinal words, read by text2num or as an old English sum.

    Older English adds with "and" and counts in scores: "five and twenty"
    (25), "threescore and ten" (70), "a hundred and fourscore thousand"
    (180,000), "a thousand and two hundred and ninety" (1,290). A sum is read
    only when each smaller part fills the trailing zeros of the larger, so
    "two and three" stays two numbers, not five.
    """
    scored = any(word in _SCORES for word in words)
    words = [_SCORES.get(word, word) for word in words]
    whole = _text2num(words)
    if whole is not None or "and" not in words:
        return whole
    values: list[int] = []
    for piece in [part.split() for part in " ".join(words).split(" and ")]:
        scale = _SCALE_VALUES.get(piece[-1], 1) if piece else 1
        if scale >= 1000 and values and max(values) < scale:
            # "twenty and five thousand": the scale multiplies the whole sum so far.
            prefix = _text2num(piece[:-1]) if len(piece) > 1 else 1
            total = _sum(values + [prefix], scored) if prefix is not None else None
            if total is None:
                return None
            values = [total * scale]
            continue
        value = _text2num(piece)
        if value is None:
            return None
        values.append(value)
    return _sum(values, scored)


def _sum(values: list[int], scored: bool) -> int | None:
    """Add parts from the right, each filling the trailing zeros of the next: 2 hundred, 90."""
    total = values[-1]
    for value in reversed(values[:-1]):
        small, large = sorted((value, total))
        zeros = len(str(large)) - len(str(large).rstrip("0"))
        if not (small < 10**zeros or (scored and large % 20 == 0 and small < 20)):
            return None
        total += value
    return total


def _text2num(words: list[str]) -> int | None:
    if words[:1] == ["a"]:
        words = ["one", *words[1:]]
    try:
        return text2num(" ".join(words), "en") if words else None
    except ValueError:
        return None


def _is_enumerator(text: str, start: int, end: int) -> bool:
    """"Second, take full advantage…": an ordinal that orders the argument, not a fact."""
    return opens_sentence(text, start) and text[end : end + 1] == ","


def _read_context(text: str, figure: _Figure, offset: int) -> Quantity:
    figure = _counted_in_pairs(text, figure)
    qualifier, phrase_start = _qualifier_before(text, figure.start)
    end = figure.end
    after = _AFTER.match(text, end)
    if qualifier is Qualifier.EXACT and after:
        qualifier = _qualifier_after(after)
        end = after.end()
    next_word = _NEXT_WORD.match(text, figure.counted_from or end)
    noun = _singular(next_word[1].lower()) if next_word else ""
    return Quantity(
        text=text[figure.start : figure.end],
        start=figure.start + offset,
        end=figure.end + offset,
        value=figure.value,
        kind=figure.kind,
        unit=figure.unit,
        qualifier=qualifier,
        phrase=text[phrase_start:end],
        phrase_start=phrase_start + offset,
        spelled=figure.spelled,
        soft=figure.soft,
        noun=noun,
    )


def _counted_in_pairs(text: str, figure: _Figure) -> _Figure:
    """"26 pairs of sister cities" counts 52 cities: a count of pairs is read as twice the things paired."""
    pairs = _PAIRS_OF.match(text, figure.end)
    if figure.kind is not Kind.COUNT or pairs is None:
        return figure
    return dataclasses.replace(figure, end=pairs.end(1), value=figure.value * 2, counted_from=pairs.end(2))


def _singular(word: str) -> str:
    """Enough of a singular to see that "3 cities" and "4 city" count the same thing."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _qualifier_before(text: str, start: int) -> tuple[Qualifier, int]:
    """The qualifier that hedges a figure starting at ``start``, and where it begins.

    The qualifier may stand before the figure or before a filler that names
    it ("exceeded the record of $41 billion"); articles alone do not carry it
    ("about the two pillars" is a place, not an estimate).
    """
    found = _words_before(text, start, limit=_LOOKBACK_WORDS)
    words, starts = [w.lower() for w, _ in found], [at for _, at in found]
    i = len(words)
    while i > 0:
        skipped = words[i:]
        for size in range(min(_LONGEST_QUALIFIER, i), 0, -1):
            phrase = tuple(words[i - size : i])
            if phrase in _QUALIFIER_PHRASES and (not skipped or set(skipped) - _ARTICLES):
                return _QUALIFIER_PHRASES[phrase], starts[i - size]
        if words[i - 1] not in _FILLER:
            break
        i -= 1
    return Qualifier.EXACT, start


def _words_before(text: str, position: int, limit: int) -> list[tuple[str, int]]:
    """Up to ``limit`` words right before ``position``, stopping at punctuation."""
    words: list[tuple[str, int]] = []
    while len(words) < limit:
        match = _PRECEDING_WORD.search(text, max(0, position - _WORD_WINDOW), position)
        if not match:
            break
        words.insert(0, (match[1], match.start(1)))
        position = match.start(1)
    return words


def _qualifier_after(after: regex.Match[str]) -> Qualifier:
    if after["less"]:
        return Qualifier.LESS_THAN
    if after["approx"]:
        return Qualifier.APPROXIMATE
    return Qualifier.MORE_THAN


def _plain(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,}"
    return f"{value.normalize():,f}"


def _ordinal_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"
