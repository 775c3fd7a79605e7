"""kzlint's own offline grammar checks, for slips that Harper misses.

They run in the grammar stage next to whichever backend ran, with ids
``GR.kzlint.<Check>``; where a backend flags the same characters, the
backend's finding is kept and kzlint's is dropped, so nothing is reported
twice. Each check is a regular expression over one paragraph plus a few word
lists (the verb forms come from :mod:`linter.grammar.verbs`): cheap,
deterministic, and narrow enough to stay quiet on correct text. Each earns
its place on the benchmark's sentences (``bench/grammar_quality.py``), which
none of them was written from.
"""

from __future__ import annotations

import inspect
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from linter.grammar.issues import Issue
from linter.grammar.verbs import PLAIN_VERBS, base_of_inflected, base_of_participle, is_base_form, third_person
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


_MODALS = "cannot|can|could|will|would|shall|should|may|might|must"
_SUBJECT_PRONOUNS = "I|you|he|she|it|we|they"
_NOT_AFTER_NOUN = frozenset("the a an his her their its my your our this that free own good ill political tin".split())
_ADVERBS = "also|still|never|always|only|really|even|just|hardly|easily|soon|surely|certainly|probably"


class BaseFormAfterModal(OwnCheck):
    """After a modal (can, will, must …) or a negated or questioning do, the verb takes its base form.

    "She can speaks", "they could went", "does he wants", "did not knew":
    the modal or "do" already carries the tense and the person, so the verb
    that follows is bare, and takes no "to" ("we should to leave"). Only
    verbs of kzlint's verb list are judged; "will" or "can" after an article
    or a possessive is a noun ("the will wins") and is left alone, and so
    is "do" as a main verb ("it does wonders").

    **Bad:** The doctor may recommends a short rest, and we should to leave early.
    **Good:** The doctor may recommend a short rest, and we should leave early.
    """

    rule = "BaseFormAfterModal"
    name = "base-form-after-modal"
    _PATTERN = re.compile(
        rf"\b(?:(?P<modal>{_MODALS})(?:n['’]t)?|(?P<do>do|does|did)(?P<negated>n['’]t)?)"
        rf"(?P<not>\s+not)?(?P<subject>\s+(?-i:{_SUBJECT_PRONOUNS}))?(?:\s+(?:{_ADVERBS}))?"
        r"\s+(?:(?P<to>to)\s+(?=[a-z]))?(?P<verb>[a-z]+)\b",
        re.IGNORECASE,
    )

    def find(self, text: str) -> Iterator[Issue]:
        for match in self._PATTERN.finditer(text):
            if not self._is_an_auxiliary(text, match):
                continue
            head = (match.group("modal") or match.group("do")).lower()
            verb = match.group("verb")
            if match.group("to") and is_base_form(verb) and not match.group("subject"):
                yield self.issue(
                    match.start("to"), match.end("to") + 1, f"No “to” after “{head}”: “{head} {verb}”", ""
                )
            elif (base := base_of_inflected(verb)) is not None and verb.lower() != "needs":  # "must needs": needs must
                yield self.issue(
                    match.start("verb"), match.end("verb"),
                    f"After “{head}” the verb takes its base form: “{base}”, not “{verb}”", base,
                )

    @staticmethod
    def _is_an_auxiliary(text: str, match: re.Match[str]) -> bool:
        """Not a noun ("the will", "a can"), not a name ("May", "Will"), not "do" as a main verb."""
        previous = _WORD.findall(text[: match.start()])[-1:]
        if previous and previous[0].lower() in _NOT_AFTER_NOUN:
            return False
        head = match.group("modal") or match.group("do")
        if head in ("May", "Will", "Can") and not match.group("subject"):
            return False
        return bool(match.group("modal") or match.group("negated") or match.group("not") or match.group("subject"))


class DoubledPreposition(OwnCheck):
    """Two prepositions of one meaning side by side: “built upon on”, “jumped onto on”; keep one.

    A slip of rewording: the writer changed "on" to "upon" and kept both.
    Only prepositions that say the same thing are paired (on, upon, onto;
    in, into, within; to, towards; about, regarding; among, between), so
    "came in on Friday" or "out of" are never flagged.

    **Bad:** The new library was built upon on the site of the old market.
    **Good:** The new library was built upon the site of the old market.
    """

    rule = "DoubledPreposition"
    name = "doubled-preposition"
    _GROUPS = (
        frozenset("on upon onto".split()),
        frozenset("in into within inside".split()),
        frozenset("to towards toward unto".split()),
        frozenset("about regarding concerning".split()),
        frozenset("among amongst between".split()),
    )
    _WORDS = "|".join(sorted(frozenset().union(*_GROUPS), key=lambda word: (-len(word), word)))
    # The second word is a look-ahead, so that "upon on in" pairs each neighbour.
    _PATTERN = re.compile(rf"\b({_WORDS})\s+(?=({_WORDS})\b)", re.IGNORECASE)

    def find(self, text: str) -> Iterator[Issue]:
        for match in self._PATTERN.finditer(text):
            first, second = match.group(1).lower(), match.group(2).lower()
            if first != second and any(first in group and second in group for group in self._GROUPS):
                yield self.issue(
                    match.start(1), match.end(2),
                    f"“{first}” and “{second}” say the same; keep one", match.group(1),
                )


