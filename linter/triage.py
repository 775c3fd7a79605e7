"""The findings of a comparison arranged for the editor of A: what to fix first, and where each finding sits.

Both the Markdown and the HTML reports show the same arrangement, so it is
computed once, here, and the reporters only format it:

- which findings A's editor can act on and which are problems of the
  reference B alone (its grammar, its superseded terms), which they cannot;
- the passages in A's reading order, each with its rows of sentences side
  by side and the findings that concern it, in text order;
- the findings outside every passage, and the wording-only ones, which the
  reports fold away because the passage tables already show them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from linter.engine import RunResult
from linter.model import AlignedGroup, Category, Document, Finding, Severity

# How many of A's findings the summary names before it says how many more there are.
FIRST_TO_FIX = 10
# Categories of the comparison rules: a finding of these is about what A does with B, even when it points into B
# (a sentence of B that A leaves out), so it is A's editor's to fix.
_COMPARISON = frozenset({Category.OMISSION, Category.ADDITION, Category.DIVERGENCE, Category.NUMBER, Category.NAME})

# A row of a passage: A's and B's sentence indices shown side by side (one side may be empty).
Row = tuple[tuple[int, ...], tuple[int, ...]]


# The rule that lists rewordings (off unless asked for with --show-wording).
REWORDED = "KZ121"


def is_wording_only(finding: Finding) -> bool:
    """Whether a finding only says that A words something differently, which the passage tables already show.

    The one place that decides it: the reports fold these findings away.
    """
    return finding.rule == REWORDED


def is_reference_problem(finding: Finding) -> bool:
    """Whether a finding is about the reference B alone (its grammar, its terms), which A's editor cannot change."""
    return bool(finding.locations) and all(loc.side == "b" for loc in finding.locations) and (
        finding.category not in _COMPARISON
    )


@dataclass(frozen=True)
class Passage:
    """An aligned group as the editor of A reads it: rows in A's order, its findings in text order.

    ``number`` counts passages in A's reading order, from 1. A finding that
    only says A leaves out a sentence of B that has a row of its own is in
    ``in_rows``, by row, to be shown in that row rather than repeated below.
    """

    number: int
    group: AlignedGroup
    rows: tuple[Row, ...]
    findings: tuple[Finding, ...]
    wording_only: tuple[Finding, ...]
    in_rows: dict[int, tuple[Finding, ...]]


@dataclass(frozen=True)
class Triage:
    """A comparison's findings arranged for the editor of A (see the module's docstring).

    ``to_fix`` are A's errors and warnings, worst first; ``reference`` the
    problems of B, worst first; ``unrendered`` the findings that only say
    that A leaves out a paragraph of B, by that paragraph's index, shown
    beside it; ``outside`` A's other findings in no passage, in text order;
    ``accepted`` how many findings a baseline hid.
    """

    passages: tuple[Passage, ...]
    to_fix: tuple[Finding, ...]
    reference: tuple[Finding, ...]
    unrendered: dict[int, tuple[Finding, ...]]
    outside: tuple[Finding, ...]
    outside_wording_only: tuple[Finding, ...]
    accepted: int

    @property
    def first_to_fix(self) -> tuple[Finding, ...]:
        return self.to_fix[:FIRST_TO_FIX]

    @property
    def wording_only(self) -> int:
        """How many findings say only that A words something differently (KZ121, when it is on)."""
        return sum(len(p.wording_only) for p in self.passages) + len(self.outside_wording_only)

    @cached_property
    def passage_of(self) -> dict[Finding, int]:
        """The number of the passage each finding sits under (findings outside passages are not in it)."""
        return {
            finding: passage.number
            for passage in self.passages
            for found in (passage.findings, passage.wording_only, *passage.in_rows.values())
            for finding in found
        }

    def counts(self, side: str) -> dict[Severity, int]:
        """How many findings of each severity concern A (``side`` "a") or are B's own problems ("b")."""
        findings = self.reference if side == "b" else self._of_a()
        return {s: sum(1 for f in findings if f.severity is s) for s in sorted(Severity, reverse=True)}

    def _of_a(self) -> list[Finding]:
        in_passages = [f for p in self.passages for f in (*p.findings, *p.wording_only)]
        beside = [f for found in self.unrendered.values() for f in found]
        in_rows = [f for p in self.passages for found in p.in_rows.values() for f in found]
        return [*in_passages, *in_rows, *beside, *self.outside, *self.outside_wording_only]


