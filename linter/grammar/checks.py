"""kzlint's own offline grammar checks, for slips that Harper misses.

They run in the grammar stage next to whichever backend ran, with ids
``GR.kzlint.<Check>``; where a backend flags the same characters, the
backend's finding is kept and kzlint's is dropped, so nothing is reported
twice. Each check is a regular expression over one paragraph plus a few word
lists: cheap, deterministic, and narrow enough to stay quiet on correct text.
"""

from __future__ import annotations

import inspect
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from linter.grammar.issues import Issue
from linter.model import Category, Severity
from linter.rules.base import RuleInfo

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class OwnCheck(ABC):
    """A grammar check of kzlint's own; the docstring is its documentation, with Bad and Good examples."""

    rule: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category] = Category.GRAMMAR
    severity: ClassVar[Severity] = Severity.WARNING

    @abstractmethod
    def find(self, text: str) -> Iterator[Issue]:
        """The slips in one paragraph; offsets are code points into ``text``."""

    @classmethod
    def info(cls) -> RuleInfo:
        doc = inspect.cleandoc(cls.__doc__ or "")
        return RuleInfo(
            f"GR.kzlint.{cls.rule}", cls.name, cls.category, cls.severity, doc.splitlines()[0],
            "grammar stage (kzlint)", "each", doc,
        )

    def issue(self, start: int, end: int, message: str, suggestion: str) -> Issue:
        return Issue(start, end, self.rule, self.category, message, (suggestion,))


class SpaceBeforePunctuation(OwnCheck):
    """No space goes before a comma, semicolon, colon, full stop, question or exclamation mark.

    A space before punctuation is a typing slip that survives proofreading
    because the eye skips it; in print it leaves the mark hanging. Harper
    catches it before a comma and at the end of a sentence, not before a
    colon, a semicolon or a closing bracket. Ellipses and numbers
    ("score 2 : 1") are left alone.

    **Bad:** It covers trade, investment , energy and mining .
    **Good:** It covers trade, investment, energy and mining.
    """

    rule = "SpaceBeforePunctuation"
    name = "space-before-punctuation"
    _PATTERN = re.compile(r"(?<=[^\W\d_])[ \t\u00a0]+(?=[,;:!?](?!\w)|\.(?![.\w])|[)\]])")

    def find(self, text: str) -> Iterator[Issue]:
        for match in self._PATTERN.finditer(text):
            mark = text[match.end()]
            yield self.issue(match.start(), match.end(), f"Remove the space before “{mark}”", "")


class SubjectPronounAsObject(OwnCheck):
    """“X and I” used as an object: after a preposition or before “to”, write “X and me”.

    “I” is the subject form. After a preposition (“between you and I”) or as
    the one who does what follows “to” (“allow Tokayev and I to increase”),
    English takes the object form, as it would without the other name:
    “between us”, “allow me to”. The check stays quiet where “X and I” is
    the subject of a verb (“Tokayev and I agreed”).

    **Bad:** The visit will allow President Tokayev and I to increase trade.
    **Good:** The visit will allow President Tokayev and me to increase trade.
    """

    rule = "SubjectPronounAsObject"
    name = "subject-pronoun-as-object"
    _BEFORE_TO = re.compile(r"\band (I)(?= to [^\W\d_])")
    _AFTER_PREPOSITION = re.compile(
        r"\b(between|for|with|to|from|by|about|against|like|among|without|of|on|at|upon|towards?|"
        r"behind|beside|besides|except)((?:\s+[^\W\d_][\w'’-]*){0,4}?)\s+and (I)(?=\s*(?:[,.;:!?)]|$))",
        re.IGNORECASE,
    )

    def find(self, text: str) -> Iterator[Issue]:
        for match in self._BEFORE_TO.finditer(text):
            yield self.issue(
                match.start(1), match.end(1),
                "“I” is the subject form; as the one who does what follows “to”, write “me” (“allow X and me to …”)",
                "me",
            )
        for match in self._AFTER_PREPOSITION.finditer(text):
            if match.group(3) != "I":
                continue
            preposition = match.group(1).lower()
            yield self.issue(
                match.start(3), match.end(3),
                f"“I” is the subject form; after the preposition “{preposition}”, write “me”",
                "me",
            )


class QuantifierBeforeMoreAndMore(OwnCheck):
    """“all more and more …”: two quantifiers on one noun; keep “more and more”.

    “More and more” already says how many; putting “all”, “many” or “some”
    in front stacks two quantifiers, a calque that reads as a slip in English.
    After a linking verb (“prices are all more and more expensive”) “all”
    belongs to the subject and is left alone.

    **Bad:** All more and more high-quality products are reaching the Chinese table.
    **Good:** More and more high-quality products are reaching the Chinese table.
    """

    rule = "QuantifierBeforeMoreAndMore"
    name = "quantifier-before-more-and-more"
    _PATTERN = re.compile(r"\b(all|each|every|many|most|some|any)\s+((more|less|fewer)\s+and\s+\3)\b", re.IGNORECASE)
    _LINKING_VERBS = frozenset(
        "am is are was were be been being become becomes became get gets got grow grows grew "
        "seem seems seemed look looks looked".split()
    )

    def find(self, text: str) -> Iterator[Issue]:
        for match in self._PATTERN.finditer(text):
            previous = _WORD.findall(text[: match.start()])[-1:]
            if previous and previous[0].lower() in self._LINKING_VERBS:
                continue
            quantifier, phrase = match.group(1), match.group(2)
            yield self.issue(
                match.start(), match.end(),
                f"“{quantifier}” and “{phrase}” both say how many; keep one: “{phrase}”",
                _capitalised_like(quantifier, phrase),
            )


def _capitalised_like(model: str, text: str) -> str:
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


OWN_CHECKS: tuple[OwnCheck, ...] = (SpaceBeforePunctuation(), SubjectPronounAsObject(), QuantifierBeforeMoreAndMore())
