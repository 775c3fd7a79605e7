"""Spelling findings on names: a foreign name is not a misspelling, a misspelt word is not a name.

A report on a visit to Kazakhstan is full of names no English dictionary
holds (Tokayev, Zhanatas, Kabylbekov, SCO, CICA). Flagged as misspellings they
bury the real slips, and editors stop reading. A spelling finding on one word
is dropped when the word is

- in the user's word list (configuration ``words``) or in kzlint's list of
  the region's words (:mod:`linter.grammar.lexicon`), in any case;
- not a plain word: an acronym or wire credit in capitals (SCO, XINHUA), a
  brand with an inner capital (PRNewswire), an initial (B.), a piece of a
  web address (Kazinform.kz), as word processors skip such words;
- capitalised and confirmed as a name: it occurs in another rendering or
  source of the run, or it stands next to another unknown capitalised word
  that no dictionary word resembles (Emomali Rahmon);
- capitalised and likely a name by its use, unless a dictionary word lies
  a slip away: it is capitalised at least twice in this text's running
  prose, once at least inside a sentence ("Zhao Huirong, a research fellow
  ... Zhao said"); or it follows a word that introduces a name ("named
  Konstantin", "President Tokayev"); or it stands next to a capitalised
  word ("Sayasat Nurbek"). A capital proves little where a dictionary word
  is so close: "the United Kindgom", "Britains economy" are slips.

A finding on several words or on a word with other marks ("double edged
sword", "can`t") is one of the backend's phrase rules; it is dropped only
when it holds a confirmed name.

Lower-case words are always checked: a misspelled common word stays flagged
even when another source has the same typo. Misspelled names are the job of
the cross-source name rules, which compare the spellings of all sources.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import cached_property, lru_cache
from itertools import chain

from linter.grammar.lexicon import DOMAIN_WORDS
from linter.model import Document, Paragraph, ParagraphKind
from linter.rules.base import TextUnderCheck

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ONE_WORD = re.compile(r"[^\W\d_]+(?:['’‑-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_NAME_JOINER = re.compile(r"[ \t]+|[ \t]*\n[ \t]*|[-‑]")
_AFTER_INITIAL = re.compile(r"\.[ \t]*")
_CUE_GAP = re.compile(r"\.?[ \t]+")
_ADDRESS_MARKS = "./@:"
_MIN_USES = 2
# Shorter words have many dictionary words a slip away ("Cui": "Cue", "Cai"), so closeness proves nothing.
NEAR_WORD_MIN_LETTERS = 5
# The slips intended_forms undoes; part of the grammar cache's key, since entries record which words are near.
SLIPS_UNDONE = ("vowel left out", "double letter written once", "letters swapped", "apostrophe dropped")
_VOWELS = "aeiouy"
_NAME_CUES = frozenset(
    "named surnamed nicknamed dubbed mr mrs ms dr prof professor president premier minister ambassador "
    "chairman chairwoman senator governor mayor akim king queen prince princess sheikh emir general".split()
)


def base_form(word: str) -> str:
    """The lower-cased word without a possessive ending or a closing full stop."""
    return _POSSESSIVE.sub("", word.rstrip(".")).lower()


def vocabulary(doc: Document) -> frozenset[str]:
    """Every word form of ``doc``, as :func:`base_form` gives it (each distinct word read once: a book repeats them)."""
    return frozenset(map(base_form, frozenset(_WORD.findall(doc.text))))


def accepted_words(user_words: Iterable[str]) -> frozenset[str]:
    """Words never reported as misspelt, in any case: the region's and the user's."""
    return DOMAIN_WORDS | frozenset(word.lower() for word in user_words)


def capitalised_words(text: str) -> frozenset[str]:
    """The words of ``text`` that start with a capital, as written: the candidates for names."""
    return frozenset(w for w in _WORD.findall(text) if _is_capitalised(w))


def intended_forms(word: str) -> frozenset[str]:
    """The words a typing slip may have turned into ``word``: a vowel left out, a double letter written once,
    two letters swapped, a possessive's apostrophe dropped.

    A dictionary word among them makes a capitalised unknown word a likely
    slip rather than a name ("Englsh": "English", "Viena": "Vienna",
    "Kindgom": "Kingdom", "Britains": "Britain's"). A letter too many or a
    letter replaced is left out on purpose: that is how most foreign names
    differ from an English word ("Zhang": "Hang", "Salima": "Saliva",
    "Rahmon": "Ramon"). So is a consonant left out, to keep the forms few
    (each is a dictionary look-up). Empty for words of fewer than
    NEAR_WORD_MIN_LETTERS letters, the possessive aside.
    """
    core = _POSSESSIVE.sub("", word)
    if sum(c.isalpha() for c in core) < NEAR_WORD_MIN_LETTERS:
        return frozenset()
    cuts = [(core[:i], core[i:]) for i in range(len(core) + 1)]
    vowels = _VOWELS.upper() if core.isupper() else _VOWELS
    forms = {left + right[1] + right[0] + right[2:] for left, right in cuts if len(right) > 1}
    forms |= {left + vowel + right for left, right in cuts for vowel in vowels}
    forms |= {left + right[0] + right for left, right in cuts if right}
    if core.endswith("s") and core == word:
        forms.add(core[:-1] + "'s")
    forms.discard(core)
    return frozenset(forms)


def near_a_suggestion(word: str, suggestions: Iterable[str]) -> bool:
    """Whether a backend's suggestion for ``word`` is among its :func:`intended_forms`.

    That is how a backend without a dictionary to ask (LanguageTool) says a word is a slip away from one.
    """
    variants = {v.lower() for v in intended_forms(word)}
    return any(s.lower() in variants for s in suggestions)


def is_one_word(text: str) -> bool:
    """Whether a flagged span is one word, possibly with a possessive or a closing full stop, not a phrase."""
    return bool(_ONE_WORD.fullmatch(text.rstrip(".")))


def known_words_in(text: str, known: frozenset[str]) -> list[str]:
    """The known words ``text`` holds in any form a backend may match: as written, lower-cased, without a possessive."""
    if not known:
        return []
    return sorted(known.intersection(chain.from_iterable(map(_matched_forms, frozenset(_WORD.findall(text))))))


@lru_cache(maxsize=1 << 16)
def _matched_forms(word: str) -> tuple[str, ...]:
    """The forms in which a backend may match ``word``: as written, lower-cased, without a possessive."""
    stem = _POSSESSIVE.sub("", word)
    return word, word.lower(), stem, stem.lower()


class NameJudge:
    """Decides which spelling findings of one text are names or otherwise not misspellings.

    ``companion_words`` is the vocabulary of the other renderings and sources
    of the run (see :func:`vocabulary`).
    """

    def __init__(self, text: TextUnderCheck, companion_words: frozenset[str], user_words: Iterable[str]) -> None:
        self._doc = text.doc
        self._companion_words = companion_words
        self._accepted_words = accepted_words(user_words)
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def is_not_a_misspelling(
        self, paragraph: Paragraph, start: int, end: int, flagged: frozenset[str], near: frozenset[str] = frozenset()
    ) -> bool:
        """Whether the finding at ``[start, end)`` (document offsets) should not be reported.

        ``flagged`` holds the base forms of every word flagged as a misspelling
        in the paragraph: unknown neighbours make each other likely names.
        ``near`` holds the base forms of the words a slip away from a
        dictionary word, for which a capital and its context are no proof.
        """
        word = self._doc.text[start:end]
        if not is_one_word(word):
            return self._holds_a_known_name(start, end)
        base = base_form(word)
        if base in self._accepted_words or not _is_plain_word(word) or self._in_web_address(start, end):
            return True
        if not _is_capitalised(word):
            return False
        joined, previous = self._neighbours(paragraph, start)
        if base in self._companion_words or any(self._is_far_unknown(span, flagged, near) for span in joined):
            return True
        if base in near:
            return False
        if base in self._repeated_names or (previous is not None and self._after_cue(previous, start)):
            return True
        return any(self._is_name_like(paragraph, span, flagged) for span in joined)

    def sort_unknown_names(
        self, paragraph: Paragraph, unknown: frozenset[str], near: frozenset[str] = frozenset()
    ) -> tuple[set[str], set[str]]:
        """The words of ``paragraph`` in ``unknown`` (capitalised words a dictionary lacks): those never reported, and those reported.

        ``near`` is as for :meth:`is_not_a_misspelling`.

        This is the verdict the paragraph's spelling findings would get, given
        before the backend checks, so that a backend taught the dropped names
        does not spend time on suggestions for them.
        """
        if unknown.isdisjoint(_WORD.findall(paragraph.text)):
            return set(), set()  # the usual paragraph: no unknown word, nothing to decide
        matches = [m for m in _WORD.finditer(paragraph.text) if m.group() in unknown]
        flagged = frozenset(base_form(m.group()) for m in matches)
        dropped: set[str] = set()
        reported: set[str] = set()
        for match in matches:
            start, end = paragraph.start + match.start(), paragraph.start + match.end()
            verdict = self.is_not_a_misspelling(paragraph, start, end, flagged, near)
            (dropped if verdict else reported).add(match.group())
        return dropped, reported

    def _is_known_name(self, base: str) -> bool:
        return base in self._companion_words or base in self._repeated_names or base in self._accepted_words

    def _neighbours(self, paragraph: Paragraph, start: int) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """The words joined to the word at ``start`` as parts of one name, and the word before it."""
        words = self._word_spans(paragraph)
        index = bisect_right(words, (start, len(self._doc.text))) - 1
        if index < 0 or not words[index][0] <= start < words[index][1]:
            return [], None
        joined = []
        if index > 0 and self._joined(words[index - 1], words[index]):
            joined.append(words[index - 1])
        if index + 1 < len(words) and self._joined(words[index], words[index + 1]):
            joined.append(words[index + 1])
        return joined, (words[index - 1] if index > 0 else None)

    def _is_far_unknown(self, span: tuple[int, int], flagged: frozenset[str], near: frozenset[str]) -> bool:
        """Whether a neighbour is an unknown capitalised word no dictionary word resembles: then both are a name."""
        word = self._doc.text[span[0] : span[1]]
        base = base_form(word)
        return _is_capitalised(word) and base in flagged and base not in near

    def _holds_a_known_name(self, start: int, end: int) -> bool:
        """Whether a phrase a backend flagged holds a name the run confirms: its spelling is not the slip."""
        return any(
            _is_capitalised(word) and self._is_known_name(base_form(word))
            for word in _WORD.findall(self._doc.text[start:end])
        )

    def _word_spans(self, paragraph: Paragraph) -> list[tuple[int, int]]:
        """The paragraph's words as document spans, read once: each of its unknown words asks for them."""
        spans = self._spans.get(paragraph.index)
        if spans is None:
            spans = [(m.start() + paragraph.start, m.end() + paragraph.start) for m in _WORD.finditer(paragraph.text)]
            self._spans[paragraph.index] = spans
        return spans

    def _after_cue(self, previous: tuple[int, int], start: int) -> bool:
        """Whether the word at ``start`` follows one that introduces a name: "named Konstantin", "Mr. Li"."""
        cue = self._doc.text[previous[0] : previous[1]].lower()
        return cue in _NAME_CUES and bool(_CUE_GAP.fullmatch(self._doc.text[previous[1] : start]))

    def _joined(self, left: tuple[int, int], right: tuple[int, int]) -> bool:
        """Whether two words read as parts of one name: "Emomali Rahmon", "Kassym-Jomart", "S. Kabylbekov"."""
        between = self._doc.text[left[1] : right[0]]
        if _NAME_JOINER.fullmatch(between):
            return True
        initial = self._doc.text[left[0] : left[1]]
        return len(initial) == 1 and initial.isupper() and bool(_AFTER_INITIAL.fullmatch(between))

    def _is_name_like(self, paragraph: Paragraph, span: tuple[int, int], flagged: frozenset[str]) -> bool:
        word = self._doc.text[span[0] : span[1]]
        if not _is_capitalised(word):
            return False
        base = base_form(word)
        if base in flagged or self._is_known_name(base):
            return True
        # In running text a capital letter inside a sentence marks a proper noun;
        # in a heading every word is capitalised, so it proves nothing there.
        return paragraph.kind is not ParagraphKind.HEADING and span[0] not in self._sentence_starts

    def _in_web_address(self, start: int, end: int) -> bool:
        text = self._doc.text
        before = text[max(0, start - 2) : start]
        after = text[end : end + 2]
        joined_before = len(before) == 2 and before[1] in _ADDRESS_MARKS and before[0].isalnum()
        joined_after = len(after) == 2 and after[0] in _ADDRESS_MARKS and (after[1].isalnum() or after[1] == "/")
        return joined_before or joined_after

    @cached_property
    def _sentence_starts(self) -> frozenset[int]:
        starts = set()
        for sentence in self._doc.sentences:
            first = _WORD.search(sentence.text)
            if first:
                starts.add(sentence.start + first.start())
        return frozenset(starts)

    @cached_property
    def _repeated_names(self) -> frozenset[str]:
        """Words capitalised at least twice in running text, once at least inside a sentence: names by use."""
        uses: Counter[str] = Counter()
        inside: set[str] = set()
        for paragraph in self._doc.paragraphs:
            if paragraph.kind in (ParagraphKind.HEADING, ParagraphKind.BOILERPLATE):
                continue
            for match in _WORD.finditer(paragraph.text):
                if _is_capitalised(match.group()):
                    base = base_form(match.group())
                    uses[base] += 1
                    if paragraph.start + match.start() not in self._sentence_starts:
                        inside.add(base)
        return frozenset(word for word in inside if uses[word] >= _MIN_USES)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_plain_word(word: str) -> bool:
    """A word a dictionary should know: two letters or more, capitalised at most at the start."""
    core = _POSSESSIVE.sub("", word.rstrip("."))
    letters = core.replace("'", "").replace("’", "").replace("-", "")
    if len(letters) < 2 or not letters.isalpha():
        return False
    return not core.isupper() and not any(c.isupper() for c in core[1:])
