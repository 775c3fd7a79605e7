"""Configuration: where it is found, what each key does, one-line errors, and flags over the file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from linter.cli import app
from linter.config import Overrides, find_config, load_settings
from linter.errors import ConfigError
from linter.model import Severity
from linter.settings import Settings


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str) -> str:
    write(tmp_path / "kzlint.toml", text)
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path, Overrides())
    return str(error.value)


def test_no_configuration_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path, Overrides()) == Settings()


def test_kzlint_toml_is_found_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "kzlint.toml", 'fail_on = "warning"\n')
    (tmp_path / "drafts" / "july").mkdir(parents=True)
    assert load_settings(tmp_path / "drafts" / "july", Overrides()).fail_on is Severity.WARNING


def test_pyproject_without_a_kzlint_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "kzlint.toml", 'fail_on = "info"\n')
    write(tmp_path / "app" / "pyproject.toml", '[project]\nname = "app"\n')
    assert load_settings(tmp_path / "app", Overrides()).fail_on is Severity.INFO


def test_the_nearest_configuration_wins_and_kzlint_toml_before_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "kzlint.toml", 'fail_on = "info"\n')
    write(tmp_path / "app" / "pyproject.toml", '[tool.kzlint]\nfail_on = "warning"\n')
    assert load_settings(tmp_path / "app", Overrides()).fail_on is Severity.WARNING
    write(tmp_path / "app" / "kzlint.toml", 'fail_on = "error"\n')
    found = find_config(tmp_path / "app")
    assert found is not None and found[0].name == "kzlint.toml"
    assert load_settings(tmp_path / "app", Overrides()).fail_on is Severity.ERROR


def test_config_flag_skips_the_search(tmp_path: Path) -> None:
    write(tmp_path / "kzlint.toml", 'fail_on = "info"\n')
    write(tmp_path / "other" / "strict.toml", 'fail_on = "warning"\n')
    settings = load_settings(tmp_path, Overrides(config_file=Path("other/strict.toml")))
    assert settings.fail_on is Severity.WARNING


def test_every_key_is_read_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    write(tmp_path / "words.txt", "Tokayev\n# a comment\n\nAkorda  # the palace\n")
    write(
        tmp_path / "kzlint.toml",
        """
        rules = ["my-rules", "extra.yml"]
        default_rules = false
        disable = ["house.", "KZ120"]
        fail_on = "warning"
        companions = ["sources"]

        [severity]
        "glossary.sco-name" = "error"
        KZ201 = "info"

        [grammar]
        backend = "off"
        languagetool_url = "http://localhost:8081"
        language = "en-GB"
        picky = true
        cache = false
        jobs = 2
        words = "words.txt"
    """,
    )
    settings = load_settings(tmp_path, Overrides())
    assert settings.rule_paths == ((tmp_path / "my-rules").resolve(), (tmp_path / "extra.yml").resolve())
    assert settings.default_rules is False
    assert settings.disabled == frozenset({"house.", "KZ120"})
    assert dict(settings.severities) == {"KZ201": Severity.INFO, "glossary.sco-name": Severity.ERROR}
    assert settings.fail_on is Severity.WARNING
    assert settings.companions == ((tmp_path / "sources").resolve(),)
    grammar = settings.grammar
    assert (grammar.backend, grammar.languagetool_url, grammar.language) == ("off", "http://localhost:8081", "en-GB")
    assert (grammar.picky, grammar.cache, grammar.jobs, grammar.words) == (True, False, 2, ("Tokayev", "Akorda"))


def test_pyproject_table_reads_the_same_keys(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
        [tool.kzlint]
        disable = ["KZ1"]

        [tool.kzlint.grammar]
        words = ["Qudaibergen"]
    """,
    )
    settings = load_settings(tmp_path, Overrides())
    assert settings.disabled == frozenset({"KZ1"}) and settings.grammar.words == ("Qudaibergen",)


