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
from linter.engine import FactsResult, RunResult
from linter.model import Document, Finding, Location, ParagraphKind, Severity
from linter.report.phrases import INDEPENDENT_TRANSLATIONS, count, findings_counts, paragraph_lines, severities, size
from linter.triage import FIRST_TO_FIX, Passage, Triage

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
# Characters shown of a paragraph one side does not render, and of a text a finding quotes.
_LONG_TEXT = 80
_QUOTE = 80
# Characters of a message in the summary's list of what to fix first; the passage below has it whole.
_BRIEF = 90
# A message that quotes this much of a location's text quotes it (messages shorten long quotes).
_QUOTED = 30
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


def render_markdown(results: Sequence[RunResult], triaged: Triage | None = None) -> str:
    """A comparison's report (``triaged`` is its findings arranged), or ``kzlint check``'s for each text."""
    if len(results) == 1 and triaged is not None:
        lines = list(_comparison(results[0], triaged))
    else:
        lines = ["# kzlint check", ""]
        for result in results:
            lines.extend(_single_text(result))
    return "\n".join(lines).rstrip("\n") + "\n"


def _comparison(result: RunResult, triaged: Triage) -> Iterator[str]:
    assert result.b is not None and result.alignment is not None
    a, b = result.a, result.b
    yield f"# kzlint report: {escape(a.path.name)} compared with {escape(b.path.name)}"
    yield ""
    yield f"- **A**, the rendering under review: `{_code(a.label)}` ({size(a)})"
    yield f"- **B**, the reference: `{_code(b.label)}` ({size(b)})"
    yield ""
    files = _files(result)
    yield from _summary(result, triaged, files)
    yield from _passages(result, triaged)
    yield from _finding_section("Findings outside the passages", triaged.outside, triaged.outside_wording_only)
    if len(triaged.reference) > FIRST_TO_FIX:
        yield from _finding_section("Problems in the reference B", triaged.reference, ())
    yield from _uncovered(b, result.alignment.unaligned_b, "Not rendered in A", "B", triaged.unrendered)
    yield from _uncovered(a, result.alignment.unaligned_a, "Only in A", "A", {})
    if result.facts is not None:
        from linter.report.facts import facts_section

        yield from facts_section(result.facts)


def _single_text(result: RunResult) -> Iterator[str]:
    yield f"## {escape(result.a.label)}"
    yield ""
    yield f"{size(result.a)}. {_counts_sentence(result)}"
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



def _code(text: str) -> str:
    """Text for a code span (a file name): no backtick can close it early, no line break can end it."""
    return text.translate(_CODE)


def _summary(result: RunResult, triaged: Triage, files: _Files) -> Iterator[str]:
    """What to fix in A first, then B's own problems and the facts in dispute, then the counts."""
    yield "## Summary"
    yield ""
    yield from _to_fix(triaged, files)
    yield from _reference_problems(triaged, files)
    if result.facts is not None:
        yield from _facts_in_dispute(result.facts)
    yield from _counts(result, triaged)


def _to_fix(triaged: Triage, files: _Files) -> Iterator[str]:
    if not triaged.to_fix:
        yield "**Nothing to fix in A:** no errors or warnings."
        yield ""
        return
    yield f"**Fix in A first** ({severities(triaged.counts('a'), upto=Severity.WARNING)}, worst first):"
    yield ""
    for number, finding in enumerate(triaged.first_to_fix, start=1):
        passage = triaged.passage_of.get(finding)
        where = f" (passage {passage})" if passage else ""
        yield f"{number}. {_summary_line(finding, files, brief=True)}{where}"
    more = len(triaged.to_fix) - len(triaged.first_to_fix)
    if more:
        yield ""
        yield f"And {more} more, under the passages they concern below."
    yield ""


