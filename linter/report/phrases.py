"""Short phrases both the Markdown and the HTML report say, worded once: counts and line lists."""

from __future__ import annotations

from collections.abc import Sequence

from linter.model import Document, Severity
from linter.triage import Triage


def count(number: int, noun: str) -> str:
    """``1 finding``, ``2 findings``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def severities(counts: dict[Severity, int], upto: Severity = Severity.INFO) -> str:
    """``0 errors, 12 warnings, 3 infos``: the counts of the severities from the worst down to ``upto``."""
    return ", ".join(count(n, s.label) for s, n in counts.items() if s >= upto)


INDEPENDENT_TRANSLATIONS = (
    "A and B read as independent translations of one original, so they are compared by meaning: "
    "where only the wording differs (synonyms, word forms, word order) nothing is listed; "
    "`--show-wording` lists those differences too (KZ121)."
)


def findings_counts(triaged: Triage) -> str:
    """``in A, 0 errors, 12 warnings, 3 infos; in B, …``: the counts of the summary, wording-only ones named if any."""
    wording = f" ({triaged.wording_only} of them wording only)" if triaged.wording_only else ""
    in_b = f"; in B, {severities(triaged.counts('b'))}" if triaged.reference else ""
    return f"in A, {severities(triaged.counts('a'))}{wording}{in_b}"


def size(doc: Document) -> str:
    """How long a text is, the encoding it was read in when that is not UTF-8, and the document it came out of."""
    decoded = f", read as {doc.encoding}" if doc.encoding != "utf-8" else ""
    extracted = f", text read out of {_FORMATS[doc.format]}" if doc.format in _FORMATS else ""
    return f"{count(len(doc.paragraphs), 'paragraph')}, {count(len(doc.sentences), 'sentence')}{decoded}{extracted}"


_FORMATS = {"html": "a web page", "docx": "a Word document", "odt": "an OpenDocument text", "pdf": "a PDF"}


def paragraph_lines(doc: Document, paragraphs: Sequence[int]) -> str:
    """Where paragraphs start: ``line 11`` or ``lines 19, 22``."""
    lines = [doc.position(doc.paragraphs[i].start)[0] for i in paragraphs]
    return f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))
