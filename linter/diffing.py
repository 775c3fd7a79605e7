"""Word-level differences between linked passages, and how much each one matters.

Two translations of one original share their content words but not their
wording, their word order or their function words. A plain edit script over
all words lets "the", "of" and "each other" pair up across unrelated clauses,
so the diff runs in two passes: first the content words (function words
dropped, stemmed as in :mod:`linter.similarity`) are matched as anchors by a
longest common subsequence, then the words between two anchors are matched by
a Levenshtein edit script. Both passes use ``rapidfuzz.distance`` opcodes on
token lists.

Changes are described as the edit script that turns A's words into B's, in
document offsets, so the Markdown report can mark them on both sides:
``"delete"`` words only A has, ``"insert"`` words only B has (what A leaves
out), ``"replace"`` words each side words differently.

Each changed run is then classified (:class:`Significance`) so that rules can
put meaning-bearing changes first: a negation added or removed, an idiom or
antonym turned around, a different content term, a different function word or
form, and trivial variants (articles, case, curly quotes, British/American
spelling, hyphenation), which only matter when nothing else differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache, cached_property, partial
from itertools import chain, compress, pairwise
from operator import attrgetter, methodcaller
from typing import Literal, NamedTuple

from rapidfuzz.distance import Indel, Levenshtein

from linter.meaning.correspondence import Correspondence, correspond
from linter.model import Sentence, Token
from linter.segment import content_tokens, token_columns
from linter.similarity import STOP_WORDS, stem

ChangeKind = Literal["equal", "replace", "insert", "delete"]

ARTICLES = frozenset({"a", "an", "the"})
NORM = attrgetter("norm")  # a token's word form as it is compared

# Function words, and the sentence adverbs translators add or leave out at
# will: "We now stand at" says no more than "We stand at".
# Light verbs carry the meaning of their object, not their own: "take
# photographs" is "photograph", "make a sound" is "sound", "set out to" is "begin".
LIGHT_VERBS = frozenset(
    """
    take takes took taken taking make makes made making get gets got gotten getting
    give gives gave given giving put puts putting set sets setting go goes went gone going
    """.split()
)
FUNCTION_WORDS = (
    STOP_WORDS
    | LIGHT_VERBS
    | frozenset(
        ["now", "already", "still", "even", "however", "thus", "therefore", "furthermore", "moreover", "indeed", "well"]
    )
)

# Words that negate what follows; "not only" and "not just" do not.
NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without"})
_NOT_NEGATING = frozenset({"only", "just", "merely", "least"})
# Words that say "cannot" without a negating word: "it is impossible for us to
# leave" is "we can't leave".
IMPLICIT_NEGATIONS = frozenset({"impossible", "unable", "incapable"})

# Words that say a thing is possible, planned, wished or under discussion
# rather than done: modal verbs of possibility, hedges, and verbs of intention
# and of talk. "There are now 26 twin cities" against "we are talking about
# establishing 26 pairs" parts here.
IRREALIS_MARKERS = frozenset(
    """
    would could may might wouldn't couldn't maybe perhaps possibly probably likely
    plan plans planned planning intend intends intended intending want wants wanted wanting
    hope hopes hoped hoping expect expects expected expecting propose proposes proposed proposing
    consider considers considered considering discuss discusses discussed discussing
    talk talks talked talking seek seeks sought seeking wish wishes wished wishing
    """.split()
)
# Any modal at all. A side with one of these does not state a bare fact, so
# "may" against "can", "would" against "will" is not a change of modality: the
# future, ability and obligation are rendered one for another by translators
# ("it will curve" / "it can bend" / "it bends" state one law of physics).
MODAL_MARKERS = IRREALIS_MARKERS | frozenset(
    "will shall should must ought can cannot can't won't shouldn't going able".split()
)
_CONTRACTED_MODALS = ("'ll", "'d")

# Words that carry a fact even when a run adds or drops nothing else: times and
# qualifiers. "The visit began in Astana" / "… in Astana on Monday" differ in fact.
DETAIL_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april june july
    august september october november december yesterday today tomorrow tonight morning afternoon evening
    night week weeks month months year years decade decades century annually daily weekly monthly
    only almost nearly about approximately roughly exactly least most over under just first last
    """.split()
)

# Prefixes that turn a word into its antonym ("shakable" / "unshakable"), with
# the shortest stem each needs: "in" + "form" is "inform", not a negation.
ANTONYM_PREFIXES: tuple[tuple[str, int], ...] = (("un", 4), ("non", 4), ("in", 6), ("im", 6), ("il", 6), ("ir", 6))

