"""Names in a sentence: people, places, organisations, projects, with their spans.

English marks names by capitals, so a name is a run of capitalised words,
possibly joined by short connectors ("Order of the Golden Eagle", "Belt and
Road Initiative"), an acronym ("SCO"), or either with its acronym in brackets
("Trans-Caspian International Transport Route (TITR)"). Capitals also start
sentences, so a sentence's first word counts only when the document writes it
with a capital elsewhere too. Titles ("President") and nationality adjectives
("Chinese", "Kazakh") are not names to compare: translators add and drop them
freely.

Two renderings name the same thing in different ways, some harmless ("S.
Kabylbekov" for "Saulebek Kabylbekov", "Tokayev" for "Kassym-Jomart
Tokayev"), some not ("Trans-Caspian International Route" for the official
"Trans-Caspian International Transport Route"): :func:`relate` tells which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property, lru_cache
from itertools import accumulate, chain, compress
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple

import regex
import textdistance

from linter.model import Document, ParagraphKind

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[’'-]\p{L}[\p{L}\p{M}]*)*\.?")
_ACRONYM_AFTER = regex.compile(r"\s*\((?P<acronym>\p{Lu}[\p{Lu}\d&-]+)\)")
_LETTERS = regex.compile(r"\p{L}+")
_OPENERS = "«“\"‘'(["
_QUOTE_OPENERS = "«“„‘"
_ONLY_OPENERS = regex.compile(f"[{regex.escape(_OPENERS)}]*")
_CONNECTORS = frozenset("of the and for de du da del der la le von van bin ibn al el".split())
_MAX_CONNECTORS = 2
# "al-Farabi", "el-Sisi": one word, capitalised after the article.
_ARTICLE_PREFIXES = ("al-", "el-")
_POSSESSIVE_ENDINGS = ("’s", "'s")
_STOP = frozenset(
    """the a an in on at for of to from by with as but and or nor if when while this that these those it its
    we they he she you i our their his her my your there here since after before during last next then
    however also although though today yesterday tomorrow meanwhile moreover furthermore thus so such each
    every all both many some most other another not no yes what which who whom whose where why how let
    please according despite given under over against between among through together upon within without
    across via amid whether instead finally besides indeed still yet even just only once now more less
    first second third fourth i'm i'd i've i'll i’m i’d i’ve i’ll
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december""".split()
)
_TITLES = frozenset(
    """president vice vice-president prime premier minister chairman chairwoman chancellor ambassador mr mrs ms dr prof
    professor senator king queen prince princess sheikh emir governor mayor secretary-general""".split()
)
_DEMONYMS = frozenset(
    """chinese kazakh kazakhstani russian american british european asian eurasian tajik uzbek kyrgyz
    turkmen japanese korean indian iranian turkish german french italian spanish sino arab african
    mongolian pakistani afghan ukrainian belarusian""".split()
)
_GENERIC = frozenset("central north south east west northern southern eastern western new old great greater".split())
_LEADING_NOISE = _CONNECTORS | _STOP
_NOT_A_NAME_ALONE = _GENERIC | _STOP | _TITLES
_SAME_WORD = 0.8


@lru_cache(maxsize=1 << 16)
def _key_of(words: tuple[str, ...]) -> tuple[str, ...]:
    """:attr:`Name.key` of a name's words; cached per spelling, as a book repeats its names."""
    return tuple(_fold(w) for w in words if w.lower() not in _CONNECTORS)


# A name's words as written and its acronym (see Name.form).
NameForm = tuple[tuple[str, ...], str]


class Name(NamedTuple):
    """A name as written, with document offsets.

    ``text`` includes an acronym in brackets right after the name, which is
    also kept in ``acronym``; ``words`` are the name's own words as written.
    A named tuple: a book holds about 90,000 names a side, built in C.
    """

    text: str
    start: int
    end: int
    words: tuple[str, ...]
    acronym: str = ""

    @property
    def form(self) -> NameForm:
        """How the name is written, wherever it stands: its words and its acronym."""
        return self.words, self.acronym

    @classmethod
    def unplaced(cls, form: NameForm) -> Name:
        """A name written ``form`` at no particular place, for comparisons that read only its form."""
        words, acronym = form
        return cls(" ".join(words), 0, 0, words, acronym)

    @property
    def key(self) -> tuple[str, ...]:
        """The words that identify the name: lower case, no connectors, no possessive."""
        return _key_of(self.words)


