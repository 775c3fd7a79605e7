"""Configuration: find ``kzlint.toml`` or ``[tool.kzlint]`` and merge command-line flags over it.

The search starts in the working folder and walks up to the file system's
root; the first ``kzlint.toml``, or ``pyproject.toml`` with a ``[tool.kzlint]``
table, wins (``kzlint.toml`` first when a folder has both). ``--config FILE``
skips the search. Paths in a configuration file are relative to its folder.
Every mistake is one line naming the file and the key.
"""

from __future__ import annotations

import codecs
import dataclasses
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from linter.errors import ConfigError
from linter.model import Severity
from linter.settings import GrammarSettings, InputSettings, Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "kzlint.toml"
PYPROJECT_NAME = "pyproject.toml"
GRAMMAR_BACKENDS = ("auto", "languagetool", "harper", "off")


@dataclass(frozen=True)
class Overrides:
    """What the command line said; ``None`` and empty mean "not given"."""

    config_file: Path | None = None
    rule_paths: tuple[Path, ...] = ()
    disabled: tuple[str, ...] = ()
    enabled: tuple[str, ...] = ()
    fail_on: str | None = None
    companions: tuple[Path, ...] = ()
    grammar: str | None = None
    languagetool_url: str | None = None
    language: str | None = None
    picky: bool | None = None
    cache: bool | None = None
    jobs: int | None = None
    encoding: str | None = None
    max_file_mb: float | None = None


def load_settings(cwd: Path, overrides: Overrides) -> Settings:
    """Settings for a run started in ``cwd``: configuration file first, then flags."""
    if overrides.config_file is not None:
        found = read_config(cwd / overrides.config_file, required=True)
    else:
        found = find_config(cwd)
    settings = settings_from(*found) if found else Settings()
    return apply_overrides(settings, overrides)


def find_config(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    """The nearest configuration at or above ``start``, with its table of settings."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in (CONFIG_NAME, PYPROJECT_NAME):
            found = read_config(folder / name, required=False) if (folder / name).is_file() else None
            if found:
                return found
    return None


def read_config(path: Path, required: bool) -> tuple[Path, Mapping[str, Any]] | None:
    """The kzlint table of one file: all of ``kzlint.toml``, or ``[tool.kzlint]`` of a ``pyproject.toml``.

    A ``pyproject.toml`` without the table is not kzlint's (``None``), unless
    the user named it with ``--config`` (``required``), which makes it an error.
    """
    shown = shown_path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such configuration file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None
    if path.name != PYPROJECT_NAME:
        return path, document
    table = document.get("tool", {}).get("kzlint")
    if table is None:
        if required:
            raise ConfigError(f"{shown}: no [tool.kzlint] table")
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: [tool.kzlint] must be a table")
    return path, table


def settings_from(path: Path, table: Mapping[str, Any]) -> Settings:
    """Check every key of a configuration table and build the settings it describes."""
    keys = ConfigKeys(path, "")
    keys.reject_unknown(table, _TOP_LEVEL)
    grammar_table = table.get("grammar", {})
    if not isinstance(grammar_table, dict):
        raise ConfigError(f"{shown_path(path)}: 'grammar' must be a table ([grammar] or [tool.kzlint.grammar])")
    defaults = Settings()
    return Settings(
        rule_paths=tuple(keys.relative_path(p) for p in keys.strings(table, "rules", [])),
        default_rules=keys.boolean(table, "default_rules", defaults.default_rules),
        disabled=frozenset(keys.strings(table, "disable", [])),
        enabled=frozenset(keys.strings(table, "enable", [])),
        severities=MappingProxyType(keys.severities(table)),
        fail_on=keys.severity(table, "fail_on", defaults.fail_on),
        companions=tuple(keys.relative_path(p) for p in keys.strings(table, "companions", [])),
        grammar=grammar_settings(ConfigKeys(path, "grammar."), grammar_table),
        input=input_settings(keys, table),
        config_file=path,
    )


def input_settings(keys: ConfigKeys, table: Mapping[str, Any]) -> InputSettings:
    defaults = InputSettings()
    encoding = keys.string(table, "encoding", None)
    if encoding is not None:
        try:
            checked_encoding(encoding)
        except ValueError as problem:
            raise keys.error("encoding", str(problem)) from None
    return InputSettings(
        encoding,
        keys.positive_number(table, "max_file_mb", defaults.max_file_mb),
        keys.positive_number(table, "fetch_timeout", defaults.fetch_timeout),
    )


def checked_encoding(name: str) -> str:
    """``name`` if Python can decode with it; a ValueError that says so otherwise."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (for example utf-8, utf-16, windows-1251, windows-1252)") from None
    return name


def grammar_settings(keys: ConfigKeys, table: Mapping[str, Any]) -> GrammarSettings:
    keys.reject_unknown(table, _GRAMMAR)
    defaults = GrammarSettings()
    backend = keys.string(table, "backend", defaults.backend)
    if backend not in GRAMMAR_BACKENDS:
        raise keys.error("backend", f"must be one of {', '.join(GRAMMAR_BACKENDS)}, not {backend!r}")
    return GrammarSettings(
        backend=backend,
        languagetool_url=keys.string(table, "languagetool_url", None),
        language=keys.string(table, "language", defaults.language),
        picky=keys.boolean(table, "picky", defaults.picky),
        cache=keys.boolean(table, "cache", defaults.cache),
        jobs=keys.integer(table, "jobs", defaults.jobs),
        words=keys.words(table),
        timeout=keys.positive_number(table, "timeout", defaults.timeout),
        words_file=keys.words_file(table),
    )