# Phrases that say the opposite of each other, in either direction. Several
# words long, they are matched anywhere in a linked passage, since translators
# reorder clauses; a single word is matched only against the word that
# replaces it in the same changed run, since a sentence may well say "support
# X and oppose Y". Words are compared by stem, so inflected forms match.
# "Back to back" is not listed against "shoulder to shoulder": it renders the
# Chinese 背靠背, mutual support, as the other does.
REVERSED_PHRASES: tuple[tuple[str, str], ...] = (
    ("hand in hand", "at arm's length"),
    ("win-win", "zero-sum"),
    ("step up", "step down"),
    ("long-term", "short-term"),
    ("on the table", "off the table"),
    ("for the benefit of", "at the expense of"),
    ("pave the way", "stand in the way"),
    ("look forward to", "look back on"),
    ("increase", "decrease"),
    ("increase", "reduce"),
    ("expand", "reduce"),
    ("expand", "narrow"),
    ("rise", "fall"),
    ("strengthen", "weaken"),
    ("strong", "weak"),
    ("support", "oppose"),
    ("accept", "reject"),
    ("approve", "reject"),
    ("allow", "forbid"),
    ("allow", "prohibit"),
    ("agree", "disagree"),
    ("include", "exclude"),
    ("import", "export"),
    ("success", "failure"),
    ("succeed", "fail"),
    ("friend", "enemy"),
    ("friendly", "hostile"),
    ("peace", "war"),
    ("win", "lose"),
    ("maximum", "minimum"),
    ("always", "never"),
    ("more", "less"),
    ("before", "after"),
    ("above", "below"),
    ("first", "last"),
    ("open", "close"),
)

# British/American and other spelling variants, folded to one form; only used
# to decide that two words are the same word, never to rewrite text.
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\w\w)is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w\w)ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w\w\w)our(s|ed|ing|ite|ites|able|ably|er|ers)?$"), r"or\1"),
    (re.compile(r"(?<=\w\w)([tb])re(s|d)?$"), r"\1er\2"),
    (re.compile(r"(?<=\w\w[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=\w\w)ogue(s)?$"), r"og\1"),
)
_PREFIX_INITIALS = frozenset(prefix[0] for prefix, _ in ANTONYM_PREFIXES)
_SPELLING_WORDS = {"defence": "defense", "offence": "offense", "licence": "license", "grey": "gray"}
_SPELLING_WORDS |= {"programme": "program", "programmes": "programs", "whilst": "while", "amongst": "among"}

# A changed run of B is a dropped clause when it has at least
# MIN_DROPPED_WORDS words and MIN_DROPPED_CONTENT content words (figures are
# KZ130's and not counted), when less than FOUND_ELSEWHERE of those occur
# anywhere in A's passage or its context (else A says them elsewhere:
# translators move clauses between sentences), and when the content words
# not found outnumber A's content words in the run's place by at least
# MIN_DROPPED_CONTENT, or one more if A has words there at all, since those
# words may paraphrase part of the run ("togetherness" / "sense of comradeship"),
# and when at least MIN_DROPPED_CONTENT of them have no counterpart in A's link
# by meaning either (:meth:`PassageDiff.carries_meaning`).
MIN_DROPPED_WORDS = 4
MIN_DROPPED_CONTENT = 2
FOUND_ELSEWHERE = 0.4


class Significance(IntEnum):
    """How much a changed run can change the meaning; higher sorts first.

    ``CONTENT`` replaces content words of one side by content words of the
    other that do not render them (by word, stem or meaning); ``WORDING`` is
    any other change of content words: synonyms, inflection, paraphrase, or a
    word one side adds that is too short a stretch to be a dropped clause.
    """

    TRIVIAL = 0
    FUNCTION = 1
    WORDING = 2
    CONTENT = 3
    MODALITY = 4
    REVERSAL = 5
    NEGATION = 6


class WordChange(NamedTuple):
    """One step of the edit script from A's words to B's, as document offsets on each side.

    An empty side (``start == end``) sits at the gap where the other side's
    words would go: "insert" words only B has, "delete" words only A has.
    A named tuple: a book's diffs hold hundreds of thousands.
    """

    kind: ChangeKind
    a_start: int
    a_end: int
    b_start: int
    b_end: int


