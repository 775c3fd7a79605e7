"""Grouping: which claims of several reports speak of the same thing, and whether they agree.

Two claims are the same claim when the words around them say the same thing
(what is measured, the period, the subject) and their figures or names can
stand for one another. Words are compared as similarity keys with
Sørensen–Dice (:mod:`linter.similarity`), in the whole sentence and, with the
same weight, in the claim's own clause, where what it measures usually
stands: "the total investment reached $25 billion" and "which has reached $24
billion over the past 15 years". The other figures of the two sentences
anchor them: sentences that both say "15 years" or "$41 billion" state the
same facts.

An equal figure needs less of that evidence than a different one: two reports
of one event that give "$41 billion" in similar words state one fact, while
calling "$24 billion" and "$25 billion" one claim that the sources dispute
needs sentences that say the same thing in other respects. A claim about a
subject that the other report never names ("trade with Tajikistan") is not
one of its claims, however alike the wording.

Claims join groups best link first, and a group never holds two claims of one
report: a report that gives two figures states two facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import combinations

from linter.facts.claims import Claim, ClaimKind, extract_claims
from linter.model import Document
from linter.names import Name, Passage, Relation, identities, relate
from linter.names import similarity as name_similarity
from linter.quantities import Kind, Quantity, can_replace, same_figure
from linter.segment import tokens
from linter.similarity import keys, similarity, stem

# How alike the words around two claims must be (0..1) for them to be one claim. A figure
# recurs in reports of one event when they state the same fact; a name whenever they speak
# of it, so it needs more; a shorter form ("Beijing") stands for many names, so more still.
_SAME_FIGURE_BAR = 0.15
_SAME_NAME_BAR = 0.2
_SHORTER_NAME_BAR = 0.3
# Calling two different figures or names one claim needs close wording, and the further
# apart two figures are, the closer: $24 billion is a misstatement of $25 billion more often
# than $3.93 billion is one of $41 billion.
_DISPUTE_BAR = 0.4
_APART = 0.3
# What each figure that both sentences state adds, and how many count.
_ANCHOR = 0.15
_MAX_ANCHORS = 2
# What it adds when both figures count the same thing ("fifth visit", "fifth visit").
_SAME_NOUN = 0.1
_NAMED_ALIKE = (Relation.SAME, Relation.SHORTENED)
_TOPIC_WORDS = 8
_END_LETTERS = 2


class Verdict(str, Enum):
    """What the sources of a group say to one another, worst first."""

    DIFFER = "differ"
    QUALIFIER = "qualifier differs"
    FORM = "form differs"
    AGREE = "agree"
    SINGLE = "only one source"


_VERDICT_ORDER = tuple(Verdict)


@dataclass(frozen=True)
class ClaimGroup:
    """Claims of different sources that speak of the same thing, one claim a source at most.

    ``topic`` is what the claim is about, in the words its members share
    ("bilateral trade reached record"), or the words of its clause when only
    one source states it.
    """

    kind: ClaimKind
    verdict: Verdict
    topic: str
    members: tuple[Claim, ...]


@dataclass(frozen=True)
class FactCheck:
    """The claims of several reports, grouped: disputed first, then agreed, then stated once."""

    sources: tuple[Document, ...]
    groups: tuple[ClaimGroup, ...]

    @property
    def claims(self) -> int:
        return sum(len(group.members) for group in self.groups)

    @property
    def by_verdict(self) -> dict[Verdict, int]:
        counts = Counter(group.verdict for group in self.groups)
        return {verdict: counts[verdict] for verdict in Verdict}


def check_facts(docs: Sequence[Document]) -> FactCheck:
    """Extract every source's claims, group those that speak of the same thing, give each group a verdict."""
    claims = extract_claims(docs)
    memo = _Memo(docs)
    groups = [_group(members, memo) for members in _cluster(claims, memo)]
    return FactCheck(tuple(docs), tuple(sorted(groups, key=_group_order)))


def _group_order(group: ClaimGroup) -> tuple:
    """Worst verdict first; within a verdict, figures before names, then the most sources first."""
    first = group.members[0]
    kind = list(ClaimKind).index(group.kind)
    return (_VERDICT_ORDER.index(group.verdict), kind, -len(group.members), first.source, first.location.start)


# --- linking ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    rank: int
    score: float
    x: int
    y: int


_RELATION_RANK = (Relation.SAME, Relation.SHORTENED, Relation.DIFFERENT)


