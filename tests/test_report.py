"""Reports: the committed seed report is reproducible, JSON keeps its shape, Markdown stays Markdown."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import EXCERPTS, FULL, REPO, kzlint
from linter.report.markdown import escape

SEED_REPORT = REPO / "reports" / f"{EXCERPTS.stem}--{FULL.stem}.md"
README_COMMAND = ["align", f"sources/{EXCERPTS.name}", f"sources/{FULL.name}"]


def test_committed_seed_report_matches_a_fresh_run(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.md"
    result = kzlint(*README_COMMAND, "-o", str(fresh))
    assert result.returncode in (0, 1), result.stderr
    assert fresh.read_text(encoding="utf-8") == SEED_REPORT.read_text(encoding="utf-8"), (
        "reports/ is stale: regenerate it with the command in the README"
    )


def test_committed_html_report_matches_a_fresh_run(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.html"
    result = kzlint(*README_COMMAND, "--format", "html", "-o", str(fresh))
    assert result.returncode in (0, 1), result.stderr
    assert fresh.read_text(encoding="utf-8") == SEED_REPORT.with_suffix(".html").read_text(encoding="utf-8"), (
        "reports/ is stale: regenerate it with the commands in the README"
    )


def test_committed_facts_report_matches_a_fresh_run(tmp_path: Path) -> None:
    fresh = tmp_path / "facts.md"
    sources = sorted(f"sources/{path.name}" for path in (REPO / "sources").glob("*.txt"))
    result = kzlint("facts", *sources, "-o", str(fresh))
    assert result.returncode in (0, 1), result.stderr
    assert fresh.read_text(encoding="utf-8") == (REPO / "reports" / "facts.md").read_text(encoding="utf-8"), (
        "reports/facts.md is stale: regenerate it with `kzlint facts sources/*.txt`"
    )


def test_json_document_shape_is_stable() -> None:
    result = kzlint(*README_COMMAND, "--grammar", "off", "--format", "json")
    document = json.loads(result.stdout)
    assert list(document) == [
        "kzlint", "a", "b", "alignment", "findings", "summary", "grammar_backend", "grammar_failure"
    ]
    assert list(document["a"]) == ["path", "encoding", "paragraphs", "format"]
    assert list(document["a"]["paragraphs"][0]) == ["index", "line", "kind", "sentences"]
    group = document["alignment"][0]
    assert list(group) == ["a", "b", "score", "sentences"]
    assert list(group["sentences"][0]) == ["a", "b", "score"]
    finding = document["findings"][0]
    assert list(finding)[:5] == ["rule", "category", "severity", "message", "suggestion"]
    sides = [key for key in finding if key in ("a", "b")]
    assert sides and all(list(finding[side]) == ["paragraph", "line", "column", "text", "locator"] for side in sides)
    assert list(document["summary"]) == [
        "findings", "by_severity", "by_category", "coverage_of_b", "aligned_groups", "unaligned_a", "unaligned_b",
        "coverage_of_a", "related", "independent_translations",
    ]
    categories = {"omission", "addition", "divergence", "number", "name", "terminology", "grammar",
                  "spelling", "style", "untranslated", "custom"}
    assert {f["category"] for f in document["findings"]} <= categories


def test_finding_locations_point_at_their_text() -> None:
    document = json.loads(kzlint(*README_COMMAND, "--grammar", "off", "--format", "json").stdout)
    files = {"a": EXCERPTS.read_text(encoding="utf-8"), "b": FULL.read_text(encoding="utf-8")}
    for finding in document["findings"]:
        for side in ("a", "b"):
            if side in finding:
                place = finding[side]
                line = files[side].split("\n")[place["line"] - 1]
                assert line[place["column"] - 1 :].startswith(place["text"].split("\n")[0]), finding


def test_escape_neutralises_markdown() -> None:
    assert escape("a | b") == r"a \| b"
    assert escape("*x*") == r"\*x\*"
    assert escape("<script>") == "&lt;script&gt;"
    assert escape("`code`") == r"\`code\`"
    assert escape("[x](javascript:alert(1))") == r"\[x\]\(javascript:alert\(1\)\)"
    assert escape("one\u2028two\rthree\x1b[31m") == "one two three\ufffd\\[31m"


def test_markdown_tables_survive_hostile_text(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The ratio was 3 | 4 and *very* <b>bold</b> with `ticks` today.\n", encoding="utf-8")
    b.write_text("The ratio was 3 | 4 and *truly* <b>bold</b> with `ticks` today.\n", encoding="utf-8")
    out = tmp_path / "r.md"
    kzlint("align", str(a), str(b), "--grammar", "off", "-o", str(out))
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("| ") and "ratio" in line]
    assert rows, "the aligned sentence pair is shown in a table"
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 3, row
        assert "<b>" not in row and "&lt;b&gt;" in row