@dataclass(frozen=True)
class Capitalisation:
    """How a document writes its words, which tells names from capitalised ordinary words.

    ``capitalised`` counts words written with a capital mid-sentence and
    ``lower_case`` words written in lower case (keyed in lower case). A
    sentence-initial "Together" is a name only if the document also writes
    "Together" mid-sentence; a word the document writes in lower case more
    often than with a capital ("Give" after "he said,") is an ordinary word.
    ``solo`` holds capitalised words the document uses as a name on their
    own, such as "China": "China and Central Asia" and "China-Kazakhstan" are
    two names each, "Belt and Road" is one.
    """

    capitalised: Mapping[str, int]
    lower_case: Mapping[str, int]
    solo: frozenset[str]

    @classmethod
    def of(cls, sentences: Iterable[tuple[str, Sequence[_Token]]], lower_case: Counter[str]) -> Capitalisation:
        """The usage of a document: each sentence's text with its words as :func:`_name_words` reads them.

        ``lower_case`` is the count :func:`_name_words` made of the words it left out.
        """
        capitalised: Counter[str] = Counter()
        solo: set[str] = set()
        for text, tokens in sentences:
            for position, (written, start, _) in enumerate(tokens):
                if written[0].islower() or opens_sentence(text, start):
                    continue
                word = _without_possessive(written)
                capitalised[word] += 1
                if not _joined_to_neighbour(text, tokens, position):
                    solo.add(word)
        return cls(capitalised, lower_case, frozenset(solo))

    def is_ordinary(self, word: str) -> bool:
        """Whether the document writes ``word`` in lower case more often than capitalised mid-sentence."""
        return self.lower_case.get(word.lower(), 0) > self.capitalised.get(word, 0)


def _joined_to_neighbour(text: str, tokens: Sequence[_Token], position: int) -> bool:
    """Whether a word stands in a longer run: next to a capitalised word or a connector."""
    neighbours = []
    if position > 0 and _adjacent(text, tokens[position - 1], tokens[position]):
        neighbours.append(tokens[position - 1][0])
    if position + 1 < len(tokens) and _adjacent(text, tokens[position], tokens[position + 1]):
        neighbours.append(tokens[position + 1][0])
    return any(_is_capitalised(w) or w.lower() in _CONNECTORS for w in neighbours)


# The names of the documents read last, by identity (the document is kept, so its id stays its own).
_REMEMBERED: dict[int, tuple[Document, Mapping[int, tuple[Name, ...]]]] = {}
_REMEMBERED_DOCUMENTS = 4


def document_names(doc: Document) -> Mapping[int, tuple[Name, ...]]:
    """The names of every sentence of ``doc``, by document-wide sentence index.

    Remembered for the last few documents: a rule reads them ahead, while
    the texts are aligned (``NameMismatch.prepare``), and the fact check
    reads the same documents again.
    """
    remembered = _REMEMBERED.get(id(doc))
    if remembered is not None and remembered[0] is doc:
        return remembered[1]
    names = MappingProxyType(_read_names(doc))
    if len(_REMEMBERED) >= _REMEMBERED_DOCUMENTS:
        del _REMEMBERED[next(iter(_REMEMBERED))]
    _REMEMBERED[id(doc)] = (doc, names)
    return names


def _read_names(doc: Document) -> dict[int, tuple[Name, ...]]:
    """The names :func:`document_names` remembers, read anew.

    Each sentence is read once (:func:`_name_words`); the words kept serve
    both the document's usage and the names themselves.
    """
    lower_case: Counter[str] = Counter()
    words: dict[int, list[_Token]] = {}
    for paragraph in doc.paragraphs:
        counted = lower_case if paragraph.kind is not ParagraphKind.HEADING else None
        for sentence in paragraph.sentences:
            words[sentence.index] = _name_words(sentence.text, counted)
    usage = Capitalisation.of(
        ((s.text, words[s.index]) for p in doc.paragraphs if p.kind is not ParagraphKind.HEADING for s in p.sentences),
        lower_case,
    )
    return {s.index: tuple(extract_names(s.text, s.start, usage, words[s.index])) for s in doc.sentences}