class _Memo:
    """How two names relate and whether a source mentions a name, each worked out once a run.

    A long text names the same people hundreds of times, and grouping asks
    the same question of every pair of their mentions.
    """

    def __init__(self, docs: Sequence[Document]) -> None:
        self._texts = [Passage(doc.text) for doc in docs]
        self._relations: dict[tuple[_NameId, _NameId], Relation] = {}
        self._mentions: dict[tuple[int, _NameId], bool] = {}

    def relation(self, x: Name, y: Name) -> Relation:
        pair = (_identity(x), _identity(y))
        if pair not in self._relations:
            self._relations[pair] = relate(x, (y,))[0]
        return self._relations[pair]

    def mentions(self, source: int, name: Name) -> bool:
        key = (source, _identity(name))
        if key not in self._mentions:
            self._mentions[key] = self._texts[source].mentions(name)
        return self._mentions[key]


_NameId = tuple[tuple[str, ...], str]


def _identity(name: Name) -> _NameId:
    """What :func:`linter.names.relate` reads of a name: its words and its acronym."""
    return name.words, name.acronym


def _cluster(claims: Sequence[Claim], memo: _Memo) -> list[tuple[Claim, ...]]:
    """Claims merged best link first into groups that hold one claim of a source at most."""
    group_of = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    for link in _links(claims, memo):
        gx, gy = group_of[link.x], group_of[link.y]
        if gx == gy or not _may_merge(members[gx], members[gy], claims, memo):
            continue
        for index in members[gy]:
            group_of[index] = gx
        members[gx].extend(members.pop(gy))
    return [tuple(sorted((claims[i] for i in group), key=_claim_order)) for group in members.values()]


def _claim_order(claim: Claim) -> tuple[int, int]:
    return claim.source, claim.location.start


def _may_merge(xs: list[int], ys: list[int], claims: Sequence[Claim], memo: _Memo) -> bool:
    """One claim a source at most, and every pair of claims able to be one claim."""
    if {claims[i].source for i in xs} & {claims[j].source for j in ys}:
        return False
    return all(_bar(claims[i], claims[j], memo) is not None for i in xs for j in ys)


def _links(claims: Sequence[Claim], memo: _Memo) -> list[_Link]:
    """Every pair of claims of different sources close enough to be one claim, best first.

    Of two names, one written with the same words goes first: "Beijing" is
    a shorter form of many names, "Beijing Language and Culture University" of one.
    """
    links = []
    for i, j in _candidates(claims):
        bar = _bar(claims[i], claims[j], memo)
        score = _closeness(claims[i], claims[j], memo) if bar is not None else 0.0
        if bar is not None and score >= bar:
            links.append(_Link(_name_rank(claims[i], claims[j], memo), round(score, 6), i, j))
    return sorted(links, key=lambda link: (link.rank, -link.score, link.x, link.y))


def _name_rank(x: Claim, y: Claim, memo: _Memo) -> int:
    return _RELATION_RANK.index(memo.relation(x.name, y.name)) if x.name and y.name else 0


