"""The settings of one run: what configuration files say, overridden by flags.

A plain frozen value, so the engine never reads files or the environment
itself and every stage sees the same settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from linter.inputs import DEFAULT_FETCH_TIMEOUT
from linter.inputs.text import DEFAULT_MAX_FILE_MB
from linter.model import Severity


@dataclass(frozen=True)
class GrammarSettings:
    backend: str = "auto"
    languagetool_url: str | None = None
    language: str = "en-US"
    picky: bool = False
    cache: bool = True
    jobs: int = 0
    words: tuple[str, ...] = ()
    timeout: float = 30.0
    # The file the words were read from, when the configuration names one: an input no output may overwrite.
    words_file: Path | None = None


@dataclass(frozen=True)
class InputSettings:
    """How the texts under review are read: ``encoding`` ``None`` means detected; ``fetch_timeout`` is per address."""

    encoding: str | None = None
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT


# Rules that run only when switched on (``enable = [...]``, ``--show-wording``):
# KZ121 lists every rewording of two independent translations, which is noise
# unless A should be a copy-edit of B.
OFF_BY_DEFAULT = frozenset({"KZ121"})


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; defaults are what a fresh user gets."""

    rule_paths: tuple[Path, ...] = ()
    default_rules: bool = True
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: Severity = Severity.ERROR
    companions: tuple[Path, ...] = ()
    grammar: GrammarSettings = GrammarSettings()
    input: InputSettings = InputSettings()
    # The configuration file these settings came from: an input no output may overwrite.
    config_file: Path | None = None

    def is_enabled(self, rule_id: str) -> bool:
        """Rules are switched off by id or by a prefix such as ``KZ12`` or ``GR.harper``; some are off until enabled."""
        if rule_id in OFF_BY_DEFAULT and rule_id not in self.enabled:
            return False
        return not any(rule_id == off or rule_id.startswith(off) for off in self.disabled)