@dataclass(frozen=True)
class ConfigKeys:
    """Reads and checks the keys of one table; errors name the file and the key."""

    path: Path
    prefix: str

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{shown_path(self.path)}: '{self.prefix}{key}' {problem}")

    def reject_unknown(self, table: Mapping[str, Any], known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                raise ConfigError(
                    f"{shown_path(self.path)}: unknown key '{self.prefix}{key}' (known keys: {', '.join(known)})"
                )

    def relative_path(self, value: str) -> Path:
        """A path written in the file, relative to the file's folder."""
        return (self.path.parent / value).resolve()

    def typed(self, table: Mapping[str, Any], key: str, default: Any, check: Callable[[Any], bool], kind: str) -> Any:
        if key not in table:
            return default
        value = table[key]
        if not check(value):
            raise self.error(key, f"must be {kind}, not {_toml_kind(value)}")
        return value

    def string(self, table: Mapping[str, Any], key: str, default: str | None) -> str | None:
        return self.typed(table, key, default, lambda v: isinstance(v, str) and v != "", "non-empty text")

    def boolean(self, table: Mapping[str, Any], key: str, default: bool) -> bool:
        return bool(self.typed(table, key, default, lambda v: isinstance(v, bool), "true or false"))

    def integer(self, table: Mapping[str, Any], key: str, default: int) -> int:
        def whole(value: Any) -> bool:
            return isinstance(value, int) and not isinstance(value, bool) and value >= 0

        return int(self.typed(table, key, default, whole, "a whole number of at least 0"))

    def positive_number(self, table: Mapping[str, Any], key: str, default: float) -> float:
        def positive(value: Any) -> bool:
            return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0

        return float(self.typed(table, key, default, positive, "a number above 0"))

    def strings(self, table: Mapping[str, Any], key: str, default: list[str]) -> list[str]:
        value = self.typed(table, key, default, lambda v: isinstance(v, list), "a list of texts")
        for number, item in enumerate(value, 1):
            if not (isinstance(item, str) and item):
                raise self.error(key, f"item {number} must be non-empty text, not {_toml_kind(item)}")
        return list(value)

    def severity(self, table: Mapping[str, Any], key: str, default: Severity) -> Severity:
        value = self.string(table, key, None)
        return default if value is None else self._severity(key, value)

    def severities(self, table: Mapping[str, Any]) -> dict[str, Severity]:
        levels = self.typed(table, "severity", {}, lambda v: isinstance(v, dict), "a table of rule id = level")
        return {rule: self._severity(f"severity.{rule}", level) for rule, level in sorted(levels.items())}

    def words(self, table: Mapping[str, Any]) -> tuple[str, ...]:
        """The user's word list: a list of words, or the path of a file with one word a line (``#`` comments)."""
        value = table.get("words", [])
        if isinstance(value, str) and value:
            return tuple(read_word_list(self.path.parent / value, self.path))
        return tuple(self.strings(table, "words", []))

    def words_file(self, table: Mapping[str, Any]) -> Path | None:
        """The file of the user's word list, when ``words`` names one rather than listing the words."""
        value = table.get("words")
        return self.path.parent / value if isinstance(value, str) and value else None

    def _severity(self, key: str, value: Any) -> Severity:
        if not isinstance(value, str):
            raise self.error(key, f"must be info, warning or error, not {_toml_kind(value)}")
        try:
            return Severity.parse(value)
        except ValueError as problem:
            raise self.error(key, str(problem)) from None


def read_word_list(path: Path, config: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(
            f"{shown_path(config)}: 'grammar.words' names {path}, which cannot be read ({exc.strerror})"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown_path(config)}: 'grammar.words' names {path}, which is not UTF-8 text") from None
    return [word for line in lines if (word := line.split("#", 1)[0].strip())]


def apply_overrides(settings: Settings, overrides: Overrides) -> Settings:
    grammar_changes = {
        name: value
        for name, value in (
            ("backend", overrides.grammar),
            ("languagetool_url", overrides.languagetool_url),
            ("language", overrides.language),
            ("picky", overrides.picky),
            ("cache", overrides.cache),
            ("jobs", overrides.jobs),
        )
        if value is not None
    }
    input_changes = {
        name: value
        for name, value in (
            ("encoding", checked_encoding(overrides.encoding) if overrides.encoding else None),
            ("max_file_mb", overrides.max_file_mb),
        )
        if value is not None
    }
    return dataclasses.replace(
        settings,
        rule_paths=(*settings.rule_paths, *overrides.rule_paths),
        disabled=settings.disabled | frozenset(overrides.disabled),
        enabled=settings.enabled | frozenset(overrides.enabled),
        fail_on=Severity.parse(overrides.fail_on) if overrides.fail_on else settings.fail_on,
        companions=(*settings.companions, *overrides.companions),
        grammar=dataclasses.replace(settings.grammar, **grammar_changes),
        input=dataclasses.replace(settings.input, **input_changes),
    )


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _toml_kind(value: Any) -> str:
    if value == "":
        return "empty text"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a table"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), type(value).__name__)


_TOP_LEVEL = (
    "rules", "default_rules", "disable", "enable", "severity", "fail_on", "companions", "encoding", "max_file_mb",
    "fetch_timeout", "grammar",
)
_GRAMMAR = ("backend", "languagetool_url", "language", "picky", "cache", "jobs", "words", "timeout")

__all__ = ["GrammarSettings", "Overrides", "find_config", "load_settings", "read_config", "settings_from", "shown_path"]
