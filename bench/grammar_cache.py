"""Benchmark the grammar cache: grammar-stage time of a first run and of a second run over unchanged text.

Each run is a separate process, as each ``kzlint`` command is: the first run
builds Harper's dictionary and checks every paragraph; the second finds every
paragraph in the cache and should do no grammar work at all. The cache is a
fresh temporary folder, so the user's own cache is neither used nor touched.
Only the grammar stage is timed (``linter.grammar.run_grammar``), not reading,
alignment or Python's start-up.

Usage: ``python bench/grammar_cache.py [--backend harper] [--jobs N]``;
exits 1 when the second run is not at least ``--target`` times faster.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"
PAIR = ("kursiv-xi-article-excerpts.txt", "kazinform-xi-article-full.txt")
SCENARIOS = ("pair", "five")


def main() -> int:
    options = _arguments()
    if options.once:
        print(json.dumps(_one_run(options.once, options.backend, options.jobs)))
        return 0
    failed = False
    print(f"{'texts':<6} {'first run':>10} {'second run':>11} {'ratio':>7}  findings  backend")
    for scenario in SCENARIOS:
        with tempfile.TemporaryDirectory(prefix="kzlint-grammar-bench-") as cache:
            first, second = (_measure(scenario, options, Path(cache)) for _ in range(2))
        ratio = first["seconds"] / max(second["seconds"], 1e-6)
        failed |= ratio < options.target or first["findings"] != second["findings"]
        print(
            f"{scenario:<6} {first['seconds']:>9.3f}s {second['seconds']:>10.4f}s {ratio:>6.0f}x  "
            f"{second['findings']:>8}  {first['backend']}"
        )
    print(f"target: second run at least {options.target:g}x faster, with the same findings")
    return 1 if failed else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="harper", choices=("harper", "languagetool", "auto"))
    parser.add_argument("--jobs", type=int, default=0, help="grammar processes (0: all cores)")
    parser.add_argument("--target", type=float, default=5.0, help="smallest acceptable first/second ratio")
    parser.add_argument("--once", choices=SCENARIOS, help=argparse.SUPPRESS)
    return parser.parse_args()


def _measure(scenario: str, options: argparse.Namespace, cache: Path) -> dict:
    command = [sys.executable, __file__, "--once", scenario, "--backend", options.backend, "--jobs", str(options.jobs)]
    env = {**os.environ, "KZLINT_CACHE_DIR": str(cache)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _one_run(scenario: str, backend: str, jobs: int) -> dict:
    """One process's grammar stage over the scenario's texts, as ``kzlint align`` would run it."""
    from linter.grammar import run_grammar
    from linter.rules.base import TextUnderCheck
    from linter.segment import load_document
    from linter.settings import GrammarSettings, Settings

    names = PAIR if scenario == "pair" else tuple(sorted(p.name for p in SOURCES.glob("*.txt")))
    docs = [load_document(SOURCES / name) for name in names]
    texts = [TextUnderCheck(doc, "a", tuple(other for other in docs if other is not doc)) for doc in docs]
    settings = Settings(grammar=GrammarSettings(backend=backend, jobs=jobs))
    started = time.perf_counter()
    run = run_grammar(texts, settings)
    findings, description = run.findings, run.backend
    return {"seconds": time.perf_counter() - started, "findings": len(findings), "backend": description}


if __name__ == "__main__":
    sys.exit(main())
