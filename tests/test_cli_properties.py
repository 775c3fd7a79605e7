"""Random command lines: whatever a user types, kzlint ends cleanly and leaves the inputs as they were.

The command line runs in this process through :func:`linter.cli.run`, which
is all that ``kzlint`` does before it ends the process, so a traceback here
is one a user would see. Each example gets a fresh folder with short pieces
of the seed texts, a rule file, a baseline and a configuration (grammar off,
to keep the search fast).
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXCERPTS, FULL, kzlint
from linter.cli import run

INPUTS = {
    "a.txt": "\n\n".join(EXCERPTS.read_text(encoding="utf-8").split("\n\n")[:4]) + "\n",
    "b.txt": "\n\n".join(FULL.read_text(encoding="utf-8").split("\n\n")[:4]) + "\n",
    "c.txt": "Another report: trade reached $41 billion, said Kassym-Jomart Tokayev.\n",
    "kzlint.toml": '[grammar]\nbackend = "off"\n',
    "house.yml": "rules:\n  - id: house.email\n    type: substitution\n    message: 'write {preferred}'\n"
    "    swap: {e-mail: email}\n",
    "base.json": '{"kzlint_baseline": 2, "findings": []}\n',
}

WORDS = [
    "align", "check", "facts", "rules", "show", "test", "init", "a.txt", "b.txt", "c.txt", "house.yml",
    "base.json", "kzlint.toml", "missing.txt", ".", "report.md", "-", "-o", "--output", "-f", "--format", "json",
    "markdown", "xml", "--fail-on", "info", "warning", "fatal", "--disable", "KZ102", "KZ1", "KZ9O9", "house",
    "--jobs", "-1", "1", "--baseline", "--update-baseline", "--with", "--companion", "--rules", "--config",
    "--encoding", "utf-8", "klingon", "--max-file-mb", "0", "0.001", "-q", "--quiet", "--help", "--version",
    "--picky", "--no-cache", "KZ201", "",
]
# Command lines that start well, so that many examples get past the parser and run.
COMMANDS = [
    ["align", "a.txt", "b.txt"], ["check", "a.txt"], ["check", "a.txt", "b.txt"], ["facts", "a.txt", "c.txt"],
    ["rules"], ["rules", "show", "KZ102"], ["rules", "test"], ["init"],
]
COMMAND_LINES = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=8),
    st.tuples(st.sampled_from(COMMANDS), st.lists(st.sampled_from(WORDS), max_size=3)).map(lambda c: [*c[0], *c[1]]),
)


@settings(max_examples=60, deadline=None)
@given(COMMAND_LINES)
def test_any_command_line_ends_cleanly_and_leaves_the_inputs_alone(args: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="kzlint-cli-") as folder, _inside(Path(folder)):
        _write_inputs()
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(args)  # raising here would be a traceback for the user
        _check_ending(args, code, err.getvalue())


@settings(max_examples=8, deadline=None)
@given(COMMAND_LINES)
def test_the_same_holds_for_the_kzlint_process(args: list[str]) -> None:
    """A few examples as a user runs kzlint, a new process, to confirm that the in-process runs stand for it."""
    with tempfile.TemporaryDirectory(prefix="kzlint-cli-") as folder:
        with _inside(Path(folder)):
            _write_inputs()
        done = kzlint(*args, cwd=Path(folder))
        with _inside(Path(folder)):
            _check_ending(args, done.returncode, done.stderr)


def _write_inputs() -> None:
    for name, text in INPUTS.items():
        Path(name).write_text(text, encoding="utf-8")


def _check_ending(args: list[str], code: int, stderr: str) -> None:
    """The contract: a known exit status, no traceback, one line for an error, every input as it was."""
    assert code in (0, 1, 2, 130), (args, code, stderr)
    assert "Traceback" not in stderr
    if code == 2:
        assert stderr.count("\n") == 1 and stderr.startswith("kzlint: error: "), stderr
    for name, text in INPUTS.items():
        assert Path(name).read_text(encoding="utf-8") == text, (args, name)


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Run in ``folder``, as a user does in a project folder; come back afterwards."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)