def _candidates(claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Pairs of claims from different sources that may be one claim, in index order.

    Figures pair with every figure of their kind. Names pair only when they
    share a form that :func:`linter.names.relate` could match: an acronym,
    or the first or last two letters of a word, one of which the one slip
    of spelling that near spellings allow leaves intact ("Qudaibergen",
    "Kudaibergen"; "Elad", "Elead"). A long text names hundreds of people; pairing every
    mention with every other would cost more than the rest of the check.
    """
    buckets: dict[tuple[str, str], list[int]] = {}
    for index, claim in enumerate(claims):
        for form in _forms(claim):
            buckets.setdefault((claim.kind.value, form), []).append(index)
    pairs = {
        (i, j)
        for bucket in buckets.values()
        for i, j in combinations(bucket, 2)
        if claims[i].source != claims[j].source
    }
    return sorted(pairs)


def _forms(claim: Claim) -> set[str]:
    if claim.quantity:
        return {claim.quantity.kind.value}
    assert claim.name
    ends = {end for word in claim.name.key for end in _ends(word)}
    return ends | set(identities(claim.name))


def _ends(word: str) -> tuple[str, str]:
    """A word's first two and last two letters."""
    return f"^{word[:_END_LETTERS]}", f"{word[-_END_LETTERS:]}$"


def _closeness(x: Claim, y: Claim, memo: _Memo) -> float:
    """How alike the words around two claims are, with the figures and names both sentences state as anchors."""
    words = (similarity(x.context.sentence, y.context.sentence) + similarity(x.context.clause, y.context.clause)) / 2
    score = words + _ANCHOR * min(_anchors(x, y, memo), _MAX_ANCHORS)
    if x.quantity and y.quantity and _count_same_thing(x.quantity, y.quantity):
        score += _SAME_NOUN
    return score


def _anchors(x: Claim, y: Claim, memo: _Memo) -> int:
    """How many other figures and names the two sentences both state."""
    figures = sum(1 for f in x.context.figures if not f.soft and any(same_figure(f, g) for g in y.context.figures))
    names = sum(1 for n in x.context.names if any(memo.relation(n, m) in _NAMED_ALIKE for m in y.context.names))
    return figures + names


def _count_same_thing(x: Quantity, y: Quantity) -> bool:
    return bool(keys(x.noun) & keys(y.noun))


def _bar(x: Claim, y: Claim, memo: _Memo) -> float | None:
    """How close two claims must be to be one claim; None when they cannot be one, however close."""
    if x.source == y.source or x.kind is not y.kind:
        return None
    if x.quantity and y.quantity:
        return _figure_bar(x, y, memo)
    assert x.name and y.name
    relation = memo.relation(x.name, y.name)
    if relation is Relation.SAME:
        return _SAME_NAME_BAR
    if relation is Relation.SHORTENED:
        return _SHORTER_NAME_BAR
    return _DISPUTE_BAR if relation is Relation.DIFFERENT and _about_named_subjects(x, y, memo) else None


def _figure_bar(x: Claim, y: Claim, memo: _Memo) -> float | None:
    assert x.quantity and y.quantity
    if same_figure(x.quantity, y.quantity):
        return _SAME_FIGURE_BAR
    if not (_may_dispute(x.quantity, y.quantity) and _about_named_subjects(x, y, memo)):
        return None
    return _DISPUTE_BAR + _APART * _apart(x.quantity, y.quantity)


def _apart(x: Quantity, y: Quantity) -> float:
    """How far apart two figures are, 0 (equal) to 1; dates and years are only equal or not."""
    if x.kind in (Kind.DATE, Kind.TIME, Kind.YEAR):
        return 0.0
    larger = max(abs(x.value), abs(y.value))
    return float(abs(x.value - y.value) / larger) if larger else 0.0


def _may_dispute(x: Quantity, y: Quantity) -> bool:
    """Whether two different figures can be one claim that the sources state differently.

    A spelled-out small count is as often paraphrase as count: it may agree, never dispute.
    """
    return not (x.soft or y.soft) and can_replace(x, y)


def _about_named_subjects(x: Claim, y: Claim, memo: _Memo) -> bool:
    """Whether each report names what the other's claim is about: a dispute needs one subject."""
    return all(memo.mentions(y.source, n) for n in x.context.subjects) and all(
        memo.mentions(x.source, n) for n in y.context.subjects
    )


# --- verdicts ----------------------------------------------------------------------------------


def _group(members: tuple[Claim, ...], memo: _Memo) -> ClaimGroup:
    kind = members[0].kind
    return ClaimGroup(kind, _verdict(members, memo), _topic(members), members)


def _verdict(members: tuple[Claim, ...], memo: _Memo) -> Verdict:
    if len(members) == 1:
        return Verdict.SINGLE
    if members[0].kind is ClaimKind.NAME:
        return _name_verdict(members, memo)
    if len({m.value for m in members}) > 1:
        return Verdict.DIFFER
    return Verdict.QUALIFIER if len({m.qualifier for m in members}) > 1 else Verdict.AGREE


def _name_verdict(members: tuple[Claim, ...], memo: _Memo) -> Verdict:
    """Different words are a different name; a shorter form or another spelling is the same name."""
    verdict = Verdict.AGREE
    for x, y in combinations(members, 2):
        assert x.name and y.name
        relation = memo.relation(x.name, y.name)
        if relation is Relation.DIFFERENT and name_similarity(x.name, y.name) < 1:
            return Verdict.DIFFER
        if relation is not Relation.SAME:
            verdict = Verdict.FORM
    return verdict


def _topic(members: tuple[Claim, ...]) -> str:
    """The words of the first member's sentence that most members' sentences have.

    A claim only one source states is described by the words of its clause,
    or of its sentence when the clause has none ("In 2013, ...").
    """
    first = members[0]
    if len(members) > 1:
        return _words_of(first, _majority(members))
    return _words_of(first, set(first.context.clause)) or _words_of(first, set(first.context.sentence))


def _words_of(claim: Claim, wanted: set[str]) -> str:
    """The words of the claim's sentence, outside the claim, whose keys are ``wanted``, each once."""
    location = claim.location
    words: list[str] = []
    seen: set[str] = set()
    for token in tokens(claim.sentence.text, claim.sentence.start):
        key = stem(token.norm)
        if key in wanted and key not in seen and keys(token.text) and not location.start <= token.start < location.end:
            seen.add(key)
            words.append(token.text)
    return " ".join(words[:_TOPIC_WORDS])


def _majority(members: tuple[Claim, ...]) -> set[str]:
    """The keys that more than half of the members' sentences have (both, for two)."""
    counts: Counter[str] = Counter(key for m in members for key in m.context.sentence)
    return {key for key, count in counts.items() if count * 2 > len(members)}