def triage(result: RunResult) -> Triage:
    """Arrange a comparison's findings for the editor of A."""
    assert result.b is not None and result.alignment is not None
    a, b = result.a, result.b
    of_a = [f for f in result.findings if not is_reference_problem(f)]
    groups = sorted(result.alignment.groups, key=lambda g: min(g.a))
    by_group, outside = _by_passage(of_a, groups)
    passages = []
    for number, group in enumerate(groups, start=1):
        rows = reading_rows(group, a, b)
        order = _row_of_sentence(rows)
        ordered = sorted(by_group.get(number - 1, ()), key=lambda f: _place_in_rows(f, a, b, order))
        passages.append(_passage(number, group, rows, ordered, b))
    outside.sort(key=_text_order)
    unrendered, outside = _beside_unrendered(outside, set(result.alignment.unaligned_b))
    return Triage(
        passages=tuple(passages),
        to_fix=tuple(f for f in of_a if f.severity >= Severity.WARNING),
        reference=tuple(f for f in result.findings if is_reference_problem(f)),
        unrendered=unrendered,
        outside=tuple(f for f in outside if not is_wording_only(f)),
        outside_wording_only=tuple(f for f in outside if is_wording_only(f)),
        accepted=result.accepted,
    )


def _beside_unrendered(
    outside: Sequence[Finding], unaligned_b: set[int]
) -> tuple[dict[int, tuple[Finding, ...]], list[Finding]]:
    """The findings that only say A leaves out a paragraph of B, by paragraph, to be shown beside it; and the rest."""
    unrendered: dict[int, list[Finding]] = {}
    rest = []
    for finding in outside:
        if _leaves_out(finding, unaligned_b):
            unrendered.setdefault(finding.locations[0].paragraph, []).append(finding)
        else:
            rest.append(finding)
    return {paragraph: tuple(found) for paragraph, found in unrendered.items()}, rest


def _leaves_out(finding: Finding, unaligned_b: set[int]) -> bool:
    """Whether a finding only says that A leaves out one paragraph of B that no passage holds."""
    return (
        finding.category is Category.OMISSION
        and len(finding.locations) == 1
        and finding.locations[0].side == "b"
        and finding.locations[0].paragraph in unaligned_b
    )


def _passage(number: int, group: AlignedGroup, rows: Sequence[Row], findings: Sequence[Finding], b: Document) -> Passage:
    alone = {row[1][0]: n for n, row in enumerate(rows) if not row[0]}  # B's sentences A does not render
    in_rows: dict[int, list[Finding]] = {}
    rest = []
    for finding in findings:
        sentence = _left_out_sentence(finding, b)
        if sentence in alone:
            in_rows.setdefault(alone[sentence], []).append(finding)
        else:
            rest.append(finding)
    return Passage(
        number,
        group,
        tuple(rows),
        tuple(f for f in rest if not is_wording_only(f)),
        tuple(f for f in rest if is_wording_only(f)),
        {row: tuple(found) for row, found in in_rows.items()},
    )


def _left_out_sentence(finding: Finding, b: Document) -> int | None:
    """The sentence of B a finding says A leaves out, when that is all it says (it quotes the sentence whole)."""
    if finding.category is not Category.OMISSION or len(finding.locations) != 1 or finding.locations[0].side != "b":
        return None
    location = finding.locations[0]
    sentence = next((s for s in b.paragraphs[location.paragraph].sentences if s.start == location.start), None)
    return sentence.index if sentence is not None and sentence.end == location.end else None


