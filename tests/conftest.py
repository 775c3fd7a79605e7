"""Shared fixtures: the repository's real texts, and a cache folder per test session."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

# Property-based tests (tests/test_properties.py): CI runs a fixed seed and a bounded number of
# examples; `--hypothesis-profile=long` searches much longer, with a new seed each time.
settings.register_profile(
    "ci", max_examples=40, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"
EXCERPTS = SOURCES / "kursiv-xi-article-excerpts.txt"
FULL = SOURCES / "kazinform-xi-article-full.txt"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the tests' grammar cache out of the user's cache folder."""
    import os

    os.environ["KZLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("kzlint-cache"))


def kzlint(*args: str, cwd: Path = REPO, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """kzlint as a user runs it: a new process (given ``stdin``), its exit code, its stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300
    )


def load_bench(script: str) -> ModuleType:
    """A benchmark script of ``bench/`` as a module, so that tests can check its arithmetic without running it."""
    spec = importlib.util.spec_from_file_location(f"bench_{Path(script).stem}", REPO / "bench" / script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module
