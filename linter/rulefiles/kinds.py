"""The rule types a rule file can declare: pattern, substitution, terminology, consistency and script.

Each type is a small class: the keys it reads (checked when the file is
loaded, so a mistake is reported at its line) and a check that yields
findings. Phrases are regular expressions; see :mod:`linter.rulefiles.phrases`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter.model import Category, Document, Finding, Location, Sentence
from linter.rulefiles.nodes import Fields
from linter.rulefiles.phrases import (
    Matcher,
    any_phrase,
    compile_matcher,
    first_uncovered,
    inside_any,
    phrase_expression,
    shown,
)
from linter.rulefiles.spec import FilePairRule, FileTextRule, RuleSpec, checked_matcher, item_nodes
from linter.rules.base import Comparison, LinkedPassage, TextUnderCheck

TEXT_SCOPES = ("each", "a", "b")
Span = tuple[int, int]


class PatternRule(FileTextRule):
    """Text that must not occur: a regular expression (``pattern``) or a list of phrases (``words``)."""

    kind = "pattern"
    fields = frozenset({"pattern", "words", "exceptions"})
    placeholders = frozenset({"match"})
    default_category = Category.CUSTOM
    scopes = TEXT_SCOPES

    def __init__(self, spec: RuleSpec, expression: str, exceptions: str | None) -> None:
        super().__init__(spec)
        self.expression = expression
        self.matcher = self.phrase_matcher(expression)
        self.exceptions = self.phrase_matcher(exceptions) if exceptions else None

    @classmethod
    def build(cls, spec: RuleSpec, fields: Fields) -> PatternRule:
        if ("pattern" in fields) == ("words" in fields):
            raise fields.place.error(
                fields.node,
                f"{fields.what}: give either 'pattern' (a regular expression) or 'words' (a list of phrases)",
            )
        if "pattern" in fields:
            expression = checked_matcher(fields, fields.value("pattern"), "pattern", fields.text("pattern"), spec)
        else:
            expression = phrase_list(fields, "words", spec)
        exceptions = phrase_list(fields, "exceptions", spec) if "exceptions" in fields else None
        return cls(spec, expression, exceptions)

    def details(self) -> list[str]:
        return [*super().details(), f"Matches: {self.expression}"]

    def check_text(self, text: TextUnderCheck) -> Iterator[Finding]:
        doc = text.doc
        allowed = self.exceptions.spans(doc.text) if self.exceptions else []
        for start, end in first_uncovered(self.matcher.spans(doc.text)):
            if not inside_any((start, end), allowed):
                yield self.finding(
                    self.message(match=shown(doc.text[start:end])), Location.of(text.side, doc, start, end)
                )


class SubstitutionRule(FileTextRule):
    """Discouraged phrases and what to write instead (``swap``); the finding suggests the preferred form."""

    kind = "substitution"
    fields = frozenset({"swap"})
    placeholders = frozenset({"match", "preferred"})
    default_category = Category.TERMINOLOGY
    scopes = TEXT_SCOPES

    def __init__(self, spec: RuleSpec, swaps: Sequence[tuple[str, str]]) -> None:
        super().__init__(spec)
        self.swaps = tuple(swaps)
        self.matchers = tuple((self.phrase_matcher(phrase_expression(d, spec.whole_words)), p) for d, p in swaps)

    @classmethod
    def build(cls, spec: RuleSpec, fields: Fields) -> SubstitutionRule:
        table = fields.mapping("swap")
        if not table.entries:
            raise fields.error("swap", "'swap' must map at least one discouraged phrase to its preferred form")
        swaps = []
        for discouraged in table:
            checked_matcher(fields, table.key_node(discouraged), "swap", discouraged, spec)
            swaps.append((discouraged, table.text(discouraged)))
        return cls(spec, swaps)

    def details(self) -> list[str]:
        return [*super().details(), *(f"  {discouraged} -> {preferred}" for discouraged, preferred in self.swaps)]

    def check_text(self, text: TextUnderCheck) -> Iterator[Finding]:
        doc = text.doc
        preferred_at: dict[Span, str] = {}
        for matcher, preferred in self.matchers:
            for span in matcher.spans(doc.text):
                preferred_at.setdefault(span, preferred)
        for start, end in first_uncovered(list(preferred_at)):
            found = shown(doc.text[start:end])
            preferred = same_case(preferred_at[(start, end)], found)
            if self._same(found, preferred):
                continue
            yield self.finding(
                self.message(match=found, preferred=preferred),
                Location.of(text.side, doc, start, end),
                suggestion=preferred,
            )

    def _same(self, found: str, preferred: str) -> bool:
        """A swap whose preferred form its own pattern matches must not flag the preferred form."""
        return found.casefold() == preferred.casefold() if self.spec.ignorecase else found == preferred


@dataclass(frozen=True)
class Concept:
    """One glossary entry: what B (the reference) says, what A must say for it, and known wrong renderings."""

    a: Matcher
    b: Matcher
    variants: Matcher
    preferred: str
    description: str


class TerminologyRule(FilePairRule):
    """Terms that must correspond across the renderings, and that one text must not render two ways.

    Where a sentence of B has a concept's ``b`` term and the aligned A sentence
    uses one of its ``variants`` instead of the ``a`` term, the rule flags the
    variant. A linked A sentence with neither is left alone: it may have
    dropped or paraphrased the term, which the comparison rules report.
    Inside each text, a concept written both as its own term and as a
    variant (or as two variants) is flagged at the less established form.
    """

    kind = "terminology"
    fields = frozenset({"terms"})
    placeholders = frozenset({"match", "preferred", "b"})
    default_category = Category.TERMINOLOGY
    scopes = ("pair",)

    def __init__(self, spec: RuleSpec, terms: Sequence[tuple[list[str], list[str], list[str]]]) -> None:
        super().__init__(spec)
        whole = spec.whole_words
        self.concepts = tuple(
            Concept(
                self.phrase_matcher(any_phrase(a, whole)),
                self.phrase_matcher(any_phrase(b, whole)),
                self.phrase_matcher(any_phrase(variants, whole)),
                a[0],
                f"  B {' / '.join(b)} -> A {' / '.join(a)} (not {' / '.join(variants)})",
            )
            for a, b, variants in terms
        )

    @classmethod
    def build(cls, spec: RuleSpec, fields: Fields) -> TerminologyRule:
        terms = []
        for node in fields.sequence("terms"):
            term = fields.place.mapping(node, f"{fields.what}: term")
            term.reject_unknown(frozenset({"a", "b", "variants"}))
            terms.append(tuple(phrase_items(term, key, spec) for key in ("a", "b", "variants")))
        if not terms:
            raise fields.error("terms", "'terms' must list at least one term")
        return cls(spec, terms)

    def details(self) -> list[str]:
        return [*super().details(), *(concept.description for concept in self.concepts)]

    def check_pair(self, pair: Comparison) -> Iterator[Finding]:
        for concept in self.concepts:
            a, b = (
                Renderings.of(pair.a, concept.a, concept.variants),
                Renderings.of(pair.b, concept.b, concept.variants),
            )
            flagged: set[Span] = set()
            for passage in pair.linked_passages():
                yield from self._diverging(pair, passage, concept, a, b, flagged)
            yield from self._two_renderings("a", pair.a, a, flagged)
            yield from self._two_renderings("b", pair.b, b, set())

    def _diverging(
        self,
        pair: Comparison,
        passage: LinkedPassage,
        concept: Concept,
        a: Renderings,
        b: Renderings,
        flagged: set[Span],
    ) -> Iterator[Finding]:
        b_terms = within(b.own, passage.b)
        if not b_terms or within(a.own, passage.a):
            return
        b_term = Location.of("b", pair.b, *b_terms[0])
        for span in within(a.variants, passage.a):
            if span in flagged:
                continue
            flagged.add(span)
            yield self.finding(
                self.message(
                    match=shown(pair.a.text[span[0] : span[1]]), preferred=concept.preferred, b=shown(b_term.text)
                ),
                Location.of("a", pair.a, *span),
                b_term,
                suggestion=concept.preferred,
            )

    def _two_renderings(self, side: str, doc: Document, found: Renderings, flagged: set[Span]) -> Iterator[Finding]:
        hits = sorted(
            [(span, "") for span in found.own]
            + [(span, shown(doc.text[slice(*span)]).casefold()) for span in found.variants]
        )
        renderings = Counter(key for _, key in hits)
        if len(renderings) < 2:
            return
        established = "" if found.own else renderings.most_common(1)[0][0]
        example = shown(doc.text[slice(*next(span for span, key in hits if key == established))])
        for span, key in hits:
            if key != established and span not in flagged:
                odd = shown(doc.text[slice(*span)])
                yield self.finding(
                    f'one concept rendered two ways in this text: "{odd}" here, "{example}" elsewhere',
                    Location.of(side, doc, *span),
                )


@dataclass(frozen=True)
class Renderings:
    """Where one text uses a concept's own term and where its variants (outside the term), searched once per text."""

    own: list[Span]
    variants: list[Span]

    @classmethod
    def of(cls, doc: Document, own: Matcher, variants: Matcher) -> Renderings:
        own_spans = own.spans(doc.text)
        return cls(own_spans, [span for span in variants.spans(doc.text) if not inside_any(span, own_spans)])