def reading_rows(group: AlignedGroup, a: Document, b: Document) -> list[Row]:
    """The passage's rows in A's reading order; a sentence of B that A does not render stays after its neighbour."""
    linked_b = {i: link for link in group.sentences for i in link.b}
    linked_a = {i for link in group.sentences for i in link.a}
    rows: list[Row] = []
    for paragraph in group.b:
        for sentence in b.paragraphs[paragraph].sentences:
            link = linked_b.get(sentence.index)
            if link is None:
                rows.append(((), (sentence.index,)))
            elif sentence.index == link.b[0]:
                rows.append((link.a, link.b))
    rows.extend(((s.index,), ()) for p in group.a for s in a.paragraphs[p].sentences if s.index not in linked_a)
    keys: list[tuple[int, int]] = []
    anchor = -1
    for position, (a_ids, _) in enumerate(rows):
        anchor = min(a_ids) if a_ids else anchor
        keys.append((anchor, position))
    return [row for _, row in sorted(zip(keys, rows), key=lambda pair: pair[0])]


def _row_of_sentence(rows: Sequence[Row]) -> dict[tuple[str, int], int]:
    return {(side, i): n for n, row in enumerate(rows) for side, ids in zip("ab", row) for i in ids}


def _by_passage(findings: Sequence[Finding], groups: Sequence[AlignedGroup]) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Each finding under the first passage (in A's order) that holds a paragraph it points into; the others apart.

    Paragraphs are looked up, not groups scanned, so that a book's hundred thousand findings cost no more than an
    article's each.
    """
    owner: dict[tuple[str, int], int] = {}
    for number, group in enumerate(groups):
        for side, paragraphs in (("a", group.a), ("b", group.b)):
            for paragraph in paragraphs:
                owner.setdefault((side, paragraph), number)
    by_group: dict[int, list[Finding]] = {}
    outside: list[Finding] = []
    for finding in findings:
        owners = [owner[loc.side, loc.paragraph] for loc in finding.locations if (loc.side, loc.paragraph) in owner]
        if owners:
            by_group.setdefault(min(owners), []).append(finding)
        else:
            outside.append(finding)
    return by_group, outside


def _place_in_rows(finding: Finding, a: Document, b: Document, order: dict[tuple[str, int], int]) -> tuple:
    """A finding's row in the passage, then its place in A (or in B, for a finding only in B)."""
    location = finding.at("a") or finding.at("b")
    assert location is not None
    doc = a if location.side == "a" else b
    sentences = doc.paragraphs[location.paragraph].sentences
    sentence = next((s for s in reversed(sentences) if s.start <= location.start), None)
    row = order.get((location.side, sentence.index), len(order)) if sentence else len(order)
    return (row, location.side, location.start, finding.rule)


def _text_order(finding: Finding) -> tuple:
    """A's findings first in A's order, then those that point into B only, in B's order."""
    location = finding.at("a") or finding.at("b")
    return (location.side, location.start, finding.rule) if location else ("", 0, finding.rule)


class Block(NamedTuple):
    """One stretch of the side-by-side view: a passage (``index`` into ``Triage.passages``), or a paragraph
    that only A has (``only-a``, a paragraph index of A) or that A does not render (``unrendered``, of B)."""

    kind: str
    index: int


def reading_order(result: RunResult, triaged: Triage) -> tuple[Block, ...]:
    """Everything of A and B in A's reading order: A's own paragraphs where A has them, and each paragraph of B
    that A does not render after the passage that holds the paragraph of B before it (first, if none does)."""
    assert result.alignment is not None
    first_a = {min(p.group.a): n for n, p in enumerate(triaged.passages)}
    blocks: list[Block] = []
    only_a = set(result.alignment.unaligned_a)
    for paragraph in range(len(result.a.paragraphs)):
        if paragraph in first_a:
            blocks.append(Block("passage", first_a[paragraph]))
        elif paragraph in only_a:
            blocks.append(Block("only-a", paragraph))
    aligned_b = sorted((b, n) for n, p in enumerate(triaged.passages) for b in p.group.b)
    after: dict[int, list[int]] = {}
    for paragraph in result.alignment.unaligned_b:
        before = bisect.bisect_left(aligned_b, (paragraph, -1)) - 1
        after.setdefault(aligned_b[before][1] if before >= 0 else -1, []).append(paragraph)
    placed = [Block("unrendered", p) for p in after.get(-1, [])]
    for block in blocks:
        placed.append(block)
        if block.kind == "passage":
            placed.extend(Block("unrendered", p) for p in after.get(block.index, []))
    return tuple(placed)
