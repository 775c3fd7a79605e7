"""The command line's contract, as a user meets it in a new process.

No output overwrites an input; special files stay special; every usage error
is one line; the help reads well; rule ids are checked; baselines survive a
renamed draft. Special files are made in a temporary folder, never the machine's /dev.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXCERPTS, FULL, REPO, kzlint

FAST = ("--grammar", "off", "-q")


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    """The seed pair, copied so that the tests can link to it and check it is untouched."""
    a, b = tmp_path / "excerpts.txt", tmp_path / "full.txt"
    shutil.copyfile(EXCERPTS, a)
    shutil.copyfile(FULL, b)
    return a, b


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The one error line of a refused run, after checking the contract: exit 2, one line, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.startswith("kzlint: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "Usage:" not in result.stderr
    return result.stderr


# --- No output ever overwrites an input -------------------------------------------------------------


def _overwrite_cases(tmp: Path, a: Path, b: Path) -> dict[str, tuple[list[str], Path]]:
    """Command lines whose output would land on an input, with the input that must survive."""
    other = tmp / "other.txt"
    other.write_text("Another report of the visit.\n", encoding="utf-8")
    companions = tmp / "companions"
    companions.mkdir()
    companion = companions / "third.txt"
    companion.write_text("A third source.\n", encoding="utf-8")
    rules = tmp / "house.yml"
    rule = "rules:\n  - id: house.x\n    type: pattern\n    message: no\n    words: [zzzz]\n"
    rules.write_text(rule, encoding="utf-8")
    baseline = tmp / "accepted.json"
    baseline.write_text('{"kzlint_baseline": 2, "findings": []}\n', encoding="utf-8")
    hard = tmp / "hard-link.md"
    os.link(a, hard)
    soft = tmp / "soft-link.md"
    soft.symlink_to(a)
    pair = ["align", str(a), str(b), *FAST]
    return {
        "A": ([*pair, "-o", str(a)], a),
        "B as JSON": ([*pair, "-f", "json", "-o", str(b)], b),
        "a --with file": ([*pair, "--with", str(other), "-o", str(other)], other),
        "a companion in a folder": ([*pair, "--companion", str(companions), "-o", str(companion)], companion),
        "a rule file": ([*pair, "--rules", str(rules), "-o", str(rules)], rules),
        "the configuration": ([*pair, "-o", str(tmp / "kzlint.toml")], tmp / "kzlint.toml"),
        "the configuration's word list": ([*pair, "-o", str(tmp / "words.txt")], tmp / "words.txt"),
        "a baseline read": ([*pair, "--baseline", str(baseline), "-o", str(baseline)], baseline),
        "A as the baseline updated": ([*pair, "--baseline", str(a), "--update-baseline"], a),
        "a hard link to A": ([*pair, "-o", str(hard)], a),
        "a symbolic link to A": ([*pair, "-o", str(soft)], a),
        "a checked file": (["check", str(a), *FAST, "-o", str(a)], a),
        "a fact-checked file": (["facts", str(a), str(b), "-q", "-o", str(b)], b),
    }


CASES = [
    "A", "B as JSON", "a --with file", "a companion in a folder", "a rule file", "the configuration",
    "the configuration's word list",
    "a baseline read", "A as the baseline updated", "a hard link to A", "a symbolic link to A",
    "a checked file", "a fact-checked file",
]


@pytest.mark.parametrize("case", CASES)
def test_an_output_onto_an_input_is_refused_and_the_input_untouched(
    tmp_path: Path, texts: tuple[Path, Path], case: str
) -> None:
    (tmp_path / "kzlint.toml").write_text("fail_on = 'error'\n[grammar]\nwords = 'words.txt'\n", encoding="utf-8")
    (tmp_path / "words.txt").write_text("Qudaibergen\n", encoding="utf-8")
    args, kept = _overwrite_cases(tmp_path, *texts)[case]
    before = kept.read_bytes()
    error = one_line_error(kzlint(*args, cwd=tmp_path))
    assert "is an input of this run" in error
    assert kept.read_bytes() == before


# --- Special files stay special ---------------------------------------------------------------------


def test_dash_is_standard_output(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    result = kzlint("check", str(texts[0]), *FAST, "-o", "-", cwd=tmp_path)
    assert result.returncode in (0, 1) and result.stdout.startswith("# ")
    assert not (tmp_path / "-").exists() and "wrote" not in result.stderr


def test_a_fifo_is_written_as_a_stream(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = kzlint("check", str(texts[0]), *FAST, "-o", str(fifo), cwd=tmp_path)
    reader.join(timeout=60)
    assert result.returncode in (0, 1), result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and received[0].startswith(b"# ")


def test_a_socket_is_written_as_a_stream(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    path = tmp_path / "report.sock"
    received = bytearray()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)

        def receive() -> None:
            connection, _ = server.accept()
            with connection:
                while chunk := connection.recv(65536):
                    received.extend(chunk)

        reader = threading.Thread(target=receive)
        reader.start()
        result = kzlint("check", str(texts[0]), *FAST, "-o", str(path), cwd=tmp_path)
        reader.join(timeout=60)
    assert result.returncode in (0, 1), result.stderr
    assert stat.S_ISSOCK(path.lstat().st_mode) and received.startswith(b"# ")


def test_a_character_device_stays_a_device(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc.strerror}): needs root with CAP_MKNOD")
    result = kzlint("check", str(texts[0]), *FAST, "-o", str(null), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["excerpts.txt", "full.txt", "null"]


def test_a_block_device_is_refused(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    disk = tmp_path / "disk"
    try:  # a loop device number no machine attaches: nothing could be written even if kzlint tried
        os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 1000))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc.strerror}): needs root with CAP_MKNOD")
    error = one_line_error(kzlint("check", str(texts[0]), *FAST, "-o", str(disk), cwd=tmp_path))
    assert "is a block device" in error and stat.S_ISBLK(disk.lstat().st_mode)


def test_a_symbolic_link_output_stays_a_link_to_the_new_report(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    real = tmp_path / "reports" / "latest-real.md"
    real.parent.mkdir()
    real.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    result = kzlint("check", str(texts[0]), *FAST, "-o", str(link), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("# ")


# --- One error format -------------------------------------------------------------------------------

USAGE_ERRORS = {
    "missing argument": (["align", "x.txt"], "missing argument 'B'"),
    "bad --format": (["align", "a.txt", "b.txt", "--format", "xml"], "'xml' is not one of 'markdown', 'json'"),
    "negative --jobs": (["align", "a.txt", "b.txt", "--jobs", "-1"], "'--jobs'"),
    "unknown option": (["check", "a.txt", "--colour"], "no such option: --colour"),
    "unknown command": (["allign"], "no such command 'allign'"),
    "extra argument": (["align", "a.txt", "b.txt", "c.txt"], "unexpected extra argument"),
    "option without value": (["check", "a.txt", "-o"], "'-o' requires an argument"),
    "bad severity": (["check", "a.txt", "--fail-on", "fatal"], "unknown severity 'fatal'"),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_every_usage_error_is_one_line_with_the_fix(tmp_path: Path, case: str) -> None:
    (tmp_path / "a.txt").write_text("A text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Another text.\n", encoding="utf-8")
    args, expected = USAGE_ERRORS[case]
    error = one_line_error(kzlint(*args, cwd=tmp_path))
    assert expected in error


def test_a_parser_error_names_the_usage_and_the_help() -> None:
    error = one_line_error(kzlint("align", "x.txt"))
    assert error == (
        "kzlint: error: missing argument 'B' (usage: kzlint align [OPTIONS] A B; see kzlint align --help)\n"
    )


# --- Help that reads well ---------------------------------------------------------------------------

COMMANDS = [["align"], ["check"], ["facts"], ["init"], ["rules"], ["rules", "show"], ["rules", "test"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_command_help_names_its_arguments_and_gives_examples(command: list[str]) -> None:
    result = kzlint(*command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout
    assert "{" not in result.stdout.splitlines()[0] and "<list[" not in result.stdout and "<path>" not in result.stdout


def test_help_usage_lines_name_the_arguments() -> None:
    assert kzlint("align", "--help").stdout.startswith("Usage: kzlint align [OPTIONS] A B\n")
    assert kzlint("check", "--help").stdout.startswith("Usage: kzlint check [OPTIONS] FILE...\n")
    assert kzlint("facts", "--help").stdout.startswith("Usage: kzlint facts [OPTIONS] FILE FILE...\n")


def test_check_prints_to_standard_output_and_writes_no_file(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    result = kzlint("check", str(texts[0]), *FAST, cwd=tmp_path)
    assert result.returncode in (0, 1) and result.stdout.startswith("# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["excerpts.txt", "full.txt"]
    assert "standard output" in kzlint("check", "--help").stdout


# --- Rule ids are checked ---------------------------------------------------------------------------


def test_a_typo_in_disable_names_the_closest_rule(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    error = one_line_error(kzlint("check", str(texts[0]), *FAST, "--disable", "KZ2O1", cwd=tmp_path))
    assert "--disable KZ2O1" in error and "KZ201" in error


def test_an_empty_disable_is_refused_rather_than_switching_everything_off(
    tmp_path: Path, texts: tuple[Path, Path]
) -> None:
    error = one_line_error(kzlint("check", str(texts[0]), *FAST, "--disable", "", cwd=tmp_path))
    assert "empty id" in error


def test_a_family_prefix_is_a_valid_disable(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    result = kzlint("check", str(texts[0]), *FAST, "--disable", "KZ2", "--disable", "GR.harper", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('disable = ["KZ1O2"]\n', "kzlint.toml: 'disable'"),
        ('[severity]\n"KZ1O2" = "error"\n', "kzlint.toml: 'severity.KZ1O2'"),
    ],
)
def test_a_typo_in_the_configuration_names_the_closest_rule(
    tmp_path: Path, texts: tuple[Path, Path], config: str, expected: str
) -> None:
    (tmp_path / "kzlint.toml").write_text(config, encoding="utf-8")
    error = one_line_error(kzlint("check", str(texts[0]), *FAST, cwd=tmp_path))
    assert expected in error and "KZ102" in error


def test_a_backend_rule_has_a_page_from_the_backend() -> None:
    result = kzlint("rules", "show", "GR.harper.SpellCheck")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("GR.harper.SpellCheck (SpellCheck)\n") and "misspelled words" in result.stdout


def test_an_unknown_backend_rule_names_the_closest() -> None:
    error = one_line_error(kzlint("rules", "show", "GR.harper.SpelCheck"))
    assert "GR.harper.SpellCheck" in error


def test_the_rule_list_shows_every_severity_a_rule_can_give() -> None:
    rows = {line.split()[0]: line for line in kzlint("rules").stdout.splitlines()}
    for rule_id in ("KZ120", "KZ140"):
        assert "warning, info" in rows[rule_id]
    assert "error, warning, info" in rows["KZ130"]
    assert " warning " in rows["KZ101"] and "info" not in rows["KZ101"]
    assert " off " in rows["KZ121"]  # rewordings: only when asked for


# --- facts refuses the same file twice --------------------------------------------------------------


def test_facts_refuses_the_same_file_twice(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    a = texts[0]
    os.link(a, tmp_path / "same.txt")
    for second in (a, tmp_path / "same.txt"):
        error = one_line_error(kzlint("facts", str(a), str(second), "-q", "-o", "-", cwd=tmp_path))
        assert "are the same file" in error


def test_align_with_refuses_a_text_it_already_compares(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    a, b = texts
    error = one_line_error(kzlint("align", str(a), str(b), *FAST, "--with", str(b), "-o", "-", cwd=tmp_path))
    assert "are the same file" in error


# --- Baselines survive renames ----------------------------------------------------------------------


def test_a_baseline_survives_renaming_the_draft(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    a, b = texts
    recorded = kzlint("align", str(a), str(b), *FAST, "--baseline", "accepted.json", "--update-baseline", cwd=tmp_path)
    assert recorded.returncode == 0 and recorded.stderr.startswith("kzlint: recorded "), recorded.stderr
    renamed = a.rename(tmp_path / "excerpts-final.txt")
    later = kzlint("align", str(renamed), str(b), *FAST, "-f", "json", "--baseline", "accepted.json", cwd=tmp_path)
    assert later.returncode == 0, later.stderr
    assert json.loads(later.stdout)["findings"] == []


# --- Permissions, as a user without privileges ------------------------------------------------------


DROP_PRIVILEGES = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]  # user nobody


class Unprivileged:
    """A folder anyone may enter, and kzlint run there as a user without privileges.

    Root reads and writes everything, so as root the command runs as
    ``nobody`` (through setpriv); as any other user it runs as that user.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.prefix = DROP_PRIVILEGES if os.geteuid() == 0 else []

    def write(self, name: str, mode: int) -> Path:
        path = self.folder / name
        path.write_text("A short text of the desk.\n", encoding="utf-8")
        path.chmod(mode)
        return path

    def kzlint(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.prefix, sys.executable, "-m", "linter", *args], cwd=self.folder, capture_output=True, text=True,
            timeout=300, env={**os.environ, "PYTHONPATH": str(REPO), "KZLINT_CACHE_DIR": str(self.folder / "cache")},
        )


@pytest.fixture
def unprivileged() -> Iterator[Unprivileged]:
    """A fresh folder (pytest's own are private to the user running it), or a skip saying why it cannot work."""
    folder = Path(tempfile.mkdtemp(prefix="kzlint-permissions-"))
    folder.chmod(0o777)
    user = Unprivileged(folder)
    if user.prefix:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot drop privileges to test permissions")
        if user.kzlint("--version").returncode != 0:
            pytest.skip("running as root, and user nobody cannot run this Python and kzlint to test permissions")
    yield user
    shutil.rmtree(folder, ignore_errors=True)


def test_an_unreadable_input_is_one_line(unprivileged: Unprivileged) -> None:
    secret = unprivileged.write("secret.txt", 0o000)
    assert "secret.txt" in one_line_error(unprivileged.kzlint("check", str(secret), *FAST))


def test_an_unwritable_folder_is_one_line(unprivileged: Unprivileged) -> None:
    text = unprivileged.write("text.txt", 0o644)
    locked = unprivileged.folder / "locked"
    locked.mkdir(mode=0o555)
    result = unprivileged.kzlint("check", str(text), *FAST, "-o", str(locked / "r.md"))
    assert "cannot write" in one_line_error(result)
    assert list(locked.iterdir()) == []