def test_flags_override_the_file(tmp_path: Path) -> None:
    write(
        tmp_path / "kzlint.toml",
        """
        rules = ["a.yml"]
        disable = ["KZ120"]
        fail_on = "info"
        [grammar]
        backend = "harper"
        picky = true
    """,
    )
    overrides = Overrides(rule_paths=(Path("b.yml"),), disabled=("KZ201",), fail_on="error", grammar="off", picky=False)
    settings = load_settings(tmp_path, overrides)
    assert settings.rule_paths == ((tmp_path / "a.yml").resolve(), Path("b.yml"))
    assert settings.disabled == frozenset({"KZ120", "KZ201"})
    assert settings.fail_on is Severity.ERROR
    assert (settings.grammar.backend, settings.grammar.picky) == ("off", False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail_on = "fatal"\n', "'fail_on' unknown severity 'fatal' (choose from info, warning, error)"),
        (
            "rulez = []\n",
            "unknown key 'rulez' (known keys: rules, default_rules, disable, enable, severity, fail_on, companions, encoding, max_file_mb, fetch_timeout, grammar)",
        ),
        ('rules = "my-rules"\n', "'rules' must be a list of texts, not text"),
        ('companions = ["sources", ""]\n', "'companions' item 2 must be non-empty text, not empty text"),
        ('default_rules = "yes"\n', "'default_rules' must be true or false, not text"),
        ("[severity]\nKZ201 = 3\n", "'severity.KZ201' must be info, warning or error, not a number"),
        ('severity = "error"\n', "'severity' must be a table of rule id = level, not text"),
        ('grammar = "off"\n', "'grammar' must be a table ([grammar] or [tool.kzlint.grammar])"),
        (
            '[grammar]\nbackend = "word"\n',
            "'grammar.backend' must be one of auto, languagetool, harper, off, not 'word'",
        ),
        ("[grammar]\njobs = -1\n", "'grammar.jobs' must be a whole number of at least 0, not a number"),
        (
            "[grammar]\nspeed = 1\n",
            "unknown key 'grammar.speed' (known keys: backend, languagetool_url, language, picky, cache, jobs, words, timeout)",
        ),
        ('[grammar]\nwords = "missing.txt"\n', "'grammar.words' names"),
        ("fail_on = \n", "invalid TOML: Invalid value (at line 1, column 11)"),
    ],
)
def test_a_mistake_is_one_line_naming_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    error = config_error(tmp_path, text)
    assert error.startswith(f"{tmp_path / 'kzlint.toml'}: {message}") and "\n" not in error


def test_missing_config_file_and_pyproject_without_table_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as missing:
        load_settings(tmp_path, Overrides(config_file=Path("nowhere.toml")))
    assert str(missing.value) == f"{tmp_path / 'nowhere.toml'}: no such configuration file"
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError) as without_table:
        load_settings(tmp_path, Overrides(config_file=Path("pyproject.toml")))
    assert str(without_table.value) == f"{tmp_path / 'pyproject.toml'}: no [tool.kzlint] table"


def test_the_cli_prints_a_config_error_as_one_line_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "kzlint.toml", "disable = [1]\n")
    result = CliRunner().invoke(app, ["rules"])
    assert (result.exit_code, result.stderr) == (
        2,
        "kzlint: error: kzlint.toml: 'disable' item 1 must be non-empty text, not a number\n",
    )


def test_configured_severities_and_disabled_rules_show_in_the_rule_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "kzlint.toml", 'disable = ["house."]\n[severity]\n"glossary.sco-name" = "error"\n')
    rows = {line.split()[0]: line.split()[2] for line in CliRunner().invoke(app, ["rules"]).stdout.splitlines()[1:]}
    assert rows["glossary.sco-name"] == "error" and rows["house.email"] == "off" and rows["KZ201"] == "warning"


def test_the_repository_names_the_seed_sources_as_companions() -> None:
    settings = load_settings(REPO, Overrides())
    assert settings.companions == ((REPO / "sources").resolve(),)
