"""The fact check in both report formats: for ``kzlint facts``, and as a section of ``kzlint align --with``.

Markdown is for an editor: disputed claims first, each as a table with one
row per source (where it says it, the claim marked in its sentence, the
value it reads as) and a verdict; then agreements; then, briefly, what only
one source states. JSON gives the same groups with each member's file, line
and column. Both only render :class:`~linter.engine.FactsResult`: the
grouping and the verdicts are the engine's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter.engine import FactsResult
from linter.facts import Claim, ClaimGroup, ClaimKind, Verdict
from linter.model import Document, Finding, Location
from linter.report.markdown import escape

# Words of a sentence shown on each side of a claim; the rest is elided.
_WORDS_AROUND = 14
_SECTIONS = (
    ("Sources differ", (Verdict.DIFFER,)),
    ("Sources agree", (Verdict.QUALIFIER, Verdict.FORM, Verdict.AGREE)),
)
_VERDICT_LINES = {
    Verdict.DIFFER: "**differ**: the sources state this claim differently.",
    Verdict.QUALIFIER: "**agree, qualifier differs**: the same figure, hedged differently.",
    Verdict.FORM: "**agree, form differs**: the same name, shorter or spelled differently.",
    Verdict.AGREE: "**agree**.",
}


# --- Markdown ---------------------------------------------------------------------------------


def facts_markdown(result: FactsResult) -> str:
    """The report of ``kzlint facts``."""
    count = len(result.check.sources)
    lines = [f"# kzlint facts: {count} reports compared", "", *_markdown_body(result, level=2)]
    return "\n".join(lines).rstrip("\n") + "\n"


def facts_section(result: FactsResult) -> Iterator[str]:
    """The "Facts across sources" section of an align report."""
    yield "## Facts across sources"
    yield ""
    yield from _markdown_body(result, level=3)


def _markdown_body(result: FactsResult, level: int) -> Iterator[str]:
    heading = "#" * level
    yield from _sources_table(result.check.sources)
    yield from _summary(result)
    number = 0
    for title, verdicts in _SECTIONS:
        groups = [g for g in result.check.groups if g.verdict in verdicts]
        yield f"{heading} {title} ({len(groups)})"
        yield ""
        if not groups:
            yield "None."
            yield ""
        for group in groups:
            number += 1
            yield from _group(number, group, result.check.sources, level + 1)
    yield from _single(result, heading)


def _sources_table(sources: tuple[Document, ...]) -> Iterator[str]:
    yield "| Source | Paragraphs | Sentences |"
    yield "|---|---:|---:|"
    for doc in sources:
        yield f"| `{_code(doc.label)}` | {len(doc.paragraphs)} | {len(doc.sentences)} |"
    yield ""


def _summary(result: FactsResult) -> Iterator[str]:
    counts = result.check.by_verdict
    agreeing = counts[Verdict.QUALIFIER] + counts[Verdict.FORM] + counts[Verdict.AGREE]
    severities = ", ".join(f"{n} {label}{'s' * (n != 1)}" for label, n in result.by_severity.items())
    yield f"- **Claims:** {result.check.claims} figures and names, in {len(result.check.groups)} groups."
    yield f"- **Sources differ** on {counts[Verdict.DIFFER]} claims."
    yield (
        f"- **Sources agree** on {agreeing} claims ({counts[Verdict.QUALIFIER]} with a different qualifier, "
        f"{counts[Verdict.FORM]} with a name in another form)."
    )
    yield f"- **Only one source** states {counts[Verdict.SINGLE]} claims."
    yield f"- **Findings** (KZ3xx rules, which `--fail-on` weighs): {severities}."
    yield ""


def _group(number: int, group: ClaimGroup, sources: tuple[Document, ...], level: int) -> Iterator[str]:
    what = "Figure" if group.kind is ClaimKind.FIGURE else "Name"
    topic = f": {escape(group.topic)}" if group.topic else ""
    yield f"{'#' * level} {number}. {what}{topic}"
    yield ""
    yield "| Where | Wording | Value |"
    yield "|---|---|---|"
    for member in group.members:
        where = f"`{_code(_place(sources[member.source], member.location))}`"
        yield f"| {where} | {_wording(member)} | {escape(member.reading)} |"
    yield ""
    yield f"Verdict: {_VERDICT_LINES[group.verdict]}"
    yield ""


def _single(result: FactsResult, heading: str) -> Iterator[str]:
    """What only one source states, by source: its figures one a line, its names in one line."""
    singles = [g for g in result.check.groups if g.verdict is Verdict.SINGLE]
    yield f"{heading} Only one source ({len(singles)})"
    yield ""
    for index, doc in enumerate(result.check.sources):
        own = [g for g in singles if g.members[0].source == index]
        if own:
            yield f"{heading}# {escape(doc.path.name)}"
            yield ""
            yield from (_single_figure(g, doc) for g in own if g.kind is ClaimKind.FIGURE)
            names = dict.fromkeys(escape(g.members[0].location.text) for g in own if g.kind is ClaimKind.NAME)
            if names:
                yield f"- Names: {', '.join(names)}."
            yield ""


def _single_figure(group: ClaimGroup, doc: Document) -> str:
    claim = group.members[0]
    reading = f" ({escape(claim.reading)})" if claim.reading != claim.location.text else ""
    about = f": {escape(group.topic)}" if group.topic else ""
    return f"- `{_code(_place(doc, claim.location))}` {_bold(claim.location.text)}{reading}{about}"


def _wording(claim: Claim) -> str:
    """The claim in bold inside as much of its sentence as keeps the row readable."""
    sentence, location = claim.sentence, claim.location
    before = sentence.text[: location.start - sentence.start].split(" ")
    after = sentence.text[location.end - sentence.start :].split(" ")
    head = ("… " if len(before) > _WORDS_AROUND else "") + " ".join(before[-_WORDS_AROUND:])
    tail = " ".join(after[:_WORDS_AROUND]) + (" …" if len(after) > _WORDS_AROUND else "")
    return f"{escape(head)}{_bold(location.text)}{escape(tail)}"


def _bold(text: str) -> str:
    return f"**{escape(text)}**"


def _place(doc: Document, location: Location) -> str:
    return location.cited(doc.label)


def _code(text: str) -> str:
    return text.replace("`", "'")


# --- JSON -------------------------------------------------------------------------------------


def facts_json(result: FactsResult) -> dict[str, Any]:
    """The fact check as plain data: sources, groups with their members, findings, summary."""
    sources = result.check.sources
    return {
        "sources": [
            {"path": d.label, "paragraphs": len(d.paragraphs), "sentences": len(d.sentences)}
            for d in sources
        ],
        "groups": [_group_json(g, sources) for g in result.check.groups],
        "findings": [_finding_json(f, sources) for f in result.findings],
        "summary": {
            "claims": result.check.claims,
            "groups": len(result.check.groups),
            "by_verdict": {v.value: n for v, n in result.check.by_verdict.items()},
            "findings": len(result.findings),
            "by_severity": result.by_severity,
        },
    }


def _group_json(group: ClaimGroup, sources: tuple[Document, ...]) -> dict[str, Any]:
    return {
        "kind": group.kind.value,
        "verdict": group.verdict.value,
        "topic": group.topic,
        "members": [_member_json(m, sources) for m in group.members],
    }


def _member_json(claim: Claim, sources: tuple[Document, ...]) -> dict[str, Any]:
    place = _location_json(claim.location, sources)
    locator = place.pop("locator")  # the newest key comes last, so that the older keys keep their order
    return {**place, "value": claim.value, "qualifier": claim.qualifier.value, "sentence": claim.sentence.text,
            "locator": locator}


def _finding_json(finding: Finding, sources: tuple[Document, ...]) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "category": finding.category.value,
        "severity": finding.severity.label,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "locations": [_location_json(loc, sources) for loc in finding.locations],
    }


def _location_json(location: Location, sources: tuple[Document, ...]) -> dict[str, Any]:
    source = int(location.side)
    return {
        "source": source,
        "path": sources[source].label,
        "paragraph": location.paragraph,
        "line": location.line,
        "column": location.column,
        "text": location.text,
        "locator": location.locator,
    }
