"""The LanguageTool backend, against a fake server that speaks LanguageTool's /v2 protocol.

CI has no Java LanguageTool: tests/languagetool_fake.py answers ``/v2/check``
with LanguageTool's JSON, offsets in UTF-16 units, so the mapping of real
replies (offsets after an emoji, replacements, categories, request fields)
is checked end to end. With ``KZLINT_LANGUAGETOOL_URL`` set, one more test
runs against that real server.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from languagetool_fake import VERSION, FakeLanguageTool
from typer.testing import CliRunner

from linter.cli import app
from linter.errors import BackendUnavailable
from linter.grammar import run_grammar
from linter.grammar.backends import open_backend
from linter.grammar.languagetool import server_root, utf16_to_code_points
from linter.model import Category, Finding, Severity
from linter.rules.base import TextUnderCheck
from linter.segment import segment
from linter.settings import GrammarSettings, Settings

# An emoji (two UTF-16 units) before each slip: LanguageTool's offsets run one ahead of Python's.
TEXT = (
    "Astana talks\n"
    "\n"
    "The 😀 delegation met in Astana , then teh talks began.\n"
    "\n"
    "The talks with Tokayev were very good.\n"
)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeLanguageTool]:
    with FakeLanguageTool() as fake:
        yield fake


@pytest.fixture()
def no_languagetool(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """No server URL, and an empty language_tool_python download folder: nothing to run."""
    monkeypatch.delenv("KZLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "no-languagetool-here"))
    return {"KZLINT_LANGUAGETOOL_URL": None, "LTP_PATH": str(tmp_path / "no-languagetool-here")}


def _settings(url: str | None, **grammar: object) -> Settings:
    options = {"backend": "languagetool", "languagetool_url": url, "cache": False, **grammar}
    return Settings(grammar=GrammarSettings(**options))


def _run(
    url: str | None, text: str = TEXT, companions: tuple[str, ...] = (), **grammar: object
) -> tuple[list[Finding], str]:
    doc = segment(Path("talks.txt"), text)
    others = tuple(segment(Path("other.txt"), other) for other in companions)
    run = run_grammar([TextUnderCheck(doc, "a", others)], _settings(url, **grammar))
    return run.findings, run.backend


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_replies_map_to_findings_at_the_right_place(server: FakeLanguageTool) -> None:
    findings, backend = _run(server.url)
    assert backend == f"LanguageTool {VERSION} at {server.url} (en-US)"
    shown = {
        (f.rule, f.category, f.locations[0].line, f.locations[0].column, f.locations[0].text, f.suggestion)
        for f in findings
    }
    assert shown == {
        ("GR.languagetool.COMMA_PARENTHESIS_WHITESPACE", Category.GRAMMAR, 3, 31, " ,", ","),
        ("GR.languagetool.MORFOLOGIK_RULE_EN_US", Category.SPELLING, 3, 39, "teh", "the / ten / tea"),
        ("GR.languagetool.MORFOLOGIK_RULE_EN_US", Category.SPELLING, 5, 16, "Tokayev", "Tokay"),
    }
    assert all(f.message and f.severity is Severity.WARNING for f in findings)


def test_names_confirmed_by_another_source_are_dropped_for_languagetool_too(server: FakeLanguageTool) -> None:
    findings, _ = _run(server.url, companions=("Tokayev met Xi in Astana.",))
    assert "Tokayev" not in {f.locations[0].text for f in findings}


def test_a_capitalised_slip_is_told_from_a_name_by_languagetools_suggestions(server: FakeLanguageTool) -> None:
    """LanguageTool gives no dictionary to ask; a suggestion a slip away says the word is a typo, not a name."""
    findings, _ = _run(server.url, text="Guests from the United Kindgom met President Tokayev.")
    assert [f.locations[0].text for f in findings] == ["Kindgom"]


def test_request_fields_carry_language_and_picky_level(server: FakeLanguageTool) -> None:
    server.requests.clear()
    findings, backend = _run(server.url, language="en-GB", picky=True)
    checks = [r for r in server.requests if r["text"] != "kzlint"]
    assert {r["language"] for r in server.requests} == {"en-GB"} and {r["level"] for r in checks} == {"picky"}
    assert sorted(r["text"] for r in checks) == sorted(p.text for p in segment(Path("t.txt"), TEXT).paragraphs)
    [style] = [f for f in findings if f.rule == "GR.languagetool.EN_WEAK_ADJECTIVE"]
    shown = (style.category, style.severity, style.locations[0].text, style.suggestion)
    assert shown == (Category.STYLE, Severity.INFO, "very", None)
    assert backend.endswith("(en-GB)")


def test_default_level_sends_no_picky_field(server: FakeLanguageTool) -> None:
    server.requests.clear()
    _run(server.url, jobs=2)
    assert server.requests and all("level" not in r for r in server.requests)


def test_results_come_from_the_cache_on_the_second_run(
    server: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KZLINT_CACHE_DIR", str(tmp_path))
    first, _ = _run(server.url, cache=True)
    server.requests.clear()
    second, _ = _run(server.url, cache=True)
    assert second == first
    assert [r["text"] for r in server.requests] == ["kzlint"]  # only the version probe


def test_an_unsupported_language_is_one_line_from_the_server(server: FakeLanguageTool) -> None:
    with pytest.raises(BackendUnavailable, match=r"is not available \(HTTP 400: Error: 'xx-XX' is not a language code"):
        _run(server.url, language="xx-XX")


@pytest.mark.parametrize(
    ("text", "units"),
    [("abc", [0, 1, 2, 3]), ("😀a", [0, 0, 1, 2]), ("a😀b😀", [0, 1, 1, 2, 3, 3, 4])],
)
def test_utf16_offsets_convert_to_code_points(text: str, units: list[int]) -> None:
    assert utf16_to_code_points(text) == units


@pytest.mark.parametrize(
    ("given", "root"),
    [
        ("http://localhost:8081", "http://localhost:8081"),
        ("http://localhost:8081/v2/", "http://localhost:8081"),
        ("localhost:8081/v2", "http://localhost:8081"),
        ("https://lt.example.org/api/", "https://lt.example.org/api"),
    ],
)
def test_server_urls_are_accepted_with_or_without_v2(given: str, root: str) -> None:
    assert server_root(given) == root


# --- choosing the backend ---------------------------------------------------------------------


def test_auto_uses_the_server_from_the_environment(server: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZLINT_LANGUAGETOOL_URL", server.url)
    assert open_backend(GrammarSettings(backend="auto")).description.startswith("LanguageTool ")


def test_auto_without_languagetool_runs_harper(no_languagetool: dict[str, str]) -> None:
    assert open_backend(GrammarSettings(backend="auto")).description.startswith("Harper ")


def test_auto_falls_back_to_harper_and_says_why(no_languagetool: dict[str, str]) -> None:
    url = _closed_port_url()
    description = open_backend(GrammarSettings(backend="auto", languagetool_url=url)).description
    assert description.startswith("Harper ") and f"LanguageTool at {url} is not available" in description


def test_languagetool_with_nothing_available_says_what_to_do(no_languagetool: dict[str, str]) -> None:
    with pytest.raises(BackendUnavailable) as raised:
        open_backend(GrammarSettings(backend="languagetool"))
    message = str(raised.value)
    assert "\n" not in message and "--languagetool-url" in message and "--grammar harper" in message


# --- the command line -------------------------------------------------------------------------


def _kzlint(*args: str, env: dict[str, str | None] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def test_check_through_the_cli_reports_languagetool_findings(server: FakeLanguageTool, tmp_path: Path) -> None:
    text = tmp_path / "talks.txt"
    text.write_text(TEXT, encoding="utf-8")
    result = _kzlint(
        "check", str(text), "--grammar", "languagetool", "--languagetool-url", server.url,
        "--no-cache", "--format", "json", "--quiet",
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    rules = {f["rule"] for f in _json_findings(report)}
    assert {"GR.languagetool.COMMA_PARENTHESIS_WHITESPACE", "GR.languagetool.MORFOLOGIK_RULE_EN_US"} <= rules
    assert VERSION in json.dumps(report)


def _json_findings(report: object) -> list[dict]:
    """Every finding object in a JSON report, wherever the reporter nests them."""
    if isinstance(report, dict):
        found = [report] if "rule" in report and "message" in report else []
        return found + [f for value in report.values() for f in _json_findings(value)]
    if isinstance(report, list):
        return [f for item in report for f in _json_findings(item)]
    return []


def test_languagetool_with_nothing_configured_is_one_line_and_exit_2(
    no_languagetool: dict[str, str], tmp_path: Path
) -> None:
    text = tmp_path / "talks.txt"
    text.write_text(TEXT, encoding="utf-8")
    report = tmp_path / "r.md"
    result = _kzlint("check", str(text), "--grammar", "languagetool", "-o", str(report), "--quiet", env=no_languagetool)
    assert result.exit_code == 2
    assert result.stderr.startswith("kzlint: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "LanguageTool" in result.stderr and "Traceback" not in result.stderr
    assert not report.exists()


# --- a server that is down, slow or answers garbage -------------------------------------------


@pytest.fixture()
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries as in real runs, without the real pauses between them."""
    monkeypatch.setattr("linter.grammar.languagetool._RETRY_PAUSE", 0.01)


