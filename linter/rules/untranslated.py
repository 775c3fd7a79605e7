"""Text left in another script inside an English rendering (KZ201)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

import regex

from linter.model import Category, Finding, Location, Severity
from linter.rules.base import TextRule, TextUnderCheck
from linter.rules.registry import register

# A word of letters outside the Latin script (letters of no script, such as "µ", do not count);
# words on one line with only spaces and punctuation between them form one run.
_FOREIGN_LETTER = r"[\p{L}--[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]]"
_FOREIGN_WORD = rf"{_FOREIGN_LETTER}(?:[\p{{M}}'’-]*{_FOREIGN_LETTER})*"
_FOREIGN_RUN = regex.compile(rf"{_FOREIGN_WORD}(?:[^\S\n]*\p{{P}}*[^\S\n]+\p{{P}}*{_FOREIGN_WORD})*", regex.V1)
_MIN_LETTERS = 2
_SCRIPT_ALIASES = {"CJK": "Han"}


@register
class UntranslatedText(TextRule):
    """Words in a non-Latin script inside an English text: text the translation left behind.

    A site's label in its own language ("Опубликовано", "Читайте также"), a
    name pasted from the source in Cyrillic or Chinese characters: readers of
    the English text cannot read it, and it is usually a copy-and-paste
    leftover. The rule reads every line, labels and captions included, and
    reports each run of consecutive foreign-script words once, naming the
    script. A lone letter (a Greek "α" in a formula) is not reported.
    Untranslated words in Latin transliteration ("akim", "maslikhat") are left
    to rule files, which can list the terms a newsroom keeps or translates.

    **Bad:** "Читайте также" on a line of its own at the end of an English article.

    **Good:** "Read also", or the line removed.
    """

    id = "KZ201"
    name = "untranslated-text"
    category = Category.UNTRANSLATED
    severity = Severity.WARNING

    def check_text(self, text: TextUnderCheck) -> Iterator[Finding]:
        doc = text.doc
        for run in _FOREIGN_RUN.finditer(doc.text):
            letters = [c for c in run.group() if c.isalpha()]
            if len(letters) < _MIN_LETTERS:
                continue
            yield self.finding(
                f'untranslated {scripts_of(letters)} text "{run.group()}"',
                Location.of(text.side, doc, run.start(), run.end()),
                suggestion="translate it or remove it",
            )


def scripts_of(letters: Iterable[str]) -> str:
    """The scripts of some letters as Unicode names them, in order of appearance: "Cyrillic", "Han and Hiragana"."""
    names = list(dict.fromkeys(_script(letter) for letter in letters))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _script(letter: str) -> str:
    first_word = unicodedata.name(letter, "UNKNOWN").split()[0]
    return _SCRIPT_ALIASES.get(first_word, first_word.capitalize())