def within(spans: Sequence[Span], sentences: Sequence[Sentence]) -> list[Span]:
    """The spans that lie inside one of the sentences."""
    return [span for span in spans if any(s.start <= span[0] and span[1] <= s.end for s in sentences)]


class ConsistencyRule(FileTextRule):
    """Variants of which one text (or, with ``across: sources``, every source) must use only one."""

    kind = "consistency"
    fields = frozenset({"variants", "across"})
    placeholders = frozenset({"match", "preferred", "where"})
    default_category = Category.TERMINOLOGY
    scopes = TEXT_SCOPES

    def __init__(self, spec: RuleSpec, variants: Sequence[str], across: str) -> None:
        super().__init__(spec)
        self.variants = tuple(variants)
        self.across = across
        self.matchers = tuple(self.phrase_matcher(phrase_expression(v, spec.whole_words)) for v in variants)

    @classmethod
    def build(cls, spec: RuleSpec, fields: Fields) -> ConsistencyRule:
        variants = phrase_items(fields, "variants", spec)
        if len(variants) < 2:
            raise fields.error("variants", "'variants' must list at least two phrases")
        return cls(spec, variants, fields.choice("across", ("text", "sources"), "text"))

    def details(self) -> list[str]:
        where = "one text" if self.across == "text" else "all sources (the text and its companions)"
        return [*super().details(), f"Use only one of these in {where}:", *(f"  {v}" for v in self.variants)]

    def check_text(self, text: TextUnderCheck) -> Iterator[Finding]:
        doc = text.doc
        uses = self._uses(doc)
        used = [i for i, spans in enumerate(uses) if spans]
        if len(used) >= 2:
            established = max(used, key=lambda i: (len(uses[i]), -uses[i][0][0]))
            example = shown(doc.text[slice(*uses[established][0])])
            for i in used:
                if i != established:
                    yield from self._flag(text, uses[i], example, "this text")
        elif used and self.across == "sources":
            yield from self._against_companions(text, used[0], uses[used[0]])

    def _uses(self, doc: Document) -> list[list[Span]]:
        """The spans of each variant, a longer variant winning where two overlap."""
        spans = [matcher.spans(doc.text) for matcher in self.matchers]
        kept = set(first_uncovered([span for found in spans for span in found]))
        return [[span for span in found if span in kept] for found in spans]

    def _against_companions(self, text: TextUnderCheck, mine: int, my_spans: list[Span]) -> Iterator[Finding]:
        """Flag this text's variant where other sources agree on another one."""
        others: dict[int, list[tuple[Document, list[Span]]]] = {}
        for companion in text.companions:
            for i, spans in enumerate(self._uses(companion)):
                if i != mine and spans:
                    others.setdefault(i, []).append((companion, spans))
        if not others:
            return
        chosen = max(others, key=lambda i: (len(others[i]), -i))
        # The wording the other sources use most often ("partnership", not a one-off "partner").
        wordings = Counter(shown(doc.text[slice(*span)]) for doc, spans in others[chosen] for span in spans)
        names = ", ".join(sorted(doc.path.name for doc, _ in others[chosen]))
        yield from self._flag(text, my_spans, wordings.most_common(1)[0][0], names)

    def _flag(self, text: TextUnderCheck, spans: list[Span], preferred: str, where: str) -> Iterator[Finding]:
        for start, end in spans:
            yield self.finding(
                self.message(match=shown(text.doc.text[start:end]), preferred=preferred, where=where),
                Location.of(text.side, text.doc, start, end),
            )