def _check_with_server(url: str, tmp_path: Path, *options: str) -> tuple[int, str, dict]:
    """``kzlint check`` with LanguageTool at ``url``: exit code, Markdown report, JSON report."""
    text = tmp_path / "talks.txt"
    text.write_text(TEXT, encoding="utf-8")
    config = tmp_path / "kzlint.toml"
    config.write_text("[grammar]\ntimeout = 0.3\n", encoding="utf-8")
    common = ["check", str(text), "--config", str(config), "--grammar", "languagetool", "--languagetool-url", url,
              "--no-cache", "--quiet", *options]
    markdown = _kzlint(*common, "-o", str(tmp_path / "r.md"))
    document = json.loads(_kzlint(*common, "--format", "json").stdout)
    return markdown.exit_code, (tmp_path / "r.md").read_text(encoding="utf-8"), document["files"][0]


def _assert_not_checked(markdown: str, document: dict, reason: str) -> None:
    assert "Grammar and spelling: not checked" in markdown.replace("**", "") and reason in markdown
    assert document["grammar_backend"] is None and reason in document["grammar_failure"]
    assert [f["rule"] for f in document["findings"]] == ["GR.unavailable"]
    assert document["findings"][0]["severity"] == "warning"


def test_a_server_that_is_down_gives_a_report_that_says_so(tmp_path: Path, quick_retries: None) -> None:
    url = _closed_port_url()
    code, markdown, document = _check_with_server(url, tmp_path)
    assert code == 0, "a warning does not fail the run at the default --fail-on error"
    _assert_not_checked(markdown, document, f"LanguageTool at {url} is not available")
    assert "3 tries" in document["grammar_failure"]
    code, _, _ = _check_with_server(url, tmp_path, "--fail-on", "warning")
    assert code == 1, "--fail-on warning stops a pipeline that relies on the grammar check"