class ChangeRun(NamedTuple):
    """A stretch of changed words: A's and B's tokens (either may be empty) and where it sits.

    A named tuple, like :class:`WordChange`: a book's diffs hold about 90,000.
    """

    a: tuple[Token, ...]
    b: tuple[Token, ...]
    span: WordChange


@dataclass(frozen=True)
class Reversal:
    """A phrase of A and the phrase of B that says its opposite (see :data:`REVERSED_PHRASES`)."""

    a: tuple[Token, ...]
    b: tuple[Token, ...]


class _Step(NamedTuple):
    """A step of the edit script in token indices (a tuple: a long text makes millions of them)."""

    equal: bool
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int


@cache
def is_content_word(word: str) -> bool:
    """A noun, verb, adjective or number: not a function word, sentence adverb or contraction."""
    if word in FUNCTION_WORDS or word.endswith("n't"):
        return False
    return not ("'" in word and word.split("'")[0] in FUNCTION_WORDS)


def content_stems(words: Sequence[Token]) -> list[str]:
    """The words' content words as they are matched: spelling folded, then stemmed."""
    return _content_keys(map(NORM, words))


def _content_keys(norms: Iterable[str]) -> list[str]:
    """:func:`content_stems` of word forms; ``map`` and ``filter`` keep the loop in C."""
    return list(map(word_key, filter(is_content_word, norms)))


@cache
def word_key(word: str) -> str:
    """A lower-cased word as it is matched: spelling folded, then stemmed; cached, as a text repeats its words."""
    return stem(fold_spelling(word))


def _is_figure(token: Token) -> bool:
    return any(map(str.isdigit, token.text))


@cache
def fold_spelling(word: str) -> str:
    """One spelling for British/American variants ("organise", "organize" -> "organize")."""
    word = _SPELLING_WORDS.get(word, word)
    for pattern, replacement in _SPELLING_RULES:
        word = pattern.sub(replacement, word)
    return word


@dataclass(frozen=True)
class Words:
    """The words of one side of a passage as columns (see :func:`linter.segment.token_columns`).

    The diff reads only the forms and places of most words; a
    :class:`~linter.model.Token` is built just for the words a change or a
    reversed phrase reports (:meth:`tokens`).
    """

    texts: list[str]
    starts: list[int]
    ends: list[int]
    norms: list[str]

    @classmethod
    def of_tokens(cls, tokens: Iterable[Token]) -> Words:
        columns = tuple(zip(*tokens))
        return cls(*map(list, columns)) if columns else cls([], [], [], [])

    @classmethod
    def of_sentences(cls, sentences: Sequence[Sentence]) -> Words:
        """The words of consecutive sentences, with document offsets."""
        if len(sentences) == 1:
            return cls(*token_columns(sentences[0].text, sentences[0].start))
        words = cls([], [], [], [])
        for sentence in sentences:
            for column, more in zip(
                (words.texts, words.starts, words.ends, words.norms),
                token_columns(sentence.text, sentence.start),
                strict=True,
            ):
                column += more
        return words

    def __len__(self) -> int:
        return len(self.norms)

    def tokens(self, lo: int, hi: int) -> tuple[Token, ...]:
        """The tokens of words ``lo`` to ``hi`` (exclusive)."""
        return tuple(
            map(_new_token, zip(self.texts[lo:hi], self.starts[lo:hi], self.ends[lo:hi], self.norms[lo:hi]))
        )


_new_token = partial(tuple.__new__, Token)


def passage_tokens(sentences: Sequence[Sentence]) -> tuple[Token, ...]:
    """The words of consecutive sentences, with document offsets."""
    words = Words.of_sentences(sentences)
    return words.tokens(0, len(words))


def passage_diff(a: Sequence[Sentence], b: Sequence[Sentence]) -> tuple[WordChange, ...]:
    """The word changes between the sentences of a link, for marking them side by side."""
    a_words, b_words = Words.of_sentences(a), Words.of_sentences(b)
    return _changes(_steps(a_words, b_words), a_words, b_words, _origins(a, b))


def _origins(a: Sequence[Sentence], b: Sequence[Sentence]) -> tuple[int, int]:
    """Where a side without words has its gap: the start of its first sentence."""
    return (a[0].start if a else 0, b[0].start if b else 0)


