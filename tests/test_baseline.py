"""Baselines: accepted findings stay quiet after edits elsewhere; new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import kzlint

from linter import engine
from linter.baseline import apply_baseline, finding_key, legacy_key, write_baseline
from linter.cli import app
from linter.errors import ConfigError
from linter.settings import GrammarSettings, Settings

RULES = """\
rules:
  - id: desk.email
    type: substitution
    message: 'write "{preferred}", not "{match}"'
    swap: {e-mail: email}
"""
TEXT = "Send an e-mail today.\n\nThe desk answers every e-mail.\n"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    (tmp_path / "desk.yml").write_text(RULES, encoding="utf-8")
    return Settings(default_rules=False, rule_paths=(tmp_path / "desk.yml",), grammar=GrammarSettings(backend="off"))


def run(path: Path, text: str, settings: Settings) -> engine.RunResult:
    path.write_text(text, encoding="utf-8")
    return engine.check(path, settings)


def desk_findings(result: engine.RunResult) -> list[str]:
    return [f.locations[0].text for f in result.findings if f.rule == "desk.email"]


def test_recorded_findings_are_not_reported_and_the_summary_follows(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path / "story.txt", TEXT, settings)
    assert desk_findings(result) == ["e-mail", "e-mail"]
    count = write_baseline(tmp_path / "baseline.json", [result])
    assert count == len(result.findings)
    [filtered] = apply_baseline(tmp_path / "baseline.json", [result])
    assert filtered.findings == ()
    assert sum(filtered.summary.findings_by_severity.values()) == 0


def test_the_baseline_survives_edits_elsewhere_but_not_a_new_occurrence(tmp_path: Path, settings: Settings) -> None:
    write_baseline(tmp_path / "baseline.json", [run(tmp_path / "story.txt", TEXT, settings)])
    edited = run(tmp_path / "story.txt", "A new first paragraph.\n\n" + TEXT.replace("today", "now"), settings)
    assert apply_baseline(tmp_path / "baseline.json", [edited])[0].findings == ()
    grown = run(tmp_path / "story.txt", TEXT + "\nOne more e-mail.\n", settings)
    [filtered] = apply_baseline(tmp_path / "baseline.json", [grown])
    assert desk_findings(filtered) == ["e-mail"]


def test_keys_ignore_positions_white_space_and_the_file_name(tmp_path: Path, settings: Settings) -> None:
    first = run(tmp_path / "story.txt", "An e-mail.\n", settings)
    moved = run(tmp_path / "story.txt", "\n\nLater, an\ne-mail.\n", settings)
    renamed = run(tmp_path / "story-v2.txt", "An e-mail.\n", settings)
    other_text = run(tmp_path / "story.txt", "An E-mail.\n", settings)
    key = finding_key(first.findings[0], first)
    assert finding_key(moved.findings[0], moved) == key
    assert finding_key(renamed.findings[0], renamed) == key
    assert finding_key(other_text.findings[0], other_text) != key
    assert key.startswith("desk.email:")


def test_a_renamed_draft_keeps_its_accepted_findings(tmp_path: Path, settings: Settings) -> None:
    write_baseline(tmp_path / "baseline.json", [run(tmp_path / "draft.txt", TEXT, settings)])
    renamed = run(tmp_path / "draft-final.txt", TEXT + "\nOne more e-mail.\n", settings)
    [filtered] = apply_baseline(tmp_path / "baseline.json", [renamed])
    assert desk_findings(filtered) == ["e-mail"]


def test_the_file_name_breaks_ties_between_equal_keys(tmp_path: Path, settings: Settings) -> None:
    """Two texts share a finding; only one's was accepted: the other text's is the new one."""
    write_baseline(tmp_path / "baseline.json", [run(tmp_path / "one.txt", "An e-mail.\n", settings)])
    other = run(tmp_path / "two.txt", "An e-mail.\n", settings)
    one = run(tmp_path / "one.txt", "An e-mail.\n", settings)
    filtered_other, filtered_one = apply_baseline(tmp_path / "baseline.json", [other, one])
    assert desk_findings(filtered_other) == ["e-mail"] and desk_findings(filtered_one) == []


def test_a_format_1_baseline_is_still_read(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path / "story.txt", TEXT, settings)
    keys = sorted(legacy_key(f, result) for f in result.findings)
    entries = [{"key": key, "rule": "desk.email", "file": "story.txt", "text": "e-mail", "count": 1} for key in keys]
    (tmp_path / "old.json").write_text(json.dumps({"kzlint_baseline": 1, "findings": entries}), encoding="utf-8")
    assert apply_baseline(tmp_path / "old.json", [result])[0].findings == ()


def test_the_file_is_sorted_and_written_the_same_way_twice(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path / "story.txt", TEXT, settings)
    write_baseline(tmp_path / "one.json", [result])
    write_baseline(tmp_path / "two.json", [result])
    one = (tmp_path / "one.json").read_text(encoding="utf-8")
    assert one == (tmp_path / "two.json").read_text(encoding="utf-8")
    document = json.loads(one)
    keys = [entry["key"] for entry in document["findings"]]
    assert document["kzlint_baseline"] == 2 and keys == sorted(keys)
    [entry] = [e for e in document["findings"] if e["rule"] == "desk.email"]
    assert (entry["file"], entry["text"], entry["count"]) == ("story.txt", "e-mail", 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline file (create it with --update-baseline)"),
        ("{not json", "not a readable kzlint baseline (Expecting property name"),
        ('{"findings": []}', 'not a kzlint baseline (expected "kzlint_baseline": 2)'),
        ('{"kzlint_baseline": 2, "findings": [{"key": 3}]}', 'malformed baseline entry {"key": 3}'),
    ],
)
def test_a_missing_or_corrupt_baseline_is_one_line(
    tmp_path: Path, settings: Settings, content: str | None, message: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        apply_baseline(path, [run(tmp_path / "story.txt", TEXT, settings)])
    assert str(error.value).startswith(f"{path}: {message}") and "\n" not in str(error.value)


def test_the_cli_records_then_filters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk.yml").write_text(RULES, encoding="utf-8")
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    common = ["check", "story.txt", "--rules", "desk.yml", "--grammar", "off", "-q", "--baseline", "accepted.json"]
    recorded = CliRunner().invoke(app, [*common, "--update-baseline"])
    assert recorded.exit_code == 0 and recorded.stderr.startswith("kzlint: recorded ")
    result = CliRunner().invoke(app, [*common, "-f", "json", "--fail-on", "info"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["findings"] == []


def test_a_format_1_baseline_is_upgraded_by_update_baseline(tmp_path: Path, settings: Settings) -> None:
    """The migration the README describes: the old file filters as before, --update-baseline rewrites it."""
    result = run(tmp_path / "story.txt", TEXT, settings)
    entries = [{"key": legacy_key(f, result), "count": 1} for f in result.findings]
    (tmp_path / "old.json").write_text(json.dumps({"kzlint_baseline": 1, "findings": entries}), encoding="utf-8")
    (tmp_path / "kzlint.toml").write_text("default_rules = false\n", encoding="utf-8")  # as the fixture's settings
    common = ["check", "story.txt", "--rules", "desk.yml", "--grammar", "off", "-q", "--baseline", "old.json"]
    for extra in ([], ["--update-baseline"], []):
        done = kzlint(*common, *extra, "-f", "json", "--fail-on", "info", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert extra or json.loads(done.stdout)["files"][0]["findings"] == []
    assert json.loads((tmp_path / "old.json").read_text(encoding="utf-8"))["kzlint_baseline"] == 2