class MissingWord(OwnCheck):
    """A word left out of a fixed pattern: “according the report”, “in order buy”, “one the best”.

    Each pattern has only one reading with the word restored: "according"
    and "due" (after a participle) take "to"; "in order", "able" and, before
    a plain verb, "need" and "want" take "to"; "one the best" is "one of the
    best"; a subject pronoun and an -ing verb need "am", "is" or "are".

    **Bad:** She is one the best cooks, and according the forecast I going out.
    **Good:** She is one of the best cooks, and according to the forecast I am going out.
    """

    rule = "MissingWord"
    name = "missing-word"
    _DETERMINER = r"(?:the|a|an|this|that|these|those|his|her|their|our|its|my|your|some|recent|official|\d)\b"
    _SUPERLATIVE = r"(?:most|least|best|worst|first|few|\w+iest|\w{2,}[^s\W]est)\b"
    _PATTERNS = (
        (re.compile(rf"\b(according)\s+(?={_DETERMINER})", re.IGNORECASE), "to", "“according” takes “to”"),
        (re.compile(rf"\b\w+ed\s+(due)\s+(?={_DETERMINER})", re.IGNORECASE), "to", "“due” takes “to” here"),
        (re.compile(rf"\b(one)\s+(?=the\s+{_SUPERLATIVE})", re.IGNORECASE), "of", "“one of the …”"),
    )
    _BEFORE_VERB = re.compile(
        r"\b(in\s+order|(?:un)?able|needs?|needed|wants?|wanted)\s+(?!not\b)([a-z]+)\b", re.IGNORECASE
    )
    _PRONOUN_ING = re.compile(r"\b(I|[Ww]e|[Tt]hey|[Hh]e|[Ss]he)\s+([a-z]+ing)\b")

    def find(self, text: str) -> Iterator[Issue]:
        for pattern, word, message in self._PATTERNS:
            for match in pattern.finditer(text):
                yield self.issue(
                    match.start(1), match.end(1), f"A word is missing: {message}", f"{match.group(1)} {word}"
                )
        for match in self._BEFORE_VERB.finditer(text):
            lead, verb = match.group(1), match.group(2)
            # "need help", "want peace": after these two, only a verb that is never a noun proves a missing "to".
            noun_possible = lead.lower().startswith(("need", "want"))
            if verb.lower() in PLAIN_VERBS or (not noun_possible and is_base_form(verb)):
                message = f"A word is missing: “{lead} to {verb}”"
                yield self.issue(match.start(1), match.end(1), message, f"{lead} to")
        for match in self._PRONOUN_ING.finditer(text):
            base = base_of_participle(match.group(2))
            previous = _WORD.findall(text[: match.start()])[-1:]
            asked = previous and previous[0].lower() in _BE_FORMS  # "Are we going?"
            if base is not None and base not in ("be", "have") and not asked:
                verb = _BE_FOR[match.group(1).lower()]
                yield self.issue(
                    match.start(1), match.end(1),
                    f"A verb is missing: “{match.group(1)} {verb} {match.group(2)}”", f"{match.group(1)} {verb}",
                )


# Words in -s that are singular nouns, so "this news was" is right.
_SINGULAR_IN_S = (
    "news", "series", "species", "means", "whereabouts", "headquarters", "crossroads", "lens", "gas", "yes",
)
_BE_FOR = {"i": "am", "we": "are", "they": "are", "he": "is", "she": "is"}
_BE_FORMS = frozenset("am is are was were isn't aren't wasn't weren't isn’t aren’t wasn’t weren’t".split())