def word_diff(a: Sequence[Token], b: Sequence[Token], origins: tuple[int, int] = (0, 0)) -> tuple[WordChange, ...]:
    """The edit script from A's tokens to B's; ``origins`` place an empty side's gap."""
    a_words, b_words = Words.of_tokens(a), Words.of_tokens(b)
    return _changes(_steps(a_words, b_words), a_words, b_words, origins)


def change_runs(a: Sequence[Token], b: Sequence[Token], origins: tuple[int, int] = (0, 0)) -> tuple[ChangeRun, ...]:
    """Changed stretches, one per run of changes; runs split only by one function word are one run.

    "shoulder to shoulder" / "back to back" is one change, not two around an equal "to".
    """
    a_words, b_words = Words.of_tokens(a), Words.of_tokens(b)
    return _runs(_steps(a_words, b_words), a_words, b_words, origins)


def _changes(steps: list[_Step], a: Words, b: Words, origins: tuple[int, int]) -> tuple[WordChange, ...]:
    return tuple(_change(step, a, b, origins) for step in steps)


def _runs(steps: list[_Step], a: Words, b: Words, origins: tuple[int, int]) -> tuple[ChangeRun, ...]:
    merged: list[_Step] = []
    for index, step in enumerate(steps):
        if step.equal and not _is_bridge(step, a, index, len(steps)):
            merged.append(step)
        elif merged and not merged[-1].equal:
            last = merged.pop()
            merged.append(_Step(False, last.a_lo, step.a_hi, last.b_lo, step.b_hi))
        else:
            merged.append(_Step(False, step.a_lo, step.a_hi, step.b_lo, step.b_hi))
    return tuple(
        ChangeRun(a.tokens(s.a_lo, s.a_hi), b.tokens(s.b_lo, s.b_hi), _change(s, a, b, origins))
        for s in merged
        if not s.equal
    )


def _is_bridge(step: _Step, a: Words, index: int, count: int) -> bool:
    """An equal single function word between two changes."""
    inner = 0 < index < count - 1
    return inner and step.a_hi - step.a_lo == 1 and not is_content_word(a.norms[step.a_lo])


def _steps(a: Words, b: Words) -> list[_Step]:
    """The edit script in token indices: content words matched first, the words between them after.

    Built as a list of elementary steps, each given by its kind and where it
    ends (it starts where the previous one ended), then joined: adjacent steps
    of the same kind become one, so a delete next to an insert is a replace.
    """
    a_words, b_words = a.norms, b.norms
    ends: list[tuple[bool, int, int]] = []
    a_pos = b_pos = 0
    for i, j in _anchors(a_words, b_words):
        if i > a_pos or j > b_pos:
            _gap_steps(ends, a_words, b_words, (a_pos, i), (b_pos, j))
        ends.append((a_words[i] == b_words[j], i + 1, j + 1))
        a_pos, b_pos = i + 1, j + 1
    _gap_steps(ends, a_words, b_words, (a_pos, len(a_words)), (b_pos, len(b_words)))
    return _joined(ends)


def _anchors(a_words: list[str], b_words: list[str]) -> list[tuple[int, int]]:
    """Index pairs of matching content words, in order on both sides."""
    a_content = list(compress(range(len(a_words)), map(is_content_word, a_words)))
    b_content = list(compress(range(len(b_words)), map(is_content_word, b_words)))
    a_keys = list(map(word_key, map(a_words.__getitem__, a_content)))
    b_keys = list(map(word_key, map(b_words.__getitem__, b_content)))
    anchors: list[tuple[int, int]] = []
    for op in Indel.opcodes(a_keys, b_keys):
        if op.tag == "equal":
            anchors += zip(a_content[op.src_start : op.src_end], b_content[op.dest_start : op.dest_end])
    return anchors


def _gap_steps(
    ends: list[tuple[bool, int, int]],
    a_words: list[str],
    b_words: list[str],
    a_range: tuple[int, int],
    b_range: tuple[int, int],
) -> None:
    """The elementary steps between two anchors, added to ``ends``: a Levenshtein edit script of the words.

    Identical words on both sides (the usual case) are one equal step, as the
    edit script would have them, without asking for it.
    """
    (a_lo, a_hi), (b_lo, b_hi) = a_range, b_range
    if a_lo == a_hi or b_lo == b_hi:
        ends.append((False, a_hi, b_hi))
        return
    a_gap, b_gap = a_words[a_lo:a_hi], b_words[b_lo:b_hi]
    if a_gap == b_gap:
        ends.append((True, a_hi, b_hi))
        return
    ends += ((op.tag == "equal", a_lo + op.src_end, b_lo + op.dest_end) for op in Levenshtein.opcodes(a_gap, b_gap))


