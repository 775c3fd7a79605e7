"""The Markdown report: written for an editor reading top to bottom, not for a developer.

Order: what was compared and how much of B the rendering covers; the aligned
passages side by side with the differences marked; what only one side has;
then every finding with its ``file:line:column``. All text taken from the
renderings is escaped, so a ``|`` or a ``*`` in an article cannot break a table
or start emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from linter.diffing import WordChange
from linter.engine import RunResult
from linter.model import AlignedGroup, Document, Finding, Location, ParagraphKind, Severity

# Characters that end a line somewhere (a table row must stay one line), and other controls.
_LINE_BREAKS = "\n\r\t\x0b\x0c\x85\u2028\u2029"
_CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]
_FLAT = {ord(c): " " if c in _LINE_BREAKS else "\ufffd" for c in [*_CONTROLS, "\u2028", "\u2029"]}
# Every character that Markdown or HTML would read as markup, with what stands for it literally;
# one str.translate applies them all in one pass (a report of a book escapes a million strings).
_ESCAPES = str.maketrans(
    {
        **_FLAT,
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{c: "\\" + c for c in "\\`*_{}[]()#+!|~-"},
    }
)
# Most strings have none of those characters: one search tells, faster than translating them.
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")
_CODE = str.maketrans({**_FLAT, "`": "'"})
_LONG_TEXT = 400
_KIND_NAMES = {
    ParagraphKind.HEADING: "heading",
    ParagraphKind.BOILERPLATE: "boilerplate",
    ParagraphKind.EDITORIAL: "editorial",
    ParagraphKind.BODY: "body",
    ParagraphKind.QUOTE: "quote",
}


def escape(text: str) -> str:
    """Make renderings' text literal in Markdown: no emphasis, links, tables, HTML or broken lines.

    Line and paragraph separators become spaces, other control characters a visible mark.
    """
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def render_markdown(results: Sequence[RunResult]) -> str:
    if len(results) == 1 and results[0].b is not None:
        lines = list(_comparison(results[0]))
    else:
        lines = ["# kzlint check", ""]
        for result in results:
            lines.extend(_single_text(result))
    return "\n".join(lines).rstrip("\n") + "\n"


def _comparison(result: RunResult) -> Iterator[str]:
    assert result.b is not None and result.alignment is not None
    a, b = result.a, result.b
    yield f"# kzlint report: {escape(a.path.name)} compared with {escape(b.path.name)}"
    yield ""
    yield f"- **A**, the rendering under review: `{_code(a.label)}` ({_size(a)})"
    yield f"- **B**, the reference: `{_code(b.label)}` ({_size(b)})"
    yield ""
    yield from _summary(result)
    yield from _passages(result)
    yield from _uncovered(b, result.alignment.unaligned_b, "Not rendered in A", "B")
    yield from _uncovered(a, result.alignment.unaligned_a, "Only in A", "A")
    yield from _findings(result)
    if result.facts is not None:
        from linter.report.facts import facts_section

        yield from facts_section(result.facts)


def _single_text(result: RunResult) -> Iterator[str]:
    yield f"## {escape(result.a.label)}"
    yield ""
    yield f"{_size(result.a)}. {_counts_sentence(result)}"
    yield ""
    grammar = _grammar_line(result)
    if grammar:
        yield f"Grammar and spelling: {grammar}"
        yield ""
    yield from _findings(result, level=3)


def _grammar_line(result: RunResult) -> str | None:
    """How grammar was checked, or why it was not; nothing when the run switched it off."""
    if result.grammar_failure:
        return f"not checked: {escape(result.grammar_failure)}. This report has no grammar or spelling findings."
    if result.grammar_backend:
        return f"checked with {escape(result.grammar_backend)}."
    return None


def _size(doc: Document) -> str:
    decoded = f", read as {doc.encoding}" if doc.encoding != "utf-8" else ""
    extracted = f", text read out of {_FORMATS[doc.format]}" if doc.format in _FORMATS else ""
    return f"{_count(len(doc.paragraphs), 'paragraph')}, {_count(len(doc.sentences), 'sentence')}{decoded}{extracted}"


_FORMATS = {"html": "a web page", "docx": "a Word document", "odt": "an OpenDocument text", "pdf": "a PDF"}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _code(text: str) -> str:
    """Text for a code span (a file name): no backtick can close it early, no line break can end it."""
    return text.translate(_CODE)


INDEPENDENT_TRANSLATIONS = (
    "A and B read as independent translations of one original, so they are compared by meaning: "
    "where only the wording differs (synonyms, word forms, word order) nothing is listed; "
    "`--show-wording` lists those differences too (KZ121)."
)


def _summary(result: RunResult) -> Iterator[str]:
    summary, alignment = result.summary, result.alignment
    assert alignment is not None
    yield "## Summary"
    yield ""
    coverage = f"{summary.coverage_of_b:.0%}" if summary.coverage_of_b is not None else "n/a"
    passages = _count(summary.aligned_groups, "aligned passage")
    yield f"- **Coverage:** A renders {coverage} of the content of B, in {passages}."
    if summary.related is False:
        yield (
            "- **Not renderings of one text:** almost nothing aligns, so the comparison findings are left out "
            "(see KZ100); check that these are the files to compare, and in the same language."
        )
    if summary.independent_translations:
        yield f"- **Two translations:** {INDEPENDENT_TRANSLATIONS}"
    yield f"- **Not rendered in A:** {_paragraph_count(result.b, alignment.unaligned_b)} of B."
    yield f"- **Only in A:** {_paragraph_count(result.a, alignment.unaligned_a)} of A."
    grammar = _grammar_line(result)
    if grammar:
        yield f"- **Grammar and spelling:** {grammar}"
    yield f"- **Findings:** {_counts_sentence(result)}"
    yield ""
    if summary.findings_by_category:
        yield "| Category | Findings |"
        yield "|---|---:|"
        for category, count in summary.findings_by_category.items():
            yield f"| {category} | {count} |"
        yield ""


def _counts_sentence(result: RunResult) -> str:
    counts = result.summary.findings_by_severity
    parts = [f"{counts[s.label]} {s.label}{'s' if counts[s.label] != 1 else ''}" for s in sorted(Severity, reverse=True)]
    return ", ".join(parts) + "."


def _paragraph_count(doc: Document | None, indices: Sequence[int]) -> str:
    assert doc is not None
    kinds: dict[str, int] = {}
    for index in indices:
        name = _KIND_NAMES[doc.paragraphs[index].kind]
        kinds[name] = kinds.get(name, 0) + 1
    detail = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    return _count(len(indices), "paragraph") + (f" ({detail})" if detail else "")


def _passages(result: RunResult) -> Iterator[str]:
    assert result.b is not None and result.alignment is not None
    yield "## Aligned passages"
    yield ""
    yield (
        "In each passage, **bold** words are worded differently in A and B; ~~struck~~ words of B "
        "have no counterpart in A; a dash marks a sentence that one side does not render."
    )
    yield ""
    for number, group in enumerate(result.alignment.groups, start=1):
        yield from _passage(number, group, result)


def _passage(number: int, group: AlignedGroup, result: RunResult) -> Iterator[str]:
    a, b = result.a, result.b
    assert b is not None
    yield f"### Passage {number}: A {_lines(a, group.a)} and B {_lines(b, group.b)} (similarity {group.score:.2f})"
    yield ""
    yield f"| A: {escape(a.path.name)} | B: {escape(b.path.name)} |"
    yield "|---|---|"
    for a_ids, b_ids in _rows(group, a, b):
        changes = result.word_changes.get((a_ids, b_ids), ()) if a_ids and b_ids else ()
        left = _marked(a, a_ids, changes, "a") if a_ids else "—"
        right = _marked(b, b_ids, changes, "b") if b_ids else "—"
        yield f"| {left} | {right} |"
    yield ""


def _lines(doc: Document, paragraphs: Sequence[int]) -> str:
    lines = [doc.position(doc.paragraphs[i].start)[0] for i in paragraphs]
    return f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))


def _rows(group: AlignedGroup, a: Document, b: Document) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Table rows in B's order: linked sentences side by side, unlinked ones alone."""
    linked_b = {i: link for link in group.sentences for i in link.b}
    linked_a = {i for link in group.sentences for i in link.a}
    rows: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for paragraph in group.b:
        for sentence in b.paragraphs[paragraph].sentences:
            link = linked_b.get(sentence.index)
            if link is None:
                rows.append(((), (sentence.index,)))
            elif sentence.index == link.b[0]:
                rows.append((link.a, link.b))
    orphans = [s.index for p in group.a for s in a.paragraphs[p].sentences if s.index not in linked_a]
    rows.extend(((index,), ()) for index in orphans)
    return rows