@pytest.mark.parametrize(
    ("fault", "reason"),
    [("slow", "no reply within 0.3 s"), ("garbage", "not LanguageTool's JSON"), ("error", "HTTP 503")],
)
def test_a_server_that_fails_while_checking_is_tried_three_times(
    tmp_path: Path, quick_retries: None, fault: str, reason: str
) -> None:
    with FakeLanguageTool() as server:
        server.misbehave(fault)
        code, markdown, document = _check_with_server(server.url, tmp_path, "--jobs", "1")
        checks = [r for r in server.requests if r["text"] != "kzlint"]
    assert code == 0
    _assert_not_checked(markdown, document, reason)
    assert "3 tries" in document["grammar_failure"]
    # Two runs (Markdown, then JSON); each asks about the first paragraph three times, then gives up.
    assert len(checks) == 6 and len({r["text"] for r in checks}) == 1


# --- a real LanguageTool, when one is configured ----------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("KZLINT_LANGUAGETOOL_URL"),
    reason="no real LanguageTool: set KZLINT_LANGUAGETOOL_URL=http://host:port to run this test",
)
def test_a_real_languagetool_server() -> None:
    url = os.environ["KZLINT_LANGUAGETOOL_URL"]
    findings, backend = _run(url, text="The 😀 delegation met in Astana , then teh talks began.\n")
    assert backend.startswith("LanguageTool ")
    places = {(f.category, f.locations[0].text.strip()) for f in findings}
    assert (Category.SPELLING, "teh") in places
    assert any(f.locations[0].text.startswith(" ") for f in findings if f.category is not Category.SPELLING)