def _joined(ends: list[tuple[bool, int, int]]) -> list[_Step]:
    """Elementary steps (kind and end) joined into steps: empty ones dropped, adjacent ones of one kind merged."""
    steps: list[_Step] = []
    a_lo = b_lo = a_end = b_end = 0
    kind: bool | None = None
    for equal, a_hi, b_hi in ends:
        if a_hi == a_end and b_hi == b_end:
            continue
        if equal is not kind:
            if kind is not None:
                steps.append(_Step(kind, a_lo, a_end, b_lo, b_end))
            kind, a_lo, b_lo = equal, a_end, b_end
        a_end, b_end = a_hi, b_hi
    if kind is not None:
        steps.append(_Step(kind, a_lo, a_end, b_lo, b_end))
    return steps


def _change(step: _Step, a: Words, b: Words, origins: tuple[int, int]) -> WordChange:
    a_start, a_end = _offsets(a, step.a_lo, step.a_hi, origins[0])
    b_start, b_end = _offsets(b, step.b_lo, step.b_hi, origins[1])
    return WordChange(_kind(step), a_start, a_end, b_start, b_end)


def _kind(step: _Step) -> ChangeKind:
    if step.equal:
        return "equal"
    if step.a_lo == step.a_hi:
        return "insert"
    return "delete" if step.b_lo == step.b_hi else "replace"


def _offsets(words: Words, lo: int, hi: int, origin: int) -> tuple[int, int]:
    if lo < hi:
        return words.starts[lo], words.ends[hi - 1]
    gap = words.ends[lo - 1] if lo > 0 else words.starts[0] if words.starts else origin
    return gap, gap