class SubjectVerbAgreement(OwnCheck):
    """The verb agrees with its subject: after “he”, “she”, “it”, across “of”, after “there is”.

    "It seem", "she walk": a verb of kzlint's list, bare after "he", "she"
    or "it", unless a word before makes it bare ("let it go", "does it
    work", "insist that he go"). "Each of the rooms have", "the price of
    apples have": the verb agrees with "each" and "price", not with the
    plural next to it. "There is many reasons": the subject follows, and it
    is plural. Across "of" only a distributive ("each", "either",
    "neither", "one") or a singular head ("the list", "the price", "the
    number" …) is judged.

    **Bad:** Each of the rooms have a view, and there is many reasons to stay.
    **Good:** Each of the rooms has a view, and there are many reasons to stay.
    """

    rule = "SubjectVerbAgreement"
    name = "subject-verb-agreement"
    _SINGULAR = {"have": "has", "are": "is", "were": "was", "do": "does", "don't": "doesn't", "don’t": "doesn’t"}
    _HEADS = "list|price|cost|number|quality|level|rate|value|size|amount|total|lack|supply|use|role|history"
    _OF_PLURAL = re.compile(
        rf"\b(?:(?:each|either|neither|one)\s+of\s+(?:them|us|you|(?:the|these|those|my|our|your|his|her|their|its)"
        rf"(?:\s+[a-z]+)?\s+[a-z]+s)|the\s+(?:{_HEADS})\s+of\s+(?:[a-z]+\s+){{0,2}}?[a-z]+s)"
        r"\s+(have|are|were|do|don['’]t)\b",
        re.IGNORECASE,
    )
    _THERE_IS = re.compile(
        r"\bthere(?:\s+(is|was)|(['’]s))\s+(?=(?:many(?!\s+a\b)|several|numerous|few|various"
        r"|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b)",
        re.IGNORECASE,
    )

    _THIRD_PERSON = re.compile(r"\b(?-i:([Hh]e|[Ss]he|[Ii]t))\s+([a-z]+)\b", re.IGNORECASE)
    # After these, "it" is an object ("let it go", "make it work") or the verb is bare anyway ("does it work").
    _BARE_AFTER = frozenset(
        f"let lets make makes made help helps helped see saw watch hear heard feel felt have has had bid that to "
        f"do does did don't doesn't didn't {_MODALS.replace('|', ' ')} need dare lest".split()
    )

    def find(self, text: str) -> Iterator[Issue]:
        yield from self._bare_verb_after_he_she_it(text)
        for match in self._OF_PLURAL.finditer(text):
            verb = match.group(1)
            right = self._SINGULAR[verb.lower()]
            yield self.issue(
                match.start(1), match.end(1), f"The subject is singular: “{right}”, not “{verb}”", right
            )
        for match in self._THERE_IS.finditer(text):
            right = "were" if (match.group(1) or "").lower() == "was" else "are"
            message = f"The subject that follows is plural: “there {right}”"
            if match.group(1):
                yield self.issue(match.start(1), match.end(1), message, right)
            else:  # "there's": the fix rewrites the contraction, "there are"
                there = text[match.start() : match.start(2)]
                yield self.issue(match.start(), match.end(2), message, f"{there} {right}")


    def _bare_verb_after_he_she_it(self, text: str) -> Iterator[Issue]:
        """"It seem", "she walk": a verb of the list in its base form right after "he", "she" or "it"."""
        for match in self._THIRD_PERSON.finditer(text):
            verb = match.group(2)
            if verb == "be" or not is_base_form(verb):
                continue
            previous = _WORD.findall(text[: match.start()])[-1:]
            if previous and previous[0].lower() in self._BARE_AFTER:
                continue
            right = third_person(verb)
            yield self.issue(
                match.start(2), match.end(2), f"After “{match.group(1)}” the verb takes -s: “{right}”", right
            )


class DeterminerNounAgreement(OwnCheck):
    """A determiner that disagrees in number with its noun, where the verb after the noun confirms the noun's number.

    "This problems were solved", "those bridge was built", "every students
    must": the noun and its verb agree with each other, and the determiner
    is the odd one out. Without the verb the number of a word ending in -s
    is a guess ("this news", "every sports club"), so only determiner, noun
    and a verb that shows number are judged; "that" is left alone, as it is
    often a conjunction ("he said that prices were high").

    **Bad:** This problems were solved, but those bridge was not.
    **Good:** These problems were solved, but that bridge was not.
    """

    rule = "DeterminerNounAgreement"
    name = "determiner-noun-agreement"
    _PLURAL_NOUN = r"[a-z]+(?<![siu])(?<!ic)s"
    _PATTERNS = (
        (re.compile(rf"\b(this|every|each|another)\s+(?!(?:{'|'.join(_SINGULAR_IN_S)})\b)({_PLURAL_NOUN})\s+"
                    r"(?:are|were|have|do|must|can|will|should|may)\b", re.IGNORECASE), "plural", "singular"),
        (re.compile(r"\b(these|those)\s+(?!(?:there|here|who|which|that|alone|also|all|both|only|present|now|then)\b)"
                    r"([a-z]+)(?<!s)\s+(?:is|was|has|does)\b", re.IGNORECASE), "singular", "plural"),
    )
    _FIXES = {
        "this": "these", "every": "all the", "each": "all the", "another": "other", "these": "this", "those": "that",
    }

    def find(self, text: str) -> Iterator[Issue]:
        for pattern, noun_number, determiner_number in self._PATTERNS:
            for match in pattern.finditer(text):
                determiner = match.group(1)
                fix = _capitalised_like(determiner, self._FIXES[determiner.lower()])
                noun = match.group(2)
                yield self.issue(
                    match.start(1), match.end(2),
                    f"“{determiner}” is {determiner_number}, but “{noun}” and its verb are {noun_number}",
                    f"{fix} {noun}",
                )