class ScriptRule(FileTextRule):
    """Letters of scripts that should not appear in this rendering, in runs of words or inside Latin words.

    Scripts are Unicode script names; ``ignorecase`` and ``whole_words`` do not apply.
    """

    kind = "script"
    fields = frozenset({"scripts", "min_letters", "mixed_words"})
    placeholders = frozenset({"match", "script"})
    default_category = Category.UNTRANSLATED
    scopes = TEXT_SCOPES
    reads_phrases = False

    def __init__(self, spec: RuleSpec, scripts: Sequence[str], min_letters: int, mixed_words: bool) -> None:
        super().__init__(spec)
        self.scripts = tuple(scripts)
        self.min_letters = min_letters
        self.mixed_words = mixed_words
        # Case folding would turn the micro sign into a Greek mu, so scripts are matched as written.
        self.matcher = compile_matcher(script_expression(scripts, mixed_words), False, spec.origin)
        self.script_matchers = tuple(
            (name, compile_matcher(rf"\p{{Script={name}}}", False, spec.origin)) for name in scripts
        )

    @classmethod
    def build(cls, spec: RuleSpec, fields: Fields) -> ScriptRule:
        scripts = []
        for node in item_nodes(fields, "scripts"):
            name = fields.place.text(node, f"{fields.what}: 'scripts'")
            try:
                compile_matcher(rf"\p{{Script={name}}}", False, spec.origin)
            except ValueError:
                raise fields.place.error(
                    node,
                    f"{fields.what}: unknown script '{name}' (Unicode script names: Cyrillic, Greek, Han, Arabic, ...)",
                ) from None
            scripts.append(name)
        min_letters = fields.integer("min_letters", 1, minimum=1)
        return cls(spec, scripts, min_letters, fields.boolean("mixed_words", False))

    def details(self) -> list[str]:
        where = (
            "inside words that also have Latin letters"
            if self.mixed_words
            else f"in runs of at least {self.min_letters} letters"
        )
        return [*super().details(), f"Flags letters of {', '.join(self.scripts)} {where}."]

    def check_text(self, text: TextUnderCheck) -> Iterator[Finding]:
        doc = text.doc
        if not self._may_occur_in(doc.text):
            return
        for start, end in self.matcher.spans(doc.text):
            found = doc.text[start:end]
            if not self.mixed_words and sum(c.isalpha() for c in found) < self.min_letters:
                continue
            scripts = [name for name, matcher in self.script_matchers if matcher.found_in(found)]
            yield self.finding(
                self.message(match=shown(found), script=" and ".join(scripts)),
                Location.of(text.side, doc, start, end),
            )


    def _may_occur_in(self, text: str) -> bool:
        """Whether the text has a letter of the scripts at all: one quick scan before the full search.

        Looking inside every word for a look-alike letter costs a second on a
        book; a text in plain ASCII has none of another script's letters.
        """
        if text.isascii() and not {"Latin", "Common"} & set(self.scripts):
            return False
        return any(matcher.found_in(text) for _, matcher in self.script_matchers)


