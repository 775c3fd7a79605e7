"""The HTML report: one self-contained page with A and B side by side and a findings panel.

It shows what the Markdown report shows (see :mod:`linter.triage`), laid out
for the screen: the summary, then two columns, passage by passage, with the
changed words coloured, and a panel whose links scroll to each finding's
words. Its style and script are files beside this module, inlined into the
page; a Content-Security-Policy admits those two by their hashes and nothing
else, so the page loads nothing from anywhere and no text of an article can
run. Every string taken from the texts goes through :func:`html.escape`, and
article text never reaches an attribute except escaped.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
from collections.abc import Iterator, Sequence
from functools import cache
from html import escape
from importlib import resources

from linter.diffing import WordChange
from linter.engine import FactsResult, RunResult
from linter.facts import Verdict
from linter.model import Finding, Location, Severity
from linter.report.phrases import INDEPENDENT_TRANSLATIONS, findings_counts, count, paragraph_lines, severities, size
from linter.triage import FIRST_TO_FIX, Block, Passage, Triage, is_reference_problem, is_wording_only, reading_order

_CHANGE_CLASSES = {"a": {"replace": "changed", "delete": "only-a"}, "b": {"replace": "changed", "insert": "only-b"}}
_LEGEND = (
    ("changed", "worded differently in A and B"),
    ("only-b", "words of B that A lacks"),
    ("only-a", "words only A has"),
)


def render_html(result: RunResult, triaged: Triage) -> str:
    """The page for one comparison."""
    return "\n".join(_Page(result, triaged).lines()) + "\n"


@cache
def _asset(name: str) -> str:
    """A file of ``assets/``, read once per process."""
    return resources.files("linter.report").joinpath("assets", name).read_text(encoding="utf-8")


def _head(title: str) -> Iterator[str]:
    """The page's head: its style inlined, and a policy that admits that style and the page's script, nothing else."""
    style, script = _asset("report.css"), _asset("report.js")
    policy = (
        f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    yield f"<title>{escape(title)}</title>"
    yield f"<style>{style}</style>"
    yield "</head>"


def csp_hash(source: str) -> str:
    """A Content-Security-Policy source for an inline style or script: the hash of its text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


