"""Malformed rule files: each mistake stops the run with one line, ``path:line: what``, and exit status 2.

The cases are data, in tests/rulefile_errors.yml: the file's content and the
exact line kzlint must print.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from linter.cli import app

CASES = yaml.safe_load((Path(__file__).parent / "rulefile_errors.yml").read_text(encoding="utf-8"))
UNKNOWN_TYPE = next(case for case in CASES if case["id"] == "unknown-type")


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_malformed_rule_file_is_one_line_and_exit_2(tmp_path: Path, case: dict[str, str]) -> None:
    (tmp_path / "bad.yml").write_text(case["content"], encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "test", "bad.yml"])
    assert (result.exit_code, result.stderr, result.stdout) == (2, f"kzlint: error: {case['error']}\n", "")


def test_a_malformed_rule_file_stops_a_check_run(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text(UNKNOWN_TYPE["content"], encoding="utf-8")
    (tmp_path / "text.txt").write_text("Send an e-mail.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "text.txt", "--rules", "bad.yml", "--grammar", "off", "-q"])
    assert (result.exit_code, result.stderr) == (2, f"kzlint: error: {UNKNOWN_TYPE['error']}\n")
    assert not (tmp_path / "reports").exists()


def test_a_missing_rule_path_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["rules", "--rules", "nowhere.yml"])
    assert (result.exit_code, result.stderr) == (2, "kzlint: error: nowhere.yml: no such rule file or folder\n")


def test_a_rule_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_bytes("rules: [caf\u00e9]\n".encode("latin-1"))
    result = CliRunner().invoke(app, ["rules", "test", "bad.yml"])
    assert (result.exit_code, result.stderr) == (2, "kzlint: error: bad.yml:1: not UTF-8 text\n")


def test_messages_keep_literal_braces_when_doubled(tmp_path: Path) -> None:
    rule = textwrap.dedent("""\
        rules:
          - id: house.braces
            type: pattern
            message: 'use {{ and }} around "{match}"'
            words: [x]
            examples: {fail: [an x]}
    """)
    (tmp_path / "ok.yml").write_text(rule, encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "test", "ok.yml"])
    assert result.exit_code == 0, result.stderr


def test_a_rule_file_cannot_run_code(tmp_path: Path) -> None:
    """Rule files come from other people: YAML tags that construct Python objects are never honoured."""
    witness = tmp_path / "ran.txt"
    (tmp_path / "bad.yml").write_text(
        "rules:\n"
        "  - id: house.x\n"
        "    type: pattern\n"
        "    message: '{match}'\n"
        f"    pattern: !!python/object/apply:os.system ['echo ran > {witness}']\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["rules", "test", "bad.yml"])
    assert (result.exit_code, result.stderr) == (2, "kzlint: error: bad.yml:5: rule 'house.x': 'pattern' must be non-empty text\n")
    assert not witness.exists()