def _marked(doc: Document, sentence_ids: Sequence[int], changes: Sequence[WordChange], side: str) -> str:
    """The sentences' text with the changed words marked on this side."""
    sentences = doc.sentences
    pieces = []
    for index in sentence_ids:
        sentence = sentences[index]
        pieces.append(_mark_span(doc.text, sentence.start, sentence.end, changes, side))
    return " ".join(pieces)


def _mark_span(text: str, start: int, end: int, changes: Sequence[WordChange], side: str) -> str:
    out: list[str] = []
    cursor = start
    for change in changes:
        lo, hi = (change.a_start, change.a_end) if side == "a" else (change.b_start, change.b_end)
        if change.kind == "equal" or hi <= lo or lo < cursor or hi > end or lo < start:
            continue
        out.append(escape(text[cursor:lo]))
        struck = side == "b" and change.kind == "insert"
        marker = "~~" if struck else "**"
        out.append(f"{marker}{escape(text[lo:hi])}{marker}")
        cursor = hi
    out.append(escape(text[cursor:end]))
    return "".join(out)


def _uncovered(doc: Document, indices: Sequence[int], title: str, side: str) -> Iterator[str]:
    if not indices:
        return
    yield f"## {title}"
    yield ""
    for index in indices:
        paragraph = doc.paragraphs[index]
        line = doc.position(paragraph.start)[0]
        kind = _KIND_NAMES[paragraph.kind]
        yield f"- {side} line {line} ({kind}): {escape(_shorten(paragraph.text))}"
    yield ""


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _LONG_TEXT else flat[: _LONG_TEXT - 1].rstrip() + "…"


