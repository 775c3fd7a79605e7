"""The command line as a user meets it: exit codes, one-line errors, files left intact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXCERPTS, FULL, kzlint


def test_help_lists_the_commands() -> None:
    result = kzlint("--help")
    assert result.returncode == 0
    for command in ("align", "check", "rules"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("make_input", "expected"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp, "is a directory"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, make_input, expected: str) -> None:
    bad = make_input(tmp_path)
    result = kzlint("align", str(bad), str(FULL), "--grammar", "off", "-o", str(tmp_path / "r.md"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("kzlint: error: ") and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_run_leaves_the_previous_report_untouched(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("the editor's annotated copy\n", encoding="utf-8")
    result = kzlint("align", str(tmp_path / "missing.txt"), str(FULL), "-o", str(report))
    assert result.returncode == 2
    assert report.read_text(encoding="utf-8") == "the editor's annotated copy\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_fail_on_sets_the_exit_code(tmp_path: Path) -> None:
    args = ("align", str(EXCERPTS), str(FULL), "--grammar", "off", "-o", str(tmp_path / "r.md"))
    assert kzlint(*args, "--fail-on", "info").returncode == 1
    # The one error of the seed pair is "26 twin cities" against "26 pairs of sister cities" (KZ130).
    assert kzlint(*args, "--fail-on", "error").returncode == 1
    assert kzlint(*args, "--fail-on", "error", "--disable", "KZ130").returncode == 0


def test_unknown_severity_is_a_usage_error(tmp_path: Path) -> None:
    result = kzlint("align", str(EXCERPTS), str(FULL), "--fail-on", "fatal", "-o", str(tmp_path / "r.md"))
    assert result.returncode == 2
    assert result.stderr.strip() == "kzlint: error: unknown severity 'fatal' (choose from info, warning, error)"


def test_json_goes_to_stdout_and_is_deterministic() -> None:
    first = kzlint("align", "sources/" + EXCERPTS.name, "sources/" + FULL.name, "--grammar", "off", "-f", "json")
    second = kzlint("align", "sources/" + EXCERPTS.name, "sources/" + FULL.name, "--grammar", "off", "-f", "json")
    assert first.returncode in (0, 1) and first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert document["a"]["path"] == "sources/kursiv-xi-article-excerpts.txt"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to stand for a full disk")
@pytest.mark.parametrize("args", [["rules"], ["align", str(EXCERPTS), str(FULL), "--grammar", "off", "-f", "json"]])
def test_output_to_a_full_disk_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "linter", *args], stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2
    assert done.stderr == "kzlint: error: cannot write the output (No space left on device)\n"


def test_a_reader_that_stops_early_is_no_error() -> None:
    command = [sys.executable, "-m", "linter", "align", str(EXCERPTS), str(FULL), "--grammar", "off", "-f", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout is not None and run.stdout.read(10) == b'{\n  "kzlin'
        run.stdout.close()  # as `| head -c 10` does
        assert run.wait(timeout=300) in (0, 1) and run.stderr is not None and run.stderr.read() == b""
