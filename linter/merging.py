"""One problem, one finding: findings whose places overlap are merged into the most telling of them.

Several rules can see one problem: "vital interests" is a glossary term and a
changed phrase, an old place name is a superseded term, a name rendered
differently and an unknown word. An editor should read it once. Findings are
compared by their first place (A's when they have one, else B's); where those
cover mostly the same words, the worst finding is kept, the most specific one of equal severity
(a rule file's, which says what to write, before a figure or name rule, before
grammar, before the general omission and divergence rules), and its message
names the other rules that saw the same words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter.model import Finding, Location

# Rule id prefixes from the most specific to the most general; rule files'
# own ids (no prefix here) come first.
_GENERALITY = ("KZ13", "KZ14", "KZ3", "GR.", "KZ2", "KZ10", "KZ11", "KZ12")


def merged(findings: Iterable[Finding]) -> list[Finding]:
    """The findings with each group of overlapping ones merged into one."""
    placed = sorted((f for f in findings if f.locations), key=_place_key)
    kept = [f for f in findings if not f.locations]
    for group in _overlapping(placed):
        kept.append(group[0] if len(group) == 1 else _merge(group))
    return kept


def _place_key(finding: Finding) -> tuple[str, int, int]:
    first = _first_place(finding)
    return first.side, first.start, first.end


def _first_place(finding: Finding) -> Location:
    return finding.at("a") or finding.locations[0]


def _overlapping(findings: list[Finding]) -> Iterator[list[Finding]]:
    """Runs of findings (sorted by place) whose first places share most of their words with the run's first."""
    group: list[Finding] = []
    for finding in findings:
        if group and _same_words(_first_place(group[0]), _first_place(finding)):
            group.append(finding)
            continue
        if group:
            yield group
        group = [finding]
    if group:
        yield group


def _same_words(x: Location, y: Location) -> bool:
    """Two places on one side whose common stretch is at least half of each: one phrase, not a phrase in a sentence.

    A term inside a skipped sentence is two problems; "UN Charter" and "the
    UN Charter and" are one.
    """
    common = min(x.end, y.end) - max(x.start, y.start)
    return x.side == y.side and common > 0 and 2 * common >= max(x.end - x.start, y.end - y.start)


def _merge(group: list[Finding]) -> Finding:
    best = min(group, key=lambda f: (-f.severity, _generality(f.rule), -f.weight, f.rule, f.message))
    others = sorted({f.rule for f in group} - {best.rule})
    if not others:
        return best
    return best._replace(message=f"{best.message} (also {', '.join(others)})")


def _generality(rule: str) -> int:
    return next((rank for rank, prefix in enumerate(_GENERALITY, 1) if rule.startswith(prefix)), 0)