def extract_names(text: str, offset: int, usage: Capitalisation, words: Sequence[_Token]) -> list[Name]:
    """The names in ``text`` (one sentence, read by :func:`_name_words`), in order; ``offset`` is added to positions."""
    names: list[Name] = []
    for run in _capitalised_runs(text, usage, words):
        for piece in _pieces(text, run, usage):
            if not names or piece[0][1] + offset >= names[-1].end:  # not the "(SCO)" just read
                names.append(_name(text, piece, offset))
    return names


_Token = tuple[str, int, int]


def _capitalised_runs(text: str, usage: Capitalisation, words: Sequence[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words, joined by at most two connectors and plain spaces.

    A run can only begin at a capitalised word, so only those are visited;
    the words of a run are read from there.
    """
    written = list(map(_FIRST, words))
    if "-" in "".join(written):
        words = [part for word in words for part in _name_parts(word, usage)]
        written = list(map(_FIRST, words))
    capitalised = list(map(_is_capitalised, written))
    runs: list[list[_Token]] = []
    end = 0
    for i in compress(range(len(words)), capitalised):
        if i < end:
            continue
        last = j = i
        while (j := j + 1) < len(words) and _adjacent(text, words[j - 1], words[j]) and j - last <= _MAX_CONNECTORS + 1:
            if capitalised[j]:
                last = j
            elif written[j].lower() not in _CONNECTORS:
                break
        runs.extend(_split_at_and(list(words[i : last + 1]), usage))
        end = last + 1
    return runs


def _name_parts(token: _Token, usage: Capitalisation) -> list[_Token]:
    """"China-Kazakhstan" is two names and "UN-centric" is "UN"; "Kassym-Jomart" is one word."""
    word, start, _ = token
    parts = word.split("-")
    if len(parts) == 1 or word[:3].lower() in _ARTICLE_PREFIXES:
        return [token]
    if all(_without_possessive(part) in usage.solo for part in parts):
        offsets = [start + sum(len(p) + 1 for p in parts[:n]) for n in range(len(parts))]
        return [(part, at, at + len(part)) for part, at in zip(parts, offsets, strict=True)]
    lower = next((n for n, part in enumerate(parts) if part[:1].islower()), None)
    if lower:
        head = "-".join(parts[:lower])
        return [(head, start, start + len(head))]
    return [token]


def _name_words(text: str, lower_case: Counter[str] | None) -> list[_Token]:
    """The words of a sentence that may belong to a name, with their spans.

    A word's full stop belongs to it only when it is an initial ("S."). A word
    in lower case is left out, unless it is a connector ("of", "the") or an
    "al-" or "el-" name, and its form is counted in ``lower_case`` when given.
    Leaving it out changes no run of names: the words on either side of it are
    then not adjacent, and the run would have ended at it anyway. Most words
    of a text are such words, so the name rules look at a fraction of them.

    Read as :func:`linter.segment.token_columns` reads tokens, without a
    Python step per word: one ``findall`` gives each word with the gap
    before it, positions are running sums of their lengths, and what each
    word form becomes is decided once per form (:func:`_kept_form`).
    """
    found = _GAPPED_WORD.findall(text)
    while found and not found[-1][1]:
        found.pop()  # the text's end, not a word
    words = list(map(_SECOND, found))
    starts = list(accumulate(map(len, chain.from_iterable(found))))[::2]
    if lower_case is not None:
        lower_case.update(map(_counted_form, compress(words, map(str.islower, map(_FIRST, words)))))
    return [(form, at, at + len(form)) for form, at in zip(map(_kept_form, words), starts) if form is not None]


# A word of _WORD and the characters before it, none of which can start one; the text's
# end stands for a last word, so that a long run without letters at the end is read once.
_GAPPED_WORD = regex.compile(rf"(\P{{L}}*)({_WORD.pattern}|\Z)")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


@lru_cache(maxsize=1 << 16)
def _counted_form(word: str) -> str:
    """How a word in lower case is counted in :class:`Capitalisation`: no full stop, no possessive."""
    return _without_possessive(word.removesuffix("."))


@lru_cache(maxsize=1 << 16)
def _kept_form(word: str) -> str | None:
    """The form in which :func:`_name_words` keeps a word as found, or None when it leaves the word out."""
    if word[0].islower():
        bare = word.removesuffix(".")
        folded = bare.lower()
        return bare if folded in _CONNECTORS or folded[:3] in _ARTICLE_PREFIXES else None
    if word[-1] == "." and not (len(word) == 2 and word[0].isupper()):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def _is_capitalised(word: str) -> bool:
    head = word.split("-", 1)[1] if word[:3].lower() in _ARTICLE_PREFIXES else word
    return head[0].isupper()


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left[2] : right[1]]
    return gap.isspace() and "\n" not in gap


def _split_at_and(run: list[_Token], usage: Capitalisation) -> list[list[_Token]]:
    """"Belt and Road Initiative" is one name; "Kazakhstan and China", "China and Central Asia",
    "the Zhanatas Wind Power Plant and the Turgusun Hydroelectric Power Plant" are two."""
    for position, (word, _, _) in enumerate(run):
        if word != "and":
            continue
        capitals_after = sum(1 for w, _, _ in run[position + 1 :] if _is_capitalised(w))
        before, after = _without_possessive(run[position - 1][0]), run[position + 1][0]
        if capitals_after < 2 or before in usage.solo or after.lower() == "the":
            return [run[:position], *_split_at_and(run[position + 1 :], usage)]
    return [run]


def _pieces(text: str, run: list[_Token], usage: Capitalisation) -> list[list[_Token]]:
    """The names in a run once titles, nationality words and an ordinary sentence opener are taken off."""
    pieces: list[list[_Token]] = [[]]
    for token in run:
        if _fold(token[0]) in _TITLES:
            pieces.append([])
        else:
            pieces[-1].append(token)
    names = [trimmed for piece in pieces if (trimmed := _trim(piece))]
    if names and opens_sentence(text, names[0][0][1]) and _is_ordinary_opener(names[0], usage):
        names[0] = _trim(names[0][1:])
    return [name for name in names if name and not (len(name) == 1 and _is_ordinary_word(name[0][0], usage))]


def _is_ordinary_word(word: str, usage: Capitalisation) -> bool:
    """A lone capitalised word that is no name: a single letter ("O"), or a word mostly written in lower case."""
    bare = _without_possessive(word)
    return len(bare) < 2 or (not bare.isupper() and usage.is_ordinary(bare))


def _is_ordinary_opener(piece: list[_Token], usage: Capitalisation) -> bool:
    word = _without_possessive(piece[0][0])
    if len(piece) == 1:
        return word not in usage.capitalised
    return word.lower() in usage.lower_case


def _trim(piece: list[_Token]) -> list[_Token]:
    """Drop edge connectors, stop words and nationality words; keep what still names something."""
    while piece and piece[0][0].lower() in _LEADING_NOISE:
        piece = piece[1:]
    while piece and (piece[-1][0].lower() in _CONNECTORS or _is_demonym(piece[-1][0])):
        piece = piece[:-1]
    if all(_is_demonym(w) for w, _, _ in piece):
        return []
    if len(piece) == 1 and piece[0][0].lower() in _NOT_A_NAME_ALONE:
        return []
    return piece


@lru_cache(maxsize=1 << 16)
def _is_demonym(word: str) -> bool:
    """"Chinese", "Kazakhs", "Sino-Kazakh", "Chinese-Kazakh"."""
    return all(part in _DEMONYMS or part.removesuffix("s") in _DEMONYMS for part in _fold(word).split("-"))


def _name(text: str, piece: list[_Token], offset: int) -> Name:
    start = piece[0][1]
    last_word, _, end = piece[-1]
    words = [w for w, _, _ in piece]
    bare = _without_possessive(last_word)
    possessive = bare != last_word
    if possessive:
        words[-1] = bare
        end -= len(last_word) - len(bare)
    acronym = _ACRONYM_AFTER.match(text, end)
    if acronym and not possessive:
        end = acronym.end()
    return Name(text[start:end], start + offset, end + offset, tuple(words), acronym["acronym"] if acronym else "")


def opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` opens the sentence ``text`` or a quotation inside it, where any word takes a capital.

    Read from ``start`` backwards, past the spaces: no copy of what comes before.
    """
    end = start
    while end and text[end - 1].isspace():
        end -= 1
    return end == 0 or text[end - 1] in _QUOTE_OPENERS or _ONLY_OPENERS.fullmatch(text, 0, end) is not None


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    return _without_possessive(word.lower().replace("’", "'"))


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word


# --- comparison -------------------------------------------------------------------------------


class Relation(str, Enum):
    """How a name on one side relates to the closest name on the other."""

    SAME = "same"
    SHORTENED = "shortened"
    DIFFERENT = "different"
    MISSING = "missing"


_RELATION_ORDER = (Relation.SAME, Relation.SHORTENED, Relation.DIFFERENT)
_DIFFERENT_RENDERING = 0.5


class Passage:
    """A stretch of text and the names in it, read once for many questions about names.

    The text itself is read (its letter runs, its case-folded form) only when
    a question needs it: most names a passage is asked about are among its
    own names, which answers at once.
    """

    def __init__(self, text: str, names: Iterable[Name] = ()) -> None:
        self.text = text
        unique: dict[tuple[tuple[str, ...], str], Name] = {}
        for name in names:
            unique.setdefault((name.key, name.acronym), name)
        self.names: tuple[Name, ...] = tuple(unique.values())
        self._mentioned: dict[NameForm, bool] = {}
        self._closest: dict[NameForm, tuple[Relation, Name | None]] = {}

    def mentions(self, name: Name) -> bool:
        """Whether the passage writes ``name`` (see :meth:`_writes`), remembered per form of name.

        A group's passage is asked about the same names by each of its links.
        """
        form = name.form
        if form not in self._mentioned:
            self._mentioned[form] = name.words in self._own_words or self._writes(name)
        return self._mentioned[form]

    @cached_property
    def _own_words(self) -> frozenset[tuple[str, ...]]:
        """The words of the passage's own names: a name written with them is written in the passage."""
        return frozenset(name.words for name in self.names)

    @cached_property
    def _words(self) -> frozenset[str]:
        """The letter runs of the lower-cased text, for a quick test before a search."""
        return letter_runs(self.text)

    def closest(self, name: Name) -> tuple[Relation, Name | None]:
        """:func:`relate` of ``name`` and the passage's names, remembered per form of name."""
        form = name.form
        if form not in self._closest:
            self._closest[form] = relate(name, self.names)
        return self._closest[form]

    def _writes(self, name: Name) -> bool:
        """Whether the passage writes ``name``: in any case and hyphenation, by its acronym or its people.

        A compound such as "China-Europe" is also mentioned when each of its
        parts is, and a place when the text names its people or their
        adjective ("the Chinese side" mentions China): translators move
        freely between them.
        """
        if self._has_phrase(name.words) or (name.acronym and self._has_acronym(name.acronym)):
            return True
        if len(name.words) != 1:
            return False
        parts = name.words[0].split("-")
        if len(parts) > 1:
            return all(self._has_phrase((part,)) for part in parts)
        return any(d in self._words or d + "s" in self._words for d in _demonyms_of(_fold(name.words[0])[:4]))

    def _has_phrase(self, words: Sequence[str]) -> bool:
        phrase = _phrase(tuple(words))
        if not all(part in self._words for part in phrase.letters):
            return False  # the quick answer, without a search through a long text
        folded = self._folded
        if folded is None or phrase.parts is None:
            return _phrase_pattern(phrase.words).search(self.text) is not None
        return phrase.found_in(self.text, folded)

    def _has_acronym(self, acronym: str) -> bool:
        if not all(part in self._words for part in _LETTERS.findall(acronym.lower())):
            return False
        return regex.search(rf"\b{regex.escape(acronym)}\b", self.text) is not None

    @cached_property
    def _folded(self) -> str | None:
        """The text case-folded for :meth:`_Phrase.found_in`, or None if it holds a Turkic i (see ``_TURKIC_I``)."""
        return None if any(i in self.text for i in _TURKIC_I) else case_folded(self.text)


def letter_runs(text: str) -> frozenset[str]:
    """The runs of letters of the lower-cased ``text``: what :class:`Passage` looks words up in."""
    return frozenset(_LETTERS.findall(text.lower()))


# The regex module's IGNORECASE pairs "i" with "I" and "İ", "I" with "i" and
# "ı", but not "i" with "ı": no folding of characters one by one reproduces
# that, so a passage or a name with either is searched with the pattern itself.
_TURKIC_I = ("İ", "ı")


class _CaseFolding(dict[int, str]):
    """Each character's simple case folding, filled in as characters are met.

    One character for one (the full folding where it is one character, else
    the lower case where that is, else the character), so offsets into a
    folded text are offsets into the text. Two characters fold alike exactly
    when the regex module's IGNORECASE matches one with the other, the Turkic
    i aside (checked over all of Unicode when this was written).
    """

    def __missing__(self, code: int) -> str:
        character = chr(code)
        folded = character.casefold()
        if len(folded) != 1:
            folded = character.lower() if len(character.lower()) == 1 else character
        self[code] = folded
        return folded


_CASE_FOLDING = _CaseFolding()


def case_folded(text: str) -> str:
    """``text`` case-folded character by character (see :class:`_CaseFolding`); plain ``lower`` for ASCII."""
    return text.lower() if text.isascii() else text.translate(_CASE_FOLDING)


_SEPARATORS = regex.compile(r"[\s-]+")
_NO_LETTER_BEFORE = regex.compile(r"(?<![\p{L}\d])")
_NO_LETTER_AFTER = regex.compile(r"(?![\p{L}\d])")


@dataclass(frozen=True)
class _Phrase:
    """A name's words as :meth:`Passage.mentions` looks for them.

    ``letters`` are their letter runs in lower case, for the quick test;
    ``parts`` the words split at hyphens and case-folded, or None when they
    hold a Turkic i.
    """

    words: tuple[str, ...]
    letters: tuple[str, ...]
    parts: tuple[str, ...] | None

    def found_in(self, text: str, folded: str) -> bool:
        """Whether ``text`` (``folded`` its :func:`case_folded` form) holds the phrase as
        :func:`_phrase_pattern` matches it: the parts in order, any run of spaces and
        hyphens between them, no letter or digit on either side.

        A search for the first part and a walk through the rest, rather than a
        pattern compiled for each name: compiling costs a millisecond, and a
        book has thousands of names.
        """
        assert self.parts is not None
        first, rest = self.parts[0], self.parts[1:]
        at = folded.find(first)
        while at >= 0:
            if _NO_LETTER_BEFORE.match(text, at):
                end = _after_parts(text, folded, at + len(first), rest)
                if end >= 0 and _NO_LETTER_AFTER.match(text, end):
                    return True
            at = folded.find(first, at + 1)
        return False


def _after_parts(text: str, folded: str, end: int, parts: Sequence[str]) -> int:
    """Where ``parts`` end if they follow ``end``, each after a run of spaces or hyphens; -1 if they do not.

    The run before a part is taken whole: a part begins with a letter, never
    with a space or a hyphen.
    """
    for part in parts:
        gap = _SEPARATORS.match(text, end)
        if gap is None or not folded.startswith(part, gap.end()):
            return -1
        end = gap.end() + len(part)
    return end


@lru_cache(maxsize=65536)
def _phrase(words: tuple[str, ...]) -> _Phrase:
    """The phrase of a name's words; cached, as a book repeats its names."""
    letters = tuple(_LETTERS.findall(" ".join(words).lower()))
    parts = tuple(case_folded(part) for word in words for part in word.split("-"))
    turkic = any(i in part for part in parts for i in _TURKIC_I)
    return _Phrase(words, letters, None if turkic else parts)


@lru_cache(maxsize=4096)
def _phrase_pattern(words: tuple[str, ...]) -> regex.Pattern[str]:
    """The words as a phrase, in any case, with spaces and hyphens interchangeable.

    Compiled only for text with a Turkic i; elsewhere :meth:`_Phrase.found_in` finds the same.
    """
    pattern = r"[\s-]+".join(r"[\s-]+".join(regex.escape(p) for p in w.split("-")) for w in words)
    return regex.compile(rf"(?<![\p{{L}}\d]){pattern}(?![\p{{L}}\d])", regex.IGNORECASE)


@cache
def _demonyms_of(stem: str) -> tuple[str, ...]:
    """The nationality words a place's first four letters begin (none for a shorter stem)."""
    return tuple(d for d in _DEMONYMS if d.startswith(stem)) if len(stem) == 4 else ()


def relate(name: Name, candidates: Sequence[Name]) -> tuple[Relation, Name | None]:
    """The closest of ``candidates`` to ``name``, and how close it is."""
    best: tuple[int, float, Name] | None = None
    for candidate in candidates:
        relation, score = _closeness(name.form, candidate.form)
        if relation is Relation.MISSING:
            continue
        rank = (_RELATION_ORDER.index(relation), -score, candidate)
        if best is None or rank[:2] < best[:2]:
            best = rank
    if best is None:
        return Relation.MISSING, None
    return _RELATION_ORDER[best[0]], best[2]


@lru_cache(maxsize=1 << 16)
def _closeness(x: NameForm, y: NameForm) -> tuple[Relation, float]:
    """How a name written ``x`` relates to one written ``y``, and their :func:`similarity`.

    Both depend on how the names are written only, so they are computed once
    per pair of forms: a book names the same people on every page.
    """
    first, second = Name.unplaced(x), Name.unplaced(y)
    score = similarity(first, second)
    return _relation(first, second, score), score


def _relation(x: Name, y: Name, score: float) -> Relation:
    """How ``x`` relates to ``y``, whose :func:`similarity` is ``score``."""
    if _same_name(x, y):
        return Relation.SAME
    short, long = sorted((x.key, y.key), key=len)
    if _is_acronym_of_its_own(short, x, y):
        return Relation.MISSING
    if _shortens(short, long[: len(short)]):
        return Relation.SHORTENED
    if _shortens(short, long[-len(short) :]):
        # A surname alone names the same person: "Tokayev", "Kassym-Jomart Tokayev".
        return Relation.SAME if len(short) == 1 else Relation.SHORTENED
    if _reordered(short, long):
        # "NASA Goddard Relativity Group" and "Goddard's Relativity Group of NASA": the same words, another order.
        return Relation.SAME
    if _reordered_part(short, long):
        # "NASA Goddard" within "Goddard's Relativity Group of NASA": the longer name says more, in another order.
        return Relation.SHORTENED
    if len(short) == len(long) == 1 and _adjective_of(short[0], long[0]):
        return Relation.SAME
    return Relation.DIFFERENT if score >= _DIFFERENT_RENDERING else Relation.MISSING


def _reordered(x: Sequence[str], y: Sequence[str]) -> bool:
    """Whether two names of two or more words have the same words, connectors and possessives aside, in another order."""
    words_x, words_y = _bare_words(x), _bare_words(y)
    return len(words_x) > 1 and words_x == words_y


def _reordered_part(x: Sequence[str], y: Sequence[str]) -> bool:
    """Whether the words of a name of two or more words all stand in a longer name, in another order.

    In the same order a word is left out in the middle ("Trans-Caspian
    International Route"), which is a different rendering of the name.
    """
    words_x, words_y = _bare_words(x), _bare_words(y)
    if len(words_x) < 2 or not words_x < words_y:
        return False
    order = [word for word in map(_without_possessive, y) if word in words_x]
    return order != [word for word in map(_without_possessive, x) if word in words_x]


def _bare_words(name: Sequence[str]) -> frozenset[str]:
    return frozenset(_without_possessive(word) for word in name if word not in _CONNECTORS)


def _adjective_of(x: str, y: str) -> bool:
    """A place and its adjective: "Greenland" / "Greenlandic", "Iceland" / "Icelandic"."""
    short, long = sorted((x, y), key=len)
    return len(short) >= 4 and long.startswith(short) and long[len(short) :] in _ADJECTIVE_ENDINGS


_ADJECTIVE_ENDINGS = frozenset({"ic", "ian", "ese", "i", "ish"})


def _is_acronym_of_its_own(short: tuple[str, ...], x: Name, y: Name) -> bool:
    """An acronym alone against a longer name it begins: "UN" and "UN Charter" are two things, not one shortened."""
    name = x if x.key == short else y
    return len(name.words) == 1 and name.words[0].isupper() and len(name.words[0]) > 1 and x.key != y.key


def _same_name(x: Name, y: Name) -> bool:
    if len(x.key) == len(y.key) and _words_agree(x.key, y.key):
        return True
    if _ALIASES.get(" ".join(x.key), x.key) == _ALIASES.get(" ".join(y.key), y.key):
        return True
    return bool(_acronyms(x) & _spellings(y) or _acronyms(y) & _spellings(x))


# Names of one country that share neither words nor an acronym's letters.
_ALIAS_GROUPS = (
    ("us", "usa", "u.s", "u.s.a", "united states", "united states of america", "america"),
    ("uk", "u.k", "britain", "great britain", "united kingdom"),
    ("uae", "emirates", "united arab emirates"),
    ("ussr", "soviet union"),
    ("prc", "china", "people's republic of china"),
)
_ALIASES = {name: (group[0],) for group in _ALIAS_GROUPS for name in group}


def identities(name: Name) -> frozenset[str]:
    """The forms in which a text may repeat a name: its words ("shanghai cooperation organization") and
    the acronyms it goes by ("sco"), so that a text's mentions of one name can be counted."""
    return frozenset({" ".join(name.key), *_spellings(name)})


def _acronyms(name: Name) -> set[str]:
    """The acronyms a name goes by: its own in brackets, or itself when it is one word in capitals."""
    own = {name.acronym.lower()} if name.acronym else set()
    if len(name.words) == 1 and name.words[0].isupper():
        own.add(name.key[0])
    return own


def _spellings(name: Name) -> set[str]:
    """An acronym can stand for a name: "SCO" for "Shanghai Cooperation Organization", "TITR"
    for "Trans-Caspian International Transport Route" (a hyphenated word gives one letter)."""
    spellings = _acronyms(name)
    if len(name.key) > 1:
        spellings.add("".join(word[0] for word in name.key))
    return spellings


def _shortens(short: Sequence[str], part: Sequence[str]) -> bool:
    """Whether ``short`` is ``part`` of a longer name, with a word in full: an initial alone
    ("S.") is no shorter form of "SCO"."""
    return bool(short) and _words_agree(short, part) and any(map(_same_word, short, part))


def _words_agree(xs: Sequence[str], ys: Sequence[str]) -> bool:
    """Word by word the same word ("s." standing for "saulebek")."""
    return all(_word_agrees(x, y) for x, y in zip(xs, ys, strict=True))


def _word_agrees(x: str, y: str) -> bool:
    """The same word, or an initial of the other."""
    if _same_word(x, y):
        return True
    initial, full = sorted((x, y), key=len)
    return len(initial) == 2 and initial.endswith(".") and full.startswith(initial[0])


def _same_word(x: str, y: str) -> bool:
    """Equal, or one the plural of the other ("Amorite", "Amorites")."""
    return x == y or x in (y + "s", y + "es") or y in (x + "s", x + "es")


def similarity(x: Name, y: Name) -> float:
    """Share of words two names have in common, a word matching its near spellings.

    Word pairs are scored with normalised Levenshtein similarity, which keeps
    "Qudaibergen" and "Kudaibergen" together but "Kazakh" and "Kazakhstan" apart.
    """
    xs, ys = list(x.key), list(y.key)
    if not xs or not ys:
        return 0.0
    matched = 0
    for word in xs:
        scores = [_word_similarity(word, other) for other in ys]
        if scores and max(scores) >= _SAME_WORD:
            ys.pop(scores.index(max(scores)))
            matched += 1
    return 2 * matched / (len(x.key) + len(y.key))


@lru_cache(maxsize=1 << 16)
def _word_similarity(x: str, y: str) -> float:
    """Normalised Levenshtein similarity of two words of names; cached, as names repeat."""
    return textdistance.levenshtein.normalized_similarity(x, y)