def _reference_problems(triaged: Triage, files: _Files) -> Iterator[str]:
    if not triaged.reference:
        return
    counts = severities(triaged.counts("b"))
    yield f"**Problems in the reference B** ({counts}), which the editor of A cannot change:"
    yield ""
    for finding in triaged.reference[:FIRST_TO_FIX]:
        yield f"- {_summary_line(finding, files)}"
    if len(triaged.reference) > FIRST_TO_FIX:
        yield ""
        yield f"And {len(triaged.reference) - FIRST_TO_FIX} more, listed in *Problems in the reference B* below."
    yield ""


def _facts_in_dispute(facts: FactsResult) -> Iterator[str]:
    disputes = [f for f in facts.findings if f.severity >= Severity.WARNING]
    yield f"**Facts the sources state differently** ({count(len(disputes), 'conflict')}; see *Facts across sources*):"
    yield ""
    sources = facts.check.sources
    for finding in disputes:
        places = ", ".join(
            f"`{_code(loc.cited(sources[int(loc.side)].label))}`" for loc in finding.locations
        )
        yield f"- **{escape(finding.rule)}** {escape(finding.message)} ({places})"
    yield ""


def _counts(result: RunResult, triaged: Triage) -> Iterator[str]:
    summary, alignment = result.summary, result.alignment
    assert alignment is not None
    yield f"- **Findings:** {findings_counts(triaged)}."
    if triaged.accepted:
        yield f"- **Accepted in the baseline:** {count(triaged.accepted, 'finding')}, not shown."
    if summary.findings_by_category:
        categories = ", ".join(f"{category} {number}" for category, number in summary.findings_by_category.items())
        yield f"- **By category:** {categories}."
    coverage = f"{summary.coverage_of_b:.0%}" if summary.coverage_of_b is not None else "n/a"
    passages = count(summary.aligned_groups, "aligned passage")
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
    return count(len(indices), "paragraph") + (f" ({detail})" if detail else "")


def _passages(result: RunResult, triaged: Triage) -> Iterator[str]:
    yield "## Passages"
    yield ""
    yield (
        "In A's reading order. **Bold**: worded differently in A and B; ~~struck~~: words of B A lacks; "
        "a dash: a sentence one side does not render, with the rule that says so. "
        "The passage's other findings follow its table, in text order."
    )
    yield ""
    for passage in triaged.passages:
        yield from _passage(passage, result)


def _passage(passage: Passage, result: RunResult) -> Iterator[str]:
    a, b, group = result.a, result.b, passage.group
    assert b is not None
    yield f"### Passage {passage.number}: A {paragraph_lines(a, group.a)}, B {paragraph_lines(b, group.b)} (similarity {group.score:.2f})"
    yield ""
    yield "| A | B |"
    yield "|---|---|"
    for number, (a_ids, b_ids) in enumerate(passage.rows):
        changes = result.word_changes.get((a_ids, b_ids), ()) if a_ids and b_ids else ()
        left = _marked(a, a_ids, changes, "a") if a_ids else "—" + _rules(passage.in_rows.get(number, ()))
        right = _marked(b, b_ids, changes, "b") if a_ids else _unrendered(b, b_ids) if b_ids else "—"
        yield f"| {left} | {right} |"
    yield ""
    yield from _finding_list(passage.findings, passage.wording_only)




def _unrendered(doc: Document, sentence_ids: Sequence[int]) -> str:
    """Sentences of B that A does not render, shortened as the paragraphs A does not render are: A has nothing to mark."""
    return escape(_shorten(" ".join(doc.sentences[i].text for i in sentence_ids)))


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


def _uncovered(
    doc: Document, indices: Sequence[int], title: str, side: str, findings: dict[int, tuple[Finding, ...]]
) -> Iterator[str]:
    """Paragraphs one side does not render, each with the findings that only say so."""
    if not indices:
        return
    yield f"## {title}"
    yield ""
    for index in indices:
        paragraph = doc.paragraphs[index]
        line = doc.position(paragraph.start)[0]
        kind = _KIND_NAMES[paragraph.kind]
        rules = _rules(findings.get(index, ()), ",")
        yield f"- {side} line {line} ({kind}{rules}): {escape(_shorten(paragraph.text))}"
    yield ""