class _Page:
    """One report being written: the findings' keys, and which of their anchors the columns hold."""

    def __init__(self, result: RunResult, triaged: Triage) -> None:
        assert result.b is not None
        self.result, self.triaged = result, triaged
        self.docs = {"a": result.a, "b": result.b}
        self.keys = {id(finding): f"f{n}" for n, finding in enumerate(result.findings, start=1)}
        self.by_sentence = self._locations_by_sentence()
        self.anchored: set[str] = set()
        self.blocks: dict[tuple[str, int], str] = {}

    def _locations_by_sentence(self) -> dict[tuple[str, int], list[tuple[Location, str]]]:
        """The findings' places under each sentence they touch, so that a sentence reads only its own (a book has
        a hundred thousand findings)."""
        starts = {side: [s.start for s in doc.sentences] for side, doc in self.docs.items()}
        located: dict[tuple[str, int], list[tuple[Location, str]]] = {}
        for finding in self.result.findings:
            key = self.keys[id(finding)]
            for location in finding.locations:
                sentences, offsets = self.docs[location.side].sentences, starts[location.side]
                index = max(0, bisect.bisect_right(offsets, location.start) - 1)
                while True:
                    located.setdefault((location.side, index), []).append((location, key))
                    index += 1
                    if index >= len(sentences) or sentences[index].start >= location.end:
                        break
        return located

    def lines(self) -> Iterator[str]:
        a, b = self.result.a, self.result.b
        assert b is not None
        title = f"kzlint report: {a.path.name} compared with {b.path.name}"
        columns = list(self._columns())  # first: the panel's links need to know which anchors exist
        yield "<!DOCTYPE html>"
        yield '<html lang="en">'
        yield from _head(title)
        yield "<body>"
        yield "<header>"
        yield f"<h1>{escape(title)}</h1>"
        yield '<ul class="files">'
        yield f"<li><strong>A</strong>, the rendering under review: <code>{escape(a.label)}</code> ({size(a)})</li>"
        yield f"<li><strong>B</strong>, the reference: <code>{escape(b.label)}</code> ({size(b)})</li>"
        yield "</ul>"
        yield "</header>"
        yield from self._summary()
        yield '<div class="layout">'
        yield from self._panel()
        yield '<main id="texts">'
        yield from columns
        if self.result.facts is not None:
            yield from _facts(self.result.facts)
        yield "</main>"
        yield "</div>"
        yield f"<script>{_asset('report.js')}</script>"
        yield "</body>"
        yield "</html>"

    # --- summary -------------------------------------------------------------------------------

    def _summary(self) -> Iterator[str]:
        triaged, result = self.triaged, self.result
        yield '<section id="summary">'
        yield "<h2>Summary</h2>"
        if triaged.to_fix:
            yield f"<h3>Fix in A first ({severities(triaged.counts('a'), Severity.WARNING)}, worst first)</h3>"
            yield "<ol>"
            yield from (f"<li>{self._summary_item(f)}</li>" for f in triaged.first_to_fix)
            yield "</ol>"
            more = len(triaged.to_fix) - len(triaged.first_to_fix)
            if more:
                yield f"<p>And {more} more, in the findings panel and beside the passages they concern.</p>"
        else:
            yield "<h3>Nothing to fix in A: no errors or warnings.</h3>"
        if triaged.reference:
            counts = severities(triaged.counts("b"))
            yield f"<h3>Problems in the reference B ({counts}), which the editor of A cannot change</h3>"
            yield "<ul>"
            yield from (f"<li>{self._summary_item(f)}</li>" for f in triaged.reference[:FIRST_TO_FIX])
            yield "</ul>"
            if len(triaged.reference) > FIRST_TO_FIX:
                yield f"<p>And {len(triaged.reference) - FIRST_TO_FIX} more, in the findings panel (side B).</p>"
        if result.facts is not None:
            yield from _disputes(result.facts)
        yield from self._counts()
        yield "</section>"

    def _summary_item(self, finding: Finding) -> str:
        first = finding.locations[0] if finding.locations else None
        place = f"<code>{escape(self._place(first))}</code> " if first else ""
        passage = self.triaged.passage_of.get(finding)
        where = f' (<a href="#passage-{passage}">passage {passage}</a>)' if passage else ""
        return f'{place}<a href="#{self._target(finding)}">{_label(finding)}</a>: {_what(finding)}{where}'

    def _counts(self) -> Iterator[str]:
        result, triaged = self.result, self.triaged
        summary, alignment = result.summary, result.alignment
        assert alignment is not None
        yield '<ul class="counts">'
        yield f"<li>Findings: {findings_counts(triaged)}.</li>"
        if triaged.accepted:
            yield f"<li>Accepted in the baseline: {count(triaged.accepted, 'finding')}, not shown.</li>"
        coverage = f"{summary.coverage_of_b:.0%}" if summary.coverage_of_b is not None else "n/a"
        yield f"<li>Coverage: A renders {coverage} of the content of B, in {count(summary.aligned_groups, 'aligned passage')}.</li>"
        if summary.related is False:
            yield "<li>Not renderings of one text: almost nothing aligns, so the comparison findings are left out (see KZ100).</li>"
        if summary.independent_translations:
            yield f"<li>Two translations: {escape(INDEPENDENT_TRANSLATIONS.replace('`', ''))}</li>"
        yield f"<li>Not rendered in A: {count(len(alignment.unaligned_b), 'paragraph')} of B, greyed in the columns.</li>"
        yield f"<li>Only in A: {count(len(alignment.unaligned_a), 'paragraph')} of A.</li>"
        if result.grammar_failure:
            yield f"<li>Grammar and spelling: not checked: {escape(result.grammar_failure)}.</li>"
        elif result.grammar_backend:
            yield f"<li>Grammar and spelling: checked with {escape(result.grammar_backend)}.</li>"
        yield "</ul>"

    # --- findings panel ------------------------------------------------------------------------

    def _panel(self) -> Iterator[str]:
        listed = self._panel_order()
        main = [f for f in listed if not is_wording_only(f)]
        folded = [f for f in listed if is_wording_only(f)]
        yield '<aside id="panel" aria-label="Findings">'
        yield f"<h2>Findings ({len(listed)})</h2>"
        yield from self._filters(listed)
        yield '<div class="nav" hidden><button type="button" id="previous">Previous</button>'
        yield '<button type="button" id="next">Next</button> <span>keys j and k</span></div>'
        yield '<p id="shown" aria-live="polite"></p>'
        yield '<ol class="finding-list">'
        yield from (self._panel_item(f) for f in main)
        yield "</ol>"
        if folded:
            yield '<details class="folded" id="wording-list">'
            yield f"<summary>{count(len(folded), 'wording-only difference')} (the coloured words)</summary>"
            yield '<ol class="finding-list">'
            yield from (self._panel_item(f) for f in folded)
            yield "</ol>"
            yield "</details>"
        yield "</aside>"

    def _panel_order(self) -> list[Finding]:
        """A's findings in reading order, passage by passage, then the rest of A's, then B's own problems."""
        triaged = self.triaged
        listed: list[Finding] = []
        for passage in triaged.passages:
            in_rows = [f for row in sorted(passage.in_rows) for f in passage.in_rows[row]]
            listed.extend([*in_rows, *passage.findings, *passage.wording_only])
        listed.extend(f for paragraph in sorted(triaged.unrendered) for f in triaged.unrendered[paragraph])
        listed.extend([*triaged.outside, *triaged.outside_wording_only, *triaged.reference])
        return listed

    def _filters(self, findings: Sequence[Finding]) -> Iterator[str]:
        categories = sorted({f.category.value for f in findings})
        rules = sorted({f.rule for f in findings})
        yield '<form id="filters" hidden>'
        yield "<fieldset><legend>Severity</legend>"
        for severity in sorted(Severity, reverse=True):
            yield f'<label><input type="checkbox" name="severity" value="{severity.label}" checked> {severity.label}</label>'
        yield "</fieldset>"
        yield "<fieldset><legend>Side</legend>"
        yield '<label><input type="checkbox" name="side" value="a" checked> A</label>'
        yield '<label><input type="checkbox" name="side" value="b" checked> B (its own problems)</label>'
        yield "</fieldset>"
        yield from _select("category", "Category", categories)
        yield from _select("rule", "Rule", rules)
        yield '<label><input type="checkbox" name="wording"> show wording-only differences</label>'
        yield "</form>"

    def _panel_item(self, finding: Finding) -> str:
        side = "b" if is_reference_problem(finding) else "a"
        data = (
            f'data-severity="{finding.severity.label}" data-category="{finding.category.value}" '
            f'data-side="{side}" data-rule="{escape(finding.rule)}" data-wording="{int(is_wording_only(finding))}"'
        )
        places = ", ".join(f"{loc.side.upper()} {loc.line}:{loc.column}" for loc in finding.locations)
        return (
            f'<li {data}><a href="#{self._target(finding)}">{_label(finding)}'
            f'<span class="where">{escape(places)}</span>{_what(finding)}</a></li>'
        )

    def _target(self, finding: Finding) -> str:
        """The id a link to the finding goes to: its words in the columns, or else the block that holds them."""
        key = self.keys[id(finding)]
        if key in self.anchored or not finding.locations:
            return key
        first = finding.at("a") or finding.locations[0]
        return self.blocks.get((first.side, first.paragraph), key)

    def _place(self, location: Location) -> str:
        return location.cited(self.docs[location.side].label)

    # --- the two columns -----------------------------------------------------------------------

    def _columns(self) -> Iterator[str]:
        yield '<div class="legend" aria-label="Legend">'
        yield from (f'<span class="{cls}">{text}</span>' for cls, text in _LEGEND)
        yield '<span class="greyed">greyed: B\'s text that A does not render</span>'
        yield "</div>"
        yield '<div class="col-head" aria-hidden="true"><div>A</div><div>B</div></div>'
        for block in reading_order(self.result, self.triaged):
            if block.kind == "passage":
                yield from self._passage(self.triaged.passages[block.index])
            else:
                yield from self._lone(block)

    def _passage(self, passage: Passage) -> Iterator[str]:
        group, a, b = passage.group, self.result.a, self.result.b
        assert b is not None
        block_id = f"passage-{passage.number}"
        self.blocks.update({("a", i): block_id for i in group.a} | {("b", i): block_id for i in group.b})
        where = f"A {paragraph_lines(a, group.a)}, B {paragraph_lines(b, group.b)}, similarity {group.score:.2f}"
        yield f'<section class="passage" id="{block_id}">'
        yield f"<h3>Passage {passage.number}: {where}</h3>"
        for number, (a_ids, b_ids) in enumerate(passage.rows):
            changes = self.result.word_changes.get((a_ids, b_ids), ()) if a_ids and b_ids else ()
            left = self._cell("a", a_ids, changes) if a_ids else _none(passage.in_rows.get(number, ()))
            right = self._cell("b", b_ids, changes) if b_ids else _none(())
            greyed = " greyed" if not a_ids else ""
            yield f'<div class="row{greyed}">{left}{right}</div>'
        yield "</section>"

    def _lone(self, block: Block) -> Iterator[str]:
        """A paragraph only one side has: A's own in A's column, B's unrendered one greyed in B's."""
        side = "a" if block.kind == "only-a" else "b"
        doc = self.docs[side]
        paragraph = doc.paragraphs[block.index]
        block_id = f"{side}-paragraph-{block.index}"
        self.blocks[(side, block.index)] = block_id
        line = doc.position(paragraph.start)[0]
        what = "only in A" if side == "a" else "not rendered in A"
        findings = self.triaged.unrendered.get(block.index, ()) if side == "b" else ()
        text = self._cell(side, tuple(s.index for s in paragraph.sentences), ())
        empty = _none(findings)
        cells = f"{text}{empty}" if side == "a" else f"{empty}{text}"
        greyed = " greyed" if side == "b" else ""
        yield f'<section class="lone{greyed}" id="{block_id}">'
        yield f"<h3>{side.upper()} line {line}, {paragraph.kind.value}, {what}</h3>"
        yield f'<div class="row">{cells}</div>'
        yield "</section>"

    def _cell(self, side: str, sentence_ids: Sequence[int], changes: Sequence[WordChange]) -> str:
        """Sentences of one side, their changed words coloured and the findings' words marked."""
        doc = self.docs[side]
        kinds = _CHANGE_CLASSES[side]
        marks = []
        for change in changes:
            lo, hi = (change.a_start, change.a_end) if side == "a" else (change.b_start, change.b_end)
            if change.kind in kinds and hi > lo:
                marks.append((lo, hi, kinds[change.kind]))
        pieces = []
        for index in sentence_ids:
            sentence = doc.sentences[index]
            located = self.by_sentence.get((side, index), ())
            pieces.append(self._segments(doc.text, sentence.start, sentence.end, marks, located))
        return f'<div class="cell {side}" data-side="{side.upper()}">{" ".join(pieces)}</div>'

    def _segments(
        self, text: str, start: int, end: int, marks: Sequence[tuple[int, int, str]],
        located: Sequence[tuple[Location, str]],
    ) -> str:
        """The text from ``start`` to ``end``, cut where a mark or a finding begins or ends, each piece in a span
        that carries its mark's class and the keys of the findings over it; the first piece of a finding has its id.
        """
        spans = [(loc.start, loc.end, key) for loc, key in located if loc.start < end and loc.end > start]
        points = [(loc.start, key) for loc, key in located if loc.start == loc.end and start <= loc.start <= end]
        inside = [(lo, hi, cls) for lo, hi, cls in marks if lo < end and hi > start]
        cuts = sorted({start, end, *(max(start, min(end, x)) for lo, hi, _ in inside for x in (lo, hi)),
                       *(max(start, min(end, x)) for lo, hi, _ in spans for x in (lo, hi)), *(p for p, _ in points)})
        out = []
        for lo, hi in zip(cuts, cuts[1:] + [end]):
            for point, key in points:
                if point == lo:
                    out.append(f'<span class="loc-point" data-f="{key}"{self._anchor(key)}></span>')
            if hi <= lo:
                continue
            classes = " ".join(cls for m_lo, m_hi, cls in inside if m_lo <= lo and hi <= m_hi)
            keys = [key for s_lo, s_hi, key in spans if s_lo <= lo and hi <= s_hi]
            piece = escape(text[lo:hi])
            if not classes and not keys:
                out.append(piece)
                continue
            attrs = f' class="{classes}"' if classes else ""
            if keys:
                attrs += f' data-f="{" ".join(keys)}"'
            out.append(self._anchored(f"<span{attrs}>{piece}</span>", keys))
        return "".join(out)

    def _anchored(self, piece: str, keys: Sequence[str]) -> str:
        """The piece inside one more span for each finding that begins in it, since an element has one id."""
        for key in keys:
            anchor = self._anchor(key)
            if anchor:
                piece = f"<span{anchor}>{piece}</span>"
        return piece

    def _anchor(self, key: str) -> str:
        """An id attribute for the first piece of a finding's words; none for the others."""
        if key in self.anchored:
            return ""
        self.anchored.add(key)
        return f' id="{key}"'


