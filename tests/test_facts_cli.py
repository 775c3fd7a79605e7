"""``kzlint facts`` and ``kzlint align --with`` as a user meets them: reports, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXCERPTS, FULL, REPO, SOURCES

SEED = sorted(f"sources/{p.name}" for p in SOURCES.glob("*.txt"))
AKORDA = "sources/unattributed-xi-tokayev-akorda-talks.txt"
CHINA_DAILY = "sources/chinadaily-xi-visit-bonds-of-friendship.txt"


def kzlint(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def seed_json() -> subprocess.CompletedProcess[str]:
    return kzlint("facts", *SEED, "--format", "json")


def test_one_text_is_a_one_line_usage_error() -> None:
    result = kzlint("facts", SEED[0])
    assert result.returncode == 2
    assert result.stderr == "kzlint: error: kzlint facts compares two or more texts\n"


def test_a_missing_text_is_a_one_line_input_error(tmp_path: Path) -> None:
    result = kzlint("facts", SEED[0], str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.md"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr
    assert not (tmp_path / "r.md").exists()


def test_json_goes_to_stdout_and_is_deterministic(seed_json: subprocess.CompletedProcess[str]) -> None:
    again = kzlint("facts", *SEED, "--format", "json")
    assert seed_json.returncode == 0 and seed_json.stdout == again.stdout
    document = json.loads(seed_json.stdout)
    assert list(document) == ["kzlint", "sources", "groups", "findings", "summary"]
    assert [s["path"] for s in document["sources"]] == SEED
    group = document["groups"][0]
    assert list(group) == ["kind", "verdict", "topic", "members"]
    assert list(group["members"][0]) == [
        "source", "path", "paragraph", "line", "column", "text", "value", "qualifier", "sentence", "locator"
    ]
    assert list(document["summary"]) == ["claims", "groups", "by_verdict", "findings", "by_severity"]


def test_json_members_point_at_their_text(seed_json: subprocess.CompletedProcess[str]) -> None:
    document = json.loads(seed_json.stdout)
    files = {path: (REPO / path).read_text(encoding="utf-8").split("\n") for path in SEED}
    for group in document["groups"]:
        for member in group["members"]:
            line = files[member["path"]][member["line"] - 1]
            assert line[member["column"] - 1 :].startswith(member["text"])


def test_json_shows_the_investment_conflict(seed_json: subprocess.CompletedProcess[str]) -> None:
    document = json.loads(seed_json.stdout)
    [investment] = [g for g in document["groups"] if any(m["text"] == "$24 billion" for m in g["members"])]
    assert investment["verdict"] == "differ"
    assert {(m["path"], m["value"]) for m in investment["members"]} == {
        (AKORDA, "USD 24,000,000,000"),
        (CHINA_DAILY, "USD 25,000,000,000"),
    }
    rules = {f["rule"] for f in document["findings"]}
    assert rules == {"KZ301", "KZ302", "KZ303"}


def test_markdown_puts_conflicts_first_and_marks_the_verdicts(tmp_path: Path) -> None:
    report, again = tmp_path / "facts.md", tmp_path / "again.md"
    result = kzlint("facts", *SEED, "-o", str(report))
    assert result.returncode == 0 and result.stderr == f"kzlint: wrote {report}\n"
    assert kzlint("facts", *SEED, "-o", str(again)).returncode == 0
    assert report.read_bytes() == again.read_bytes()
    text = report.read_text(encoding="utf-8")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert [re.sub(r" \(\d+\)$", "", s) for s in sections] == [
        "## Sources differ", "## Sources agree", "## Only one source"
    ]
    differ = text[text.index("## Sources differ") : text.index("## Sources agree")]
    assert "**$24 billion**" in differ and "**$25 billion**" in differ
    assert "**Kazakhstan Air Defense Forces**" in differ and "**Kazakh Air Force**" in differ
    agree = text[text.index("## Sources agree") : text.index("## Only one source")]
    assert agree.count("**$41 billion**") == 4 and "**exceeded the record of $41 billion**" in agree
    assert agree.count("**fifth**") == 3


def test_the_default_report_path_names_two_texts_or_says_facts(tmp_path: Path) -> None:
    for source in SEED[:3]:
        shutil.copy(REPO / source, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert kzlint("facts", names[0], names[1], cwd=tmp_path).returncode == 0
    assert (tmp_path / "reports" / f"facts--{Path(names[0]).stem}--{Path(names[1]).stem}.md").is_file()
    assert kzlint("facts", *names, cwd=tmp_path).returncode == 0
    assert (tmp_path / "reports" / "facts.md").is_file()


def test_fail_on_weighs_the_conflicts(tmp_path: Path) -> None:
    args = ("facts", *SEED, "-o", str(tmp_path / "r.md"))
    assert kzlint(*args).returncode == 0
    assert kzlint(*args, "--fail-on", "warning").returncode == 1
    assert kzlint(*args, "--fail-on", "warning", "--disable", "KZ301", "--disable", "KZ303").returncode == 0


def test_markdown_tables_survive_hostile_text(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Trade | *really* <b>rose</b> to $41 billion in `2023` with partners.\n", encoding="utf-8")
    b.write_text("Trade | *truly* <b>rose</b> to $40 billion in `2023` with partners.\n", encoding="utf-8")
    out = tmp_path / "r.md"
    assert kzlint("facts", str(a), str(b), "-o", str(out)).returncode == 0
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("| `") and "Trade" in line]
    assert len(rows) == 4  # the $41/$40 billion conflict and the 2023 agreement, one row a source
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 4, row
        assert "<b>" not in row and "&lt;b&gt;" in row and r"\*" in row


def test_align_with_adds_the_fact_check_to_both_formats(tmp_path: Path) -> None:
    pair = (f"sources/{EXCERPTS.name}", f"sources/{FULL.name}")
    others = ("--with", AKORDA, "--with", CHINA_DAILY)
    report = tmp_path / "r.md"
    assert kzlint("align", *pair, *others, "--grammar", "off", "-o", str(report)).returncode == 1  # 26 against 52 (KZ130)
    text = report.read_text(encoding="utf-8")
    assert "\n## Facts across sources\n" in text and text.index("## Passages") < text.index("## Facts across")
    assert "**$24 billion**" in text[text.index("## Facts across") :]
    document = json.loads(kzlint("align", *pair, *others, "--grammar", "off", "-f", "json").stdout)
    assert list(document)[-1] == "facts"
    assert [s["path"] for s in document["facts"]["sources"]] == [*pair, AKORDA, CHINA_DAILY]
    plain = json.loads(kzlint("align", *pair, "--grammar", "off", "-f", "json").stdout)
    assert "facts" not in plain