def _rules(findings: Sequence[Finding], separator: str = "") -> str:
    """Findings beside the text they are about, which they only say is left out: severity and rule."""
    return "".join(f"{separator} **{f.severity.label}** {escape(f.rule)}" for f in findings)


def _shorten(text: str, limit: int = _LONG_TEXT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _finding_section(title: str, findings: Sequence[Finding], wording_only: Sequence[Finding]) -> Iterator[str]:
    if not findings and not wording_only:
        return
    yield f"## {title}"
    yield ""
    yield from _finding_list(findings, wording_only)


def _finding_list(findings: Sequence[Finding], wording_only: Sequence[Finding]) -> Iterator[str]:
    """One line per finding; the wording-only ones folded, by place only, since the table shows their words."""
    for finding in findings:
        yield f"- {_short_line(finding)}"
    if findings:
        yield ""
    if wording_only:
        summary = f"<summary>{count(len(wording_only), 'wording-only difference')}, in bold above</summary>"
        yield f"<details>{summary}{_places_by_line(wording_only)}.</details>"
        yield ""


def _short_line(finding: Finding) -> str:
    """A finding under its passage: severity, rule, where on each side (the files are named at the top), what."""
    places = _short_places(finding)
    where = f" {places}" if places else ""
    return f"**{finding.severity.label}** {escape(finding.rule)}{where}: {_what(finding)}"


def _summary_line(finding: Finding, files: _Files, brief: bool = False) -> str:
    """A finding in the summary: its first place as ``file:line:column``, so that an editor can jump to it.

    ``brief`` for a finding also listed in full under its passage: the message shortened, no suggestion.
    """
    first = finding.locations[0] if finding.locations else None
    place = f"`{_place(first, files)}` " if first else ""
    what = escape(_shorten(finding.message, _BRIEF)) if brief else _what(finding)
    return f"{place}**{escape(finding.rule)}** {finding.severity.label}: {what}"


def _short_places(finding: Finding) -> str:
    return ", ".join(f"{loc.side.upper()} {loc.line}:{loc.column}" for loc in finding.locations)


def _places_by_line(findings: Sequence[Finding]) -> str:
    """Where findings start, on A's side where they have one, grouped by line: ``A 27: 14, 48; B 39: 88``."""
    columns: dict[tuple[str, int], list[str]] = {}
    for finding in findings:
        first = finding.at("a") or finding.locations[0]
        columns.setdefault((first.side.upper(), first.line), []).append(str(first.column))
    return "; ".join(f"{side} {line}: {', '.join(cols)}" for (side, line), cols in columns.items())


def _what(finding: Finding) -> str:
    """The message, the quoted text where the message does not already quote it, and the suggestion."""
    quoted = [loc.text for loc in finding.locations if loc.text.strip() and loc.text[:_QUOTED] not in finding.message]
    text = escape(finding.message)
    if quoted:
        text += " (" + "; ".join(f"“{escape(_shorten(q, _QUOTE))}”" for q in quoted) + ")"
    if finding.suggestion:
        text += f"; suggestion: {escape(finding.suggestion)}"
    return text


def _findings(result: RunResult, level: int) -> Iterator[str]:
    """The findings of ``kzlint check``, by severity."""
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
            yield f"- {_summary_line(finding, files)}"
        yield ""


# For each side a finding may name: its label and its file as a code span shows it (built once per report).
_Files = dict[str, tuple[str, str]]


def _files(result: RunResult) -> _Files:
    compared = result.b is not None
    b = result.b if result.b is not None else result.a
    return {
        "a": ("A" if compared else "Text", _code(result.a.label)),
        "b": ("B", _code(b.label)),
    }


def _place(location: Location, files: _Files) -> str:
    path = files[location.side][1] if location.side in files else files["a"][1]
    return location.cited(path)
