"""The report as the editor of A reads it: what to fix first, B's problems apart, findings under their passages.

These tests read the committed seed report (kept fresh by test_report.py) and
reports of the seed pair made here. They check properties, not today's counts,
which the comparison rules decide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXCERPTS, FULL, REPO, kzlint
from linter import engine
from linter.model import Category, Severity
from linter.report import render
from linter.settings import GrammarSettings, Settings
from linter.triage import FIRST_TO_FIX, is_reference_problem, is_wording_only, reading_order, triage

SEED_REPORT = REPO / "reports" / f"{EXCERPTS.stem}--{FULL.stem}.md"
PAIR = (f"sources/{EXCERPTS.name}", f"sources/{FULL.name}")
# The seed report before it was reorganised for the editor: 651 lines, 77,314 bytes.
OLD_LINES, OLD_BYTES = 651, 77_314
PLACE = re.compile(r"`(sources/[^`]+\.txt):(\d+):(\d+)`")


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED_REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_json() -> dict:
    return json.loads(kzlint("align", *PAIR, "--format", "json").stdout)


@pytest.fixture(scope="module")
def result() -> engine.RunResult:
    return engine.compare(EXCERPTS, FULL, Settings(grammar=GrammarSettings(backend="off")))


def summary_of(report: str) -> str:
    return report[report.index("## Summary") : report.index("## Passages")]


def test_the_report_is_a_third_of_its_old_length(seed: str) -> None:
    assert len(seed.encode("utf-8")) <= OLD_BYTES / 3
    assert seed.count("\n") <= OLD_LINES / 3


def test_the_summary_opens_with_what_to_fix_in_a_worst_first(seed: str, seed_json: dict) -> None:
    summary = summary_of(seed)
    first_screen = "\n".join(seed.splitlines()[:20])
    assert "**Fix in A first**" in first_screen
    to_fix = [
        f for f in seed_json["findings"]
        if f["severity"] in ("error", "warning") and "a" in f and f["category"] not in ("grammar", "spelling")
    ]
    assert to_fix, "the seed pair has warnings about A"
    fix_list = summary[: summary.index("**Problems in the reference B**")]
    items = re.findall(r"^\d+\. (.*)$", fix_list, flags=re.M)
    assert 0 < len(items) <= FIRST_TO_FIX
    for item in items:
        path, line, column = PLACE.match(item).groups()
        assert path == PAIR[0], "what to fix is in A"
    ranks = {"error": 2, "warning": 1}
    severities = [ranks[re.search(r"\*\* (error|warning):", item).group(1)] for item in items]
    assert severities == sorted(severities, reverse=True)
    more = re.search(r"And (\d+) more", fix_list)
    listed = len(items) + (int(more.group(1)) if more else 0)
    header = fix_list[: fix_list.index("worst first")]
    assert listed == sum(int(n) for n in re.findall(r"(\d+) (?:errors?|warnings?)", header))


def test_problems_of_the_reference_come_after_and_apart(seed: str, seed_json: dict) -> None:
    summary = summary_of(seed)
    reference = summary[summary.index("**Problems in the reference B**") :]
    assert summary.index("**Fix in A first**") < summary.index("**Problems in the reference B**")
    places = PLACE.findall(reference)
    assert places and {path for path, _, _ in places} == {PAIR[1]}
    grammar_in_b = [f for f in seed_json["findings"] if f["category"] == "grammar" and set(f) & {"a", "b"} == {"b"}]
    for finding in grammar_in_b:
        assert f"{PAIR[1]}:{finding['b']['line']}:{finding['b']['column']}" in reference
        place = f"B {finding['b']['line']}:{finding['b']['column']}"
        assert place not in seed[seed.index("## Passages") :], "B's own problems are not repeated under passages"


def test_passages_come_in_a_reading_order_with_their_findings_in_text_order(seed: str) -> None:
    passages = re.findall(r"^### Passage (\d+): A lines? (\d+)", seed, flags=re.M)
    assert [int(n) for n, _ in passages] == list(range(1, len(passages) + 1))
    first_lines = [int(line) for _, line in passages]
    assert first_lines == sorted(first_lines)
    section = seed[seed.index("## Passages") :]
    section = section[: section.find("\n## ", 1)] if "\n## " in section[1:] else section
    for block in re.split(r"^### Passage ", section, flags=re.M)[1:]:
        places = [tuple(map(int, m)) for m in re.findall(r"^- \*\*\w+\*\* \S+ A (\d+):(\d+)", block, flags=re.M)]
        assert places == sorted(places), block[:80]


def test_every_finding_about_a_is_under_its_passage_or_outside_them(seed_json: dict, seed: str) -> None:
    body = seed[seed.index("## Passages") :]
    for finding in seed_json["findings"]:
        if "a" not in finding or finding["rule"] == "KZ121":
            continue
        assert f"A {finding['a']['line']}:{finding['a']['column']}" in body, finding


def test_each_location_is_printed_once_per_finding(seed: str) -> None:
    for line in seed.splitlines():
        places = re.findall(r"\b[AB] \d+:\d+", line)
        if line.startswith("- **"):
            assert len(places) == len(set(places)), line
            assert not PLACE.search(line), "under a passage a finding names its places once, briefly"


def test_wording_only_findings_are_left_out_by_default_and_folded_when_asked_for(seed: str, result: engine.RunResult) -> None:
    assert not [f for f in result.findings if is_wording_only(f)] and "wording-only difference" not in seed
    asked = engine.compare(EXCERPTS, FULL, Settings(grammar=GrammarSettings(backend="off"), enabled=frozenset({"KZ121"})))
    wording = [f for f in asked.findings if is_wording_only(f)]
    assert wording, "the seed pair words many things differently"
    report = render([asked], "markdown")
    assert re.findall(r"<details><summary>(\d+) wording-only differences?, in bold above</summary>", report)
    for line in report.splitlines():
        if line.startswith("- **info** KZ121"):
            pytest.fail(f"a wording-only finding is listed unfolded: {line}")


def test_triage_sets_b_problems_apart_and_keeps_every_finding(result: engine.RunResult) -> None:
    triaged = triage(result)
    assert triaged.reference and all(f.at("a") is None for f in triaged.reference)
    assert all(f.category is not Category.OMISSION for f in triaged.reference), "A's omissions are A's to fix"
    assert all(f.severity >= Severity.WARNING and not is_reference_problem(f) for f in triaged.to_fix)
    in_a = sum(triaged.counts("a").values())
    in_b = sum(triaged.counts("b").values())
    assert in_a + in_b == len(result.findings)


def test_reading_order_shows_every_paragraph_once(result: engine.RunResult) -> None:
    triaged = triage(result)
    blocks = reading_order(result, triaged)
    a_seen = [i for block in blocks if block.kind == "only-a" for i in [block.index]]
    a_seen += [i for block in blocks if block.kind == "passage" for i in triaged.passages[block.index].group.a]
    b_seen = [i for block in blocks if block.kind == "unrendered" for i in [block.index]]
    b_seen += [i for block in blocks if block.kind == "passage" for i in triaged.passages[block.index].group.b]
    assert sorted(a_seen) == list(range(len(result.a.paragraphs)))
    assert sorted(b_seen) == list(range(len(result.b.paragraphs)))


def test_the_terminal_says_what_was_found(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    run = kzlint("align", *PAIR, "--grammar", "off", "-o", str(out))
    assert re.fullmatch(rf"kzlint: \d+ errors?, \d+ warnings? in A, \d+ in B; wrote {re.escape(str(out))}\n", run.stderr)


def test_a_baseline_says_what_it_hid(tmp_path: Path) -> None:
    baseline, out = tmp_path / "accepted.json", tmp_path / "r.md"
    assert kzlint("align", *PAIR, "--grammar", "off", "--baseline", str(baseline), "--update-baseline").returncode == 0
    recorded = len(json.loads(baseline.read_text(encoding="utf-8"))["findings"])
    kzlint("align", *PAIR, "--grammar", "off", "--baseline", str(baseline), "-o", str(out))
    summary = summary_of(out.read_text(encoding="utf-8"))
    hidden = int(re.search(r"\*\*Accepted in the baseline:\*\* (\d+) findings?, not shown", summary).group(1))
    assert hidden >= recorded > 0
    assert "**Nothing to fix in A:**" in summary


def test_fact_conflicts_of_with_are_in_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    others = (
        "--with", "sources/unattributed-xi-tokayev-akorda-talks.txt",
        "--with", "sources/chinadaily-xi-visit-bonds-of-friendship.txt",
    )
    kzlint("align", *PAIR, *others, "--grammar", "off", "-o", str(out))
    summary = summary_of(out.read_text(encoding="utf-8"))
    assert "**Facts the sources state differently**" in summary
    assert "**KZ301**" in summary and "24 billion" in summary


def test_html_is_only_for_comparisons() -> None:
    run = kzlint("check", PAIR[0], "--format", "html")
    assert run.returncode == 2
    assert run.stderr == "kzlint: error: --format html is for kzlint align; kzlint check writes markdown or json\n"


def test_what_to_fix_first_names_the_passage_that_shows_it(seed: str) -> None:
    summary = summary_of(seed)
    blocks = {
        int(block.split(":", 1)[0]): block
        for block in re.split(r"^### Passage ", seed[seed.index("## Passages") :], flags=re.M)[1:]
    }
    named = re.findall(r"^\d+\. `[^`]+:(\d+):(\d+)` .*\(passage (\d+)\)$", summary, flags=re.M)
    assert named, "the findings to fix in A say which passage shows them"
    for line, column, passage in named:
        assert f"A {line}:{column}" in blocks[int(passage)], (line, column, passage)
