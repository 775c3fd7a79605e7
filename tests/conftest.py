"""Shared fixtures: the repository's real texts, and a cache folder per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"
EXCERPTS = SOURCES / "kursiv-xi-article-excerpts.txt"
FULL = SOURCES / "kazinform-xi-article-full.txt"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the tests' grammar cache out of the user's cache folder."""
    import os

    os.environ["KZLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("kzlint-cache"))
