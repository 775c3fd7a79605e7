"""What a grammar backend reports, before kzlint decides what to show.

Backends speak different protocols (Harper's ``Lint`` objects, LanguageTool's
JSON matches); each is turned into :class:`Issue` values at once, so caching,
filtering and building findings never depend on which backend ran.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linter.model import Category, Finding


@dataclass(frozen=True)
class Issue:
    """One problem in one paragraph; offsets are code points into the paragraph's text.

    ``suggestions`` hold what the flagged span should become; an empty string
    means "delete it".
    """

    start: int
    end: int
    rule: str
    category: Category
    message: str
    suggestions: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "category": self.category.value,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }

    @classmethod
    def from_json(cls, data: dict) -> Issue:
        return cls(
            int(data["start"]),
            int(data["end"]),
            str(data["rule"]),
            Category(data["category"]),
            str(data["message"]),
            tuple(str(s) for s in data["suggestions"]),
        )


class Backend(ABC):
    """A grammar checker kzlint can run: it checks paragraphs and says who it is.

    ``family`` names the backend in finding ids (``GR.<family>.<rule>``);
    ``version`` and ``options`` are part of the cache key, so a new version or
    another dialect never reuses old results. A backend that ``learns_words``
    is told the words the run already accepts and does not flag them, so its
    answer for a paragraph also depends on those of them the paragraph holds.
    """

    family: str
    learns_words: bool = False

    @property
    @abstractmethod
    def version(self) -> str:
        """The backend's version, as its package or server reports it."""

    @property
    @abstractmethod
    def description(self) -> str:
        """One human-readable line for the report, such as "Harper 0.2.0 (offline, en-US)"."""

    @property
    @abstractmethod
    def options(self) -> dict[str, object]:
        """The settings that change what the backend reports (language, picky)."""

    @abstractmethod
    def check(self, texts: Sequence[str], jobs: int, known_words: frozenset[str] = frozenset()) -> list[list[Issue]]:
        """The issues of each text, in the order of ``texts``; ``known_words`` matter only if it ``learns_words``."""

    def unknown_words(self, words: Iterable[str]) -> frozenset[str]:
        """Those of ``words`` the backend's dictionary lacks; asked only of a backend that ``learns_words``."""
        raise NotImplementedError(f"{self.family} is not taught words")

    def near_dictionary(self, words: Iterable[str]) -> frozenset[str]:
        """Those of ``words`` a slip away from a word of the backend's dictionary (see ``names.intended_forms``).

        Asked only of a backend that ``learns_words``; the others give
        suggestions with each spelling finding, which say the same.
        """
        raise NotImplementedError(f"{self.family} is not asked about its dictionary")

    def warm_up(self) -> None:
        """Start, in the background, what the first check would wait for; the run aligns meanwhile."""

    def close(self) -> None:
        """Release what the backend holds, such as a LanguageTool server kzlint started."""


@dataclass(frozen=True)
class GrammarRun:
    """What the grammar stage gives the run: its findings, the backend line for the report, and any failure.

    ``failure`` says why a configured server gave no usable answer; the run
    then has no grammar findings but one GR.unavailable warning, so that
    ``--fail-on warning`` can stop a pipeline that relies on the check.
    """

    findings: list[Finding]
    backend: str | None
    failure: str | None = None