class MissingArticle(OwnCheck):
    """A job after “is”, “was” or “become” takes an article: “she is a nurse”, not “she is nurse”.

    Languages without articles (Kazakh, Russian, Chinese) say "she is
    nurse", and the calque survives translation. English needs the article
    before a singular countable noun; the check knows only nouns of jobs and
    roles, which are always countable, and leaves alone the posts one person
    holds, which take none ("she became president", "he was captain",
    "she is professor of history", "he was secretary of state").

    **Bad:** Her grandfather was farmer, and she wants to become engineer.
    **Good:** Her grandfather was a farmer, and she wants to become an engineer.
    """

    rule = "MissingArticle"
    name = "missing-article"
    _JOBS = (
        "accountant actor actress architect artist baker carpenter cashier chef cleaner cook dancer dentist "
        "designer diplomat doctor driver economist editor electrician engineer farmer firefighter fisherman "
        "journalist lawyer librarian mechanic musician nurse painter pharmacist photographer pilot "
        "plumber poet policeman policewoman professor programmer reporter researcher sailor scientist "
        "secretary singer soldier student surgeon tailor teacher translator tutor volunteer waiter waitress writer"
    )
    _PATTERN = re.compile(
        r"\b(?:am|is|was|be|been|become|becomes|became|(?:is|was)\s+(?:I|you|he|she|it))"
        rf"\s+({_JOBS.replace(' ', '|')})"
        r"\b(?!['’-])(?!\s+(?:of|to|general)\b)",
        re.IGNORECASE,
    )

    def find(self, text: str) -> Iterator[Issue]:
        for match in self._PATTERN.finditer(text):
            noun = match.group(1)
            article = "an" if noun[0].lower() in "aeiou" else "a"
            yield self.issue(
                match.start(1), match.end(1), f"A singular job or role takes an article: “{article} {noun}”",
                f"{article} {noun}",
            )


class ConfusedWords(OwnCheck):
    """Words that sound alike and are swapped where only one fits: “to loose”, “your welcome”, “it's own”.

    After "to", a modal or a negation, "loose" (slack) stands for the verb
    "lose"; "your" before an article, "not" or "welcome" stands for
    "you're"; "it's own" for "its own". Other pairs (their/there, then/than,
    affect/effect) are Harper's rules.

    **Bad:** Your welcome to stay, but don't loose the key: the house has it's own lock.
    **Good:** You're welcome to stay, but don't lose the key: the house has its own lock.
    """

    rule = "ConfusedWords"
    name = "confused-words"
    _PATTERNS = (
        (
            re.compile(rf"(?:\b(?:to|{_MODALS}|not|never)|n['’]t)\s+(loose)\b", re.IGNORECASE),
            "lose", "“loose” means slack; the verb is “lose”",
        ),
        (
            re.compile(r"\b(your)\s+(?:welcome|a|an|the|not|so|too|always|never)\b", re.IGNORECASE),
            "you're", "“your” is possessive; “you are” is “you're”",
        ),
        (
            re.compile(r"\b(it['’]s)\s+own\b", re.IGNORECASE),
            "its", "“it's” is “it is”; the possessive is “its”",
        ),
    )

    def find(self, text: str) -> Iterator[Issue]:
        for pattern, right, message in self._PATTERNS:
            for match in pattern.finditer(text):
                yield self.issue(match.start(1), match.end(1), message, _capitalised_like(match.group(1), right))


def _capitalised_like(model: str, text: str) -> str:
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


OWN_CHECKS: tuple[OwnCheck, ...] = (
    SpaceBeforePunctuation(),
    SubjectPronounAsObject(),
    QuantifierBeforeMoreAndMore(),
    BaseFormAfterModal(),
    DoubledPreposition(),
    MissingWord(),
    SubjectVerbAgreement(),
    DeterminerNounAgreement(),
    MissingArticle(),
    ConfusedWords(),
)