def _findings(result: RunResult, level: int = 2) -> Iterator[str]:
    heading = "#" * level
    yield f"{heading} Findings"
    yield ""
    if not result.findings:
        yield "No findings."
        yield ""
        return
    files = _files(result)
    for severity in sorted(Severity, reverse=True):
        findings = [f for f in result.findings if f.severity is severity]
        if not findings:
            continue
        yield f"{heading}# {severity.label.capitalize()} ({len(findings)})"
        yield ""
        for finding in findings:
            yield from _finding(finding, files)
        yield ""


def _files(result: RunResult) -> dict[str, tuple[str, str]]:
    """For each side a finding may name: its label and its file as a code span shows it (built once)."""
    compared = result.b is not None
    b = result.b if result.b is not None else result.a
    return {
        "a": ("A" if compared else "Text", _code(result.a.label)),
        "b": ("B", _code(b.label)),
    }


def _finding(finding: Finding, files: dict[str, tuple[str, str]]) -> Iterator[str]:
    first = finding.locations[0] if finding.locations else None
    place = f"`{_place(first, files)}` " if first else ""
    yield f"- {place}**{escape(finding.rule)}** ({finding.category.value}): {escape(finding.message)}"
    for location in finding.locations:
        label = files[location.side][0] if location.side in files else "Text"
        yield f"  - {label} `{_place(location, files)}`: {escape(_shorten(location.text))}"
    if finding.suggestion:
        yield f"  - Suggestion: {escape(finding.suggestion)}"


def _place(location: Location, files: dict[str, tuple[str, str]]) -> str:
    path = files[location.side][1] if location.side in files else files["a"][1]
    return location.cited(path)