@dataclass(frozen=True)
class PassageDiff:
    """Everything the content rules need to know about how a linked passage differs.

    Built once per sentence link by :func:`diff_passage`; the rules for
    dropped clauses, truncated quotes and divergent phrasing read the same
    runs, so none of them reports what another one already does.
    ``changes`` are the steps of the edit script that change words, which
    the report marks; the equal steps, half of a book's, are left out.
    """

    a: Words
    b: Words
    changes: tuple[WordChange, ...]
    runs: tuple[ChangeRun, ...]
    reversals: tuple[Reversal, ...]
    a_context: frozenset[str]
    # Where the first word of each sentence of either side starts: a capital there is no sign of a name.
    openers: frozenset[int] = frozenset()
    # Answers per run (by identity), kept because several rules ask them of the same runs.
    _reversals_of: dict[int, Reversal | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _dropped: dict[int, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def _cues(self) -> tuple[frozenset[int], frozenset[int]]:
        """Start offsets of the negating words of A and of B."""
        return _negation_cues(self.a), _negation_cues(self.b)

    def significance(self, run: ChangeRun) -> Significance:
        """The run's grade: negation, reversal, modality, content, wording, function word or form, or trivial."""
        # A negation and a reversal at once cancel out: "a little weak" is "not strong enough".
        negates, reversal = self._negates(run), self.reversal_in(run)
        if negates and reversal is None:
            return Significance.NEGATION
        if reversal is not None and not negates:
            return Significance.REVERSAL
        if self.modality_shift(run):
            return Significance.MODALITY
        if _spelling_key(run.a) == _spelling_key(run.b):
            return Significance.TRIVIAL
        if sorted(content_stems(run.a)) != sorted(content_stems(run.b)):  # as multisets
            a_missing, b_missing = self.missing(run)
            if (a_missing and b_missing) or self.holds_detail(run):
                return Significance.CONTENT
            return Significance.WORDING
        return Significance.FUNCTION

    @cached_property
    def correspondence(self) -> Correspondence:
        """The content words of each side with no counterpart on the other (see :mod:`linter.meaning`)."""
        return correspond(_match_keys(self.a.norms), _match_keys(self.b.norms), self.a.norms, self.b.norms)

    @cached_property
    def _missing_starts(self) -> tuple[frozenset[int], frozenset[int]]:
        found = self.correspondence
        return (
            frozenset(self.a.starts[i] for i in found.a_missing),
            frozenset(self.b.starts[j] for j in found.b_missing),
        )

    def missing(self, run: ChangeRun) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
        """The run's content words that the other side of the link does not render, A's then B's."""
        a_starts, b_starts = self._missing_starts
        return tuple(t for t in run.a if t.start in a_starts), tuple(t for t in run.b if t.start in b_starts)

    def holds_detail(self, run: ChangeRun) -> bool:
        """Whether a word the other side does not render is a name, a time or a qualifier (see :data:`DETAIL_WORDS`)."""
        return any(
            token.norm in DETAIL_WORDS or (_is_capitalised(token) and token.start not in self.openers)
            for token in chain.from_iterable(self.missing(run))
        )

    def modality_shift(self, run: ChangeRun) -> bool:
        """One side's run says possible, planned or wished where the other side's whole link has no modal at all."""
        a_marked, b_marked = _says_irrealis([t.norm for t in run.a]), _says_irrealis([t.norm for t in run.b])
        if a_marked == b_marked:
            return False
        return not _says_modal(self.b.norms if a_marked else self.a.norms)

    def reversal_in(self, run: ChangeRun) -> Reversal | None:
        """The reversed phrase this run (one of :attr:`runs`) is part of, if any."""
        if id(run) not in self._reversals_of:
            self._reversals_of[id(run)] = self._reversal_in(run)
        return self._reversals_of[id(run)]

    def _reversal_in(self, run: ChangeRun) -> Reversal | None:
        span = run.span
        for reversal in self.reversals:
            if _overlaps(reversal.a, span.a_start, span.a_end) or _overlaps(reversal.b, span.b_start, span.b_end):
                return reversal
        return _word_reversal(run)

    def is_dropped(self, run: ChangeRun) -> bool:
        """Whether the run (one of :attr:`runs`) is content of B that A leaves out, rather than words differently."""
        if id(run) not in self._dropped:
            self._dropped[id(run)] = self._is_dropped(run)
        return self._dropped[id(run)]

    def _is_dropped(self, run: ChangeRun) -> bool:
        content = content_stems([t for t in run.b if not _is_figure(t)])
        if len(run.b) < MIN_DROPPED_WORDS or len(content) < MIN_DROPPED_CONTENT:
            return False
        missing = [s for s in content if s not in self.a_context]
        surplus = len(missing) - len(content_stems(run.a))
        return (
            len(content) - len(missing) < FOUND_ELSEWHERE * len(content)
            and surplus >= MIN_DROPPED_CONTENT + (1 if run.a else 0)
            and self.reversal_in(run) is None
            and self.carries_meaning(run)
        )

    def carries_meaning(self, run: ChangeRun) -> bool:
        """Whether B's side of the run says what A's link does not: words A renders by no word of like meaning.

        A clause reworded in A ("a firm supporter of" / "always supports") has
        its counterparts; "in order to improve the network of transport
        connectivity" has none. One word without a counterpart is not yet a
        clause: "prevent black holes from forming in order to" keeps its
        meaning in "prevent the formation of black holes to", where only the
        "order" of "in order to" is left over.
        """
        return len(self.missing(run)[1]) >= MIN_DROPPED_CONTENT

    def is_tail(self, run: ChangeRun) -> bool:
        """Whether the run is where B goes on after A's last matching word."""
        return bool(run.b) and run.b[-1].start == self.b.starts[-1]

    def _negates(self, run: ChangeRun) -> bool:
        if _prefix_antonym(run.a, run.b):
            return True
        a_cues, b_cues = self._cues
        if len(a_cues) == len(b_cues):
            return False
        a_count = sum(t.start in a_cues for t in run.a) + _prefix_negations(run.a, run.b)
        return a_count != sum(t.start in b_cues for t in run.b) + _prefix_negations(run.b, run.a)


def _match_keys(norms: Sequence[str]) -> list[str | None]:
    """Each word's matching key, ``None`` for a function word or a figure (figures are the number rules')."""
    return [word_key(norm) if is_content_word(norm) and not norm[:1].isdigit() else None for norm in norms]


def _is_capitalised(token: Token) -> bool:
    """A word written with a capital and then lower case ("Astana"), not a function word."""
    return token.text[:1].isupper() and token.text[1:2].islower() and token.norm not in FUNCTION_WORDS


def _sentence_openers(sentences: Sequence[Sentence]) -> Iterator[int]:
    for sentence in sentences:
        first = _FIRST_WORD.search(sentence.text)
        yield sentence.start + (first.start() if first else 0)


_FIRST_WORD = re.compile(r"[^\W_]")


def _says_modal(norms: Sequence[str]) -> bool:
    """Whether the words hold a modal verb, a verb of intention or talk, or a contracted modal ("we'd", "I'll")."""
    return any(norm in MODAL_MARKERS or norm.endswith(_CONTRACTED_MODALS) for norm in norms) or _looks_forward(norms)


def _says_irrealis(norms: Sequence[str]) -> bool:
    """Whether the words say possible, planned or wished: "we'd" may be "we had", so a contraction is not enough."""
    return not IRREALIS_MARKERS.isdisjoint(norms) or _looks_forward(norms)


def _looks_forward(norms: Sequence[str]) -> bool:
    """"I look forward to discussing" says wished and planned, as "I hope to discuss" does."""
    return "forward" in norms and any(word == "forward" and before in _LOOK for before, word in pairwise(norms))


_LOOK = frozenset({"look", "looks", "looked", "looking"})


def context_stems(sentences: Sequence[Sentence]) -> frozenset[str]:
    """The content words of A around a link (its aligned paragraphs), for :func:`diff_passage`."""
    return frozenset(_content_keys(chain.from_iterable(content_tokens(s.text) for s in sentences)))


def diff_passage(a: Sequence[Sentence], b: Sequence[Sentence], a_context: frozenset[str] = frozenset()) -> PassageDiff:
    """The word diff of a sentence link, its merged runs and its reversed phrases.

    ``a_context`` are the content words of A around the link (see
    :func:`context_stems`), where a clause of B that A moved would be found.
    """
    a_words, b_words = Words.of_sentences(a), Words.of_sentences(b)
    origins = _origins(a, b)
    steps = _steps(a_words, b_words)
    return PassageDiff(
        a_words,
        b_words,
        tuple(_change(step, a_words, b_words, origins) for step in steps if not step.equal),
        _runs(steps, a_words, b_words, origins),
        tuple(_phrase_reversals(a_words, b_words)),
        _with_own_words(a_context, a_words),
        frozenset(chain(_sentence_openers(a), _sentence_openers(b))),
    )


def _with_own_words(context: frozenset[str], words: Words) -> frozenset[str]:
    """The context and the passage's own content words.

    The context of a link normally holds them already (it is the paragraphs
    the passage sits in), and is then shared, not copied: a book's links
    would otherwise each hold a copy of their group's whole vocabulary.
    """
    own = _content_keys(words.norms)
    return context if context.issuperset(own) else context.union(own)


def _negation_cues(words: Words) -> frozenset[int]:
    """Start offsets of the words that negate: "not", "never", "can't"... but not "not only".

    Most passages have none, which two tests in C tell before any word is read in Python.
    """
    norms = words.norms
    if _NEGATING_WORDS.isdisjoint(norms) and "too" not in norms and not any(map(_ENDS_NOT, norms)):
        return frozenset()
    cues = set()
    for index, norm in enumerate(norms):
        following = norms[index + 1 : index + 3]
        negating = norm in _NEGATING_WORDS or norm.endswith("n't")
        if (negating and not _negation_undone(norm, following)) or _too_to(norm, norms[index + 1 : index + _TOO_REACH]):
            cues.add(words.starts[index])
    return frozenset(cues)


def _too_to(norm: str, following: list[str]) -> bool:
    """"Too small for us to see" says "so small that we cannot see": "too" with an infinitive after it negates."""
    return norm == "too" and "to" in following


def _negation_undone(norm: str, following: list[str]) -> bool:
    """"Not only", "not just": no negation; "can't help but": an affirmation ("we have to")."""
    if norm == "not":
        return following[:1] != [] and following[0] in _NOT_NEGATING
    if norm == "without":
        return following[:1] == ["saying"]  # "it goes without saying": certainly
    return norm in ("can't", "cannot") and following == ["help", "but"]


_NEGATING_WORDS = NEGATIONS | IMPLICIT_NEGATIONS | {"cannot"}
# How far after "too" its infinitive may stand: "too small for us to see".
_TOO_REACH = 6
_ENDS_NOT = methodcaller("endswith", "n't")


def _prefix_antonym(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """A word on one side is the other side's word with a negating prefix ("unshakable"/"shakable")."""
    a_words, b_words = {t.norm for t in a}, {t.norm for t in b}
    return any(
        word.startswith(prefix) and len(word) - len(prefix) >= shortest and word[len(prefix) :] in others
        for words, others in ((a_words, b_words), (b_words, a_words))
        for word in words
        if word[:1] in _PREFIX_INITIALS
        for prefix, shortest in ANTONYM_PREFIXES
    )


def _prefix_negations(words: Sequence[Token], others: Sequence[Token]) -> int:
    """Words negated by a prefix whose rest the other side says with a negating word: "undoubtedly" / "no doubt"."""
    keys = [key for key in content_stems(others) if len(key) >= 4]
    return sum(
        1
        for token in words
        for prefix, shortest in ANTONYM_PREFIXES
        if token.norm.startswith(prefix)
        and len(token.norm) - len(prefix) >= shortest
        and any(token.norm[len(prefix) :].startswith(key) for key in keys)
    )


def _spelling_key(words: Sequence[Token]) -> str:
    """The run's words without articles, hyphens or spaces, spelling folded."""
    return "".join(fold_spelling(part) for t in words if t.norm not in ARTICLES for part in t.norm.split("-"))


def _overlaps(words: Sequence[Token], start: int, end: int) -> bool:
    return any(t.start < end and start < t.end for t in words)


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(word_key(word) for word in re.split(r"[\s-]+", phrase.lower().replace("’", "'")))


_REVERSED = tuple(
    (_phrase_keys(one), _phrase_keys(other))
    for first, second in REVERSED_PHRASES
    for one, other in ((first, second), (second, first))
)
_REVERSED_IDIOMS = tuple((one, other) for one, other in _REVERSED if len(one) > 1 and len(other) > 1)
_ANTONYMS = tuple((one[0], other[0]) for one, other in _REVERSED if len(one) == 1 and len(other) == 1)
_ANTONYM_KEYS = frozenset(one for one, _ in _ANTONYMS)


def _keys_of(norms: Iterable[str]) -> Iterator[str]:
    """The keys of some words, hyphenated compounds split (in C: ``map`` over a cache)."""
    return chain.from_iterable(map(_part_keys, norms))


@cache
def _part_keys(norm: str) -> tuple[str, ...]:
    """The keys of a word's parts ("zero-sum": "zero", "sum")."""
    return tuple(word_key(part) for part in norm.split("-") if part)


class _PhraseIndex:
    """A side's words as keys, hyphenated compounds split, for finding phrases by key.

    ``present`` is computed in C (most passages hold no listed phrase, which
    a subset test tells); the keys with the index of their word are listed
    only when a phrase may be there.
    """

    def __init__(self, words: Words) -> None:
        self.words = words
        self.present = frozenset(_keys_of(words.norms))

    @cached_property
    def keys(self) -> list[tuple[str, int]]:
        return [(word_key(part), index) for index, norm in enumerate(self.words.norms) for part in norm.split("-") if part]

    def find(self, phrase: tuple[str, ...]) -> tuple[Token, ...] | None:
        """The tokens of the phrase's first occurrence, if it occurs."""
        if not self.present.issuperset(phrase):
            return None
        keys = self.keys
        for begin in range(len(keys) - len(phrase) + 1):
            if all(keys[begin + k][0] == key for k, key in enumerate(phrase)):
                first, last = keys[begin][1], keys[begin + len(phrase) - 1][1]
                return self.words.tokens(first, last + 1)
        return None




def _phrase_reversals(a: Words, b: Words) -> Iterator[Reversal]:
    """Idioms of several words in A whose opposite B uses instead, wherever they sit in the passage."""
    a_words, b_words = _PhraseIndex(a), _PhraseIndex(b)
    for one, other in _REVERSED_IDIOMS:
        if not (a_words.present.issuperset(one) and b_words.present.issuperset(other)):
            continue  # the usual case, told without a search
        a_hit, b_hit = a_words.find(one), b_words.find(other)
        if a_hit and b_hit and a_words.find(other) is None and b_words.find(one) is None:
            yield Reversal(a_hit, b_hit)


def _word_reversal(run: ChangeRun) -> Reversal | None:
    """A single word of the run's A side whose antonym replaces it on B's side."""
    if not run.a or not run.b or _ANTONYM_KEYS.isdisjoint(_keys_of(map(NORM, run.a))):
        return None
    a_words, b_words = _PhraseIndex(Words.of_tokens(run.a)), _PhraseIndex(Words.of_tokens(run.b))
    for one, other in _ANTONYMS:
        a_hit, b_hit = a_words.find((one,)), b_words.find((other,))
        if a_hit and b_hit:
            return Reversal(a_hit, b_hit)
    return None
