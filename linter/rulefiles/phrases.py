"""Regular expressions from rule files: compiled once, and never allowed to hang a run.

Every phrase in a rule file is a regular expression (as in Vale), matched as a
whole word unless the rule says ``whole_words: false``; a space in a phrase
matches any run of white space, so a term broken across lines is still found.
Matching goes through the ``regex`` package with a time limit: a
catastrophically backtracking expression stops the run with one line naming
the rule instead of freezing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from linter.errors import RuleFileError

BASE_SECONDS = 2.0
SECONDS_PER_CHARACTER = 5e-6
"""One expression may spend 2 s on a text, plus 5 s per million characters (a long book gets longer)."""

_UNESCAPED_SPACES = regex.compile(r"(?<!\\) +")


@dataclass(frozen=True)
class Matcher:
    """A compiled expression and where it was written, so a timeout can name the rule and the file."""

    expression: regex.Pattern[str]
    origin: str

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The non-empty matches in ``text``, within the time limit."""
        return [match.span() for match in self._matches(text) if match.end() > match.start()]

    def found_in(self, text: str) -> bool:
        """Whether the expression matches somewhere: stops at the first non-empty match."""
        return any(match.end() > match.start() for match in self._matches(text))

    def _matches(self, text: str) -> Iterator[regex.Match[str]]:
        limit = BASE_SECONDS + SECONDS_PER_CHARACTER * len(text)
        try:
            yield from self.expression.finditer(text, timeout=limit)
        except TimeoutError:
            raise RuleFileError(
                f"{self.origin}: the regular expression ran longer than {limit:.2g} s on one text; simplify it"
            ) from None


def phrase_expression(phrase: str, whole_words: bool) -> str:
    """The expression for one phrase: spaces match any white space; whole words get word boundaries."""
    body = _UNESCAPED_SPACES.sub(r"\\s+", phrase.strip())
    return rf"(?<!\w)(?:{body})(?!\w)" if whole_words else f"(?:{body})"


def any_phrase(phrases: Iterable[str], whole_words: bool) -> str:
    """One expression for several phrases, longest first so that the fuller phrase wins."""
    ordered = sorted(dict.fromkeys(phrases), key=lambda p: (-len(p), p))
    return "|".join(phrase_expression(p, whole_words) for p in ordered)


def compile_matcher(expression: str, ignorecase: bool, origin: str) -> Matcher:
    """Compile or raise :class:`ValueError` with the engine's own words, for the caller to place."""
    flags = regex.IGNORECASE if ignorecase else 0
    try:
        compiled = regex.compile(expression, flags)
    except regex.error as exc:
        raise ValueError(f"does not compile: {exc}") from None
    if compiled.fullmatch(""):
        raise ValueError("matches empty text, so it would match everywhere")
    return Matcher(compiled, origin)


def first_uncovered(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted by start, dropping any that overlaps one already kept (the earlier, longer one wins)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def inside_any(span: tuple[int, int], covers: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in covers)


def shown(text: str) -> str:
    """Matched text as a message shows it: one line, single spaces."""
    return " ".join(text.split())