def script_expression(scripts: Sequence[str], mixed_words: bool) -> str:
    """Runs of words in the scripts, or (``mixed_words``) words mixing them with Latin letters."""
    letter = "(?=\\p{L})[" + "".join(rf"\p{{Script={name}}}" for name in scripts) + "]"
    if mixed_words:
        return rf"(?<!\w)(?=\w*{letter})(?=\w*\p{{Script=Latin}})\w+(?!\w)"
    word = rf"{letter}(?:[\p{{M}}'’-]*{letter})*"
    return rf"{word}(?:[^\S\n]+{word})*"


def phrase_items(fields: Fields, key: str, spec: RuleSpec) -> list[str]:
    """The phrases under ``key`` (one or a list), each checked and blamed at its own line."""
    return [
        checked_matcher(fields, node, key, fields.place.text(node, f"{fields.what}: '{key}'"), spec)
        for node in item_nodes(fields, key)
    ]


def phrase_list(fields: Fields, key: str, spec: RuleSpec) -> str:
    """One expression for all the phrases under ``key``."""
    return any_phrase(phrase_items(fields, key, spec), spec.whole_words)


def same_case(preferred: str, found: str) -> str:
    """Capitalise the suggestion when the flagged text starts a sentence with a capital."""
    if found[:1].isupper() and preferred[:1].islower():
        return preferred[0].upper() + preferred[1:]
    return preferred


RULE_TYPES: dict[str, type[PatternRule | SubstitutionRule | TerminologyRule | ConsistencyRule | ScriptRule]] = {
    rule_type.kind: rule_type
    for rule_type in (PatternRule, SubstitutionRule, TerminologyRule, ConsistencyRule, ScriptRule)
}
