"""Choosing the grammar backend: ``auto``, ``languagetool``, ``harper``.

``auto`` prefers LanguageTool, the fuller checker, when the user has one: a
server URL in the settings or ``KZLINT_LANGUAGETOOL_URL``, or a LanguageTool
that language_tool_python downloaded earlier (with Java on PATH). Otherwise,
and when that LanguageTool does not answer, it runs Harper, which needs
nothing; the report's backend line says which ran and why.
``languagetool`` never falls back: asked for and not available, it is an
error that says what is missing and how to fix it.
"""

from __future__ import annotations

import os

from linter.errors import BackendUnavailable, ConfigError
from linter.grammar.harper_backend import HarperBackend
from linter.grammar.issues import Backend
from linter.grammar.languagetool import (
    URL_ENV,
    LanguageToolBackend,
    LocalLanguageTool,
    local_installation,
    nothing_available,
)
from linter.settings import GrammarSettings

BACKENDS = ("auto", "languagetool", "harper", "off")


def open_backend(grammar: GrammarSettings) -> Backend:
    """The backend the settings ask for; raises BackendUnavailable when it cannot run here."""
    if grammar.backend == "harper":
        return HarperBackend(grammar.language, grammar.picky)
    if grammar.backend == "languagetool":
        return _languagetool(grammar)
    if grammar.backend == "auto":
        return _automatic(grammar)
    raise ConfigError(f"unknown grammar backend {grammar.backend!r} (choose from {', '.join(BACKENDS)})")


def configured_url(grammar: GrammarSettings) -> str | None:
    return grammar.languagetool_url or os.environ.get(URL_ENV) or None


def _languagetool(grammar: GrammarSettings) -> Backend:
    url = configured_url(grammar)
    if url:
        return LanguageToolBackend.connect(url, grammar.language, grammar.picky, grammar.timeout)
    installation = local_installation()
    if installation is None:
        raise nothing_available()
    return LocalLanguageTool(installation, grammar.language, grammar.picky, grammar.timeout)


def _automatic(grammar: GrammarSettings) -> Backend:
    if not configured_url(grammar) and local_installation() is None:
        return HarperBackend(grammar.language, grammar.picky)
    try:
        return _languagetool(grammar)
    except BackendUnavailable as error:
        return HarperBackend(grammar.language, grammar.picky, note=_first_clause(str(error)))


def _first_clause(message: str) -> str:
    """The part of an error line before the advice: "LanguageTool at URL is not available (...)"."""
    return message.split(";", 1)[0]