def _none(findings: Sequence[Finding]) -> str:
    """The cell of a side that does not render a sentence: a dash, and the rules that say so."""
    rules = "".join(f'<span class="rules">{_label(f)}</span>' for f in findings)
    return f'<div class="cell none" data-side="">—{rules}</div>'


def _select(name: str, legend: str, values: Sequence[str]) -> Iterator[str]:
    yield f'<label>{legend} <select name="{name}"><option value="">all</option>'
    yield from (f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
    yield "</select></label>"


def _label(finding: Finding) -> str:
    severity = finding.severity.label
    return f'<span class="sev sev-{severity}">{severity}</span> {escape(finding.rule)}'


def _what(finding: Finding) -> str:
    text = escape(finding.message)
    if finding.suggestion:
        text += f"; suggestion: {escape(finding.suggestion)}"
    return f" <span class=\"what\">{text}</span>"


def _disputes(facts: FactsResult) -> Iterator[str]:
    disputes = [f for f in facts.findings if f.severity >= Severity.WARNING]
    sources = facts.check.sources
    yield f"<h3>Facts the sources state differently ({count(len(disputes), 'conflict')})</h3>"
    yield "<ul>"
    for finding in disputes:
        places = ", ".join(
            f"<code>{escape(loc.cited(sources[int(loc.side)].label))}</code>"
            for loc in finding.locations
        )
        yield f"<li>{_label(finding)}: {escape(finding.message)} ({places})</li>"
    yield "</ul>"


def _facts(facts: FactsResult) -> Iterator[str]:
    """The groups of claims the sources state differently or alike, as in the Markdown report's tables."""
    sources = facts.check.sources
    yield '<section id="facts"><h2>Facts across sources</h2>'
    for group in facts.check.groups:
        if group.verdict is Verdict.SINGLE:
            continue
        yield f"<h3>{escape(group.verdict.value)}: {escape(group.topic)}</h3>"
        yield '<table class="facts"><tr><th>Where</th><th>Claim</th><th>Value</th></tr>'
        for member in group.members:
            place = member.location.cited(sources[member.source].label)
            yield (
                f"<tr><td><code>{escape(place)}</code></td><td>{escape(member.location.text)}</td>"
                f"<td>{escape(member.reading)}</td></tr>"
            )
        yield "</table>"
    yield "</section>"
