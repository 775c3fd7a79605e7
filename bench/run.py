"""Benchmark kzlint: time per stage, peak memory and throughput, on the seed pair and on a book.

Why a separate process per measurement: peak memory (``ru_maxrss``) only ever
grows inside a process, and Python's start-up must be told apart from the work
itself, so the script re-invokes itself in a hidden ``--one`` mode that runs
the pipeline once and prints its figures as JSON.

The book pair is cut into prefixes (1/8, 1/4, 1/2, the whole) that cover the
same verses on both sides, so that how the cost grows with the size of the
input shows in one run, beside the alignment F1 against the gold links.

Usage: ``python bench/run.py`` (see bench/README.md).
"""

from __future__ import annotations

import time

STARTED_AT = time.time()  # first thing, so the parent can tell interpreter start-up from the run

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterable, Mapping, Sequence  # noqa: E402
from dataclasses import asdict, dataclass  # noqa: E402
from fractions import Fraction  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED_A = REPO / "sources" / "kursiv-xi-article-excerpts.txt"
SEED_B = REPO / "sources" / "kazinform-xi-article-full.txt"
BOOK_DATA = REPO.parent / "shared" / "bench" / "asv-darby-bible"
CACHE_DIR = Path(tempfile.gettempdir()) / "kzlint-bench-cache"
STAGES = ("reading", "segmentation", "alignment", "rules", "grammar", "reporting")
STAGE_HEADINGS = ("read", "segment", "align", "rules", "grammar", "report")
PARAGRAPH_BREAK = "\n\n"

BOOK_SECONDS_LIMIT = 15.0
BOOK_MEMORY_LIMIT_MIB = 1536.0
DOUBLING_RATIO_LIMIT = 2.3
SEED_SECONDS_LIMIT = 2.0
HELP_SECONDS_LIMIT = 0.3
HELP_RUNS = 5
CALIBRATION_ROUNDS = 200

Link = tuple[int, int]


# --- slicing the book and scoring the alignment -------------------------------------------


@dataclass(frozen=True)
class BookSlice:
    """The first ``a_count`` paragraphs of A and ``b_count`` of B, and the gold links among them."""

    fraction: Fraction
    a_count: int
    b_count: int
    links: frozenset[Link]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def cut_book(gold: Mapping[str, Any], fraction: Fraction) -> BookSlice:
    """Prefixes of both sides that cover the same verses, so the gold links stay complete inside.

    A's prefix is taken first, B is cut where its verses leave it, and A is cut
    back to the verses B's prefix holds (paragraph boundaries differ per side).
    """
    a_verses, b_verses = gold["a_verses"], gold["b_verses"]
    a_first = round(fraction * len(a_verses))
    b_count = _covered_prefix(b_verses, _verses_of(a_verses[:a_first]))
    a_count = _covered_prefix(a_verses[:a_first], _verses_of(b_verses[:b_count]))
    links = frozenset((i, j) for i, j in gold["links"] if i < a_count and j < b_count)
    return BookSlice(fraction, a_count, b_count, links)


def _verses_of(paragraphs: Iterable[Sequence[str]]) -> set[str]:
    return {verse for paragraph in paragraphs for verse in paragraph}


def _covered_prefix(paragraphs: Sequence[Sequence[str]], allowed: set[str]) -> int:
    """How many leading paragraphs hold only verses in ``allowed``."""
    for index, verses in enumerate(paragraphs):
        if not all(verse in allowed for verse in verses):
            return index
    return len(paragraphs)


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a book file, which separates them by exactly one blank line."""
    return path.read_text(encoding="utf-8").rstrip("\n").split(PARAGRAPH_BREAK)


def write_slice(data: Path, book_slice: BookSlice, folder: Path) -> tuple[Path, Path, Path]:
    """Write the slice's two texts and its gold links; paragraph indices stay those of the book."""
    label = f"{book_slice.fraction.numerator}-{book_slice.fraction.denominator}"
    a_path, b_path, gold_path = (folder / f"{label}-{name}" for name in ("a.txt", "b.txt", "gold.json"))
    a_path.write_text(_joined(read_paragraphs(data / "a.txt")[: book_slice.a_count]), encoding="utf-8")
    b_path.write_text(_joined(read_paragraphs(data / "b.txt")[: book_slice.b_count]), encoding="utf-8")
    gold_path.write_text(json.dumps({"links": sorted(book_slice.links)}), encoding="utf-8")
    return a_path, b_path, gold_path


def _joined(paragraphs: Sequence[str]) -> str:
    return PARAGRAPH_BREAK.join(paragraphs) + "\n"


def predicted_links(alignment: Any) -> set[Link]:
    """Every (A, B) paragraph pair inside an aligned group: how the gold file counts links."""
    return {(i, j) for group in alignment.groups for i in group.a for j in group.b}


def sentence_links(a: Any, b: Any, alignment: Any) -> set[Link]:
    """The (A, B) paragraph pairs that a sentence link joins: finer than whole groups.

    Why a second measure: where paragraph breaks differ on each side, the gold
    links form chains (A1-B1, A2-B1, A2-B2, ...) that only a group holding the
    whole chain can cover, and every pair inside such a group counts, so even a
    perfect grouping scores a low precision (see :func:`component_links`).
    """
    a_paragraph = {sentence.index: sentence.paragraph for sentence in a.sentences}
    b_paragraph = {sentence.index: sentence.paragraph for sentence in b.sentences}
    return {
        (a_paragraph[i], b_paragraph[j])
        for group in alignment.groups
        for link in group.sentences
        for i in link.a
        for j in link.b
    }


def component_links(links: Iterable[Link]) -> set[Link]:
    """Every pair inside each connected chain of gold links: the best any grouping can predict."""
    root: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while root.setdefault(node, node) != node:
            node = root[node]
        return node

    pairs = sorted(links)
    for i, j in pairs:
        root[find(("a", i))] = find(("b", j))
    members: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for i, j in pairs:
        a_side, b_side = members.setdefault(find(("a", i)), (set(), set()))
        a_side.add(i)
        b_side.add(j)
    return {(i, j) for a_side, b_side in members.values() for i in a_side for j in b_side}


def link_scores(predicted: set[Link], gold: Iterable[Link]) -> Scores:
    expected = set(gold)
    hits = len(predicted & expected)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 4), round(recall, 4), round(f1, 4))


# --- one measurement, in its own process -----------------------------------------------------


def measure_once(a_path: Path, b_path: Path, grammar: str, gold_path: Path | None) -> dict[str, Any]:
    """Run the pipeline once as ``kzlint align`` would and return its figures.

    Reporting is what the command does by default: render the Markdown
    report and write it. The JSON document, which ``--format json`` writes
    instead, is timed apart (``json``, not part of ``total``). Peak memory is
    read right after, before the bookkeeping below (word counts, scores) can
    add to it.
    """
    imports_began = time.perf_counter()
    from linter.engine import compare
    from linter.output import write_atomic
    from linter.report import render
    from linter.settings import GrammarSettings, Settings

    imports = time.perf_counter() - imports_began
    settings = Settings(grammar=GrammarSettings(backend=grammar))
    marks: list[tuple[str, float]] = []
    with MeaningClock(marks) as meaning:
        result = compare(a_path, b_path, settings, lambda stage: marks.append((stage, time.perf_counter())))
    marks.append(("reporting", time.perf_counter()))
    with tempfile.TemporaryDirectory() as folder:
        write_atomic(Path(folder) / "report.md", render([result], "markdown"))  # what `kzlint align` writes
        stages = _stage_durations(marks, time.perf_counter())
        json_began = time.perf_counter()
        write_atomic(Path(folder) / "report.json", render([result], "json"))
        json_seconds = time.perf_counter() - json_began
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures: dict[str, Any] = {
        "started_at": STARTED_AT,
        "imports": imports,
        "stages": stages,
        "total": sum(stages.values()),
        "meaning": dict(meaning.seconds),
        "json": json_seconds,
        "peak_rss_mib": peak_kib / 1024,
        "children_peak_rss_mib": children_peak_kib / 1024,
        "paragraphs": len(result.a.paragraphs) + len(result.b.paragraphs),
        "words": _word_count(result.a) + _word_count(result.b),
        "findings": len(result.findings),
        "grammar_backend": result.grammar_backend,
    }
    if gold_path is not None:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["links"]
        gold_links = [(i, j) for i, j in gold]
        figures.update(asdict(link_scores(predicted_links(result.alignment), gold_links)))
        by_sentence = link_scores(sentence_links(result.a, result.b, result.alignment), gold_links)
        figures.update({f"sentence_{name}": value for name, value in asdict(by_sentence).items()})
    return figures


class MeaningClock:
    """Times the semantic part of a run, per stage: the sentence meanings that bridge the alignment's gaps
    and the word correspondences the comparison rules read (:mod:`linter.meaning`), the word vectors'
    loading included. Their entry points are wrapped for the run; the marks tell which stage is on.
    A long text's rules are shared with a helper process, whose share is not counted here.
    """

    def __init__(self, marks: list[tuple[str, float]]) -> None:
        import linter.align.bridges as bridges
        import linter.diffing as diffing

        self.marks = marks
        self.seconds: Counter[str] = Counter()
        self.patched = [(bridges, "meaning_vectors"), (diffing, "correspond")]
        self.originals = [getattr(module, name) for module, name in self.patched]

    def __enter__(self) -> "MeaningClock":
        for (module, name), original in zip(self.patched, self.originals):
            setattr(module, name, self._timed(original))
        return self

    def __exit__(self, *_: object) -> None:
        for (module, name), original in zip(self.patched, self.originals):
            setattr(module, name, original)

    def _timed(self, function: Any) -> Any:
        def timed(*args: Any) -> Any:
            began = time.perf_counter()
            try:
                return function(*args)
            finally:
                self.seconds[self.marks[-1][0] if self.marks else "reading"] += time.perf_counter() - began

        return timed


def _stage_durations(marks: Sequence[tuple[str, float]], end: float) -> dict[str, float]:
    """Seconds per stage from the instants each began; stages the run skipped count zero."""
    durations = dict.fromkeys(STAGES, 0.0)
    ends = [instant for _, instant in marks[1:]] + [end]
    for (stage, began), ended in zip(marks, ends):
        durations[stage] += ended - began
    return durations


def _word_count(document: Any) -> int:
    from linter.segment import tokens

    return sum(len(tokens(paragraph.text)) for paragraph in document.paragraphs)


# --- the parent: run every measurement, compare with the targets ---------------------------


@dataclass(frozen=True)
class Job:
    """One row of the table: which pair, with which grammar backend."""

    label: str
    a: Path
    b: Path
    grammar: str
    gold: Path | None = None


def run_job(job: Job) -> dict[str, Any]:
    """Measure ``job`` in a fresh interpreter; start-up is the time before the pipeline's imports end."""
    command = [sys.executable, str(Path(__file__).resolve()), "--one", "--a", str(job.a), "--b", str(job.b)]
    command += ["--grammar", job.grammar, *(["--gold", str(job.gold)] if job.gold else [])]
    spawned_at = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=_bench_env(), check=False)
    process_wall = time.time() - spawned_at
    if done.returncode != 0:
        return {"label": job.label, "error": _last_line(done.stderr)}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    startup = figures.pop("started_at") - spawned_at + figures["imports"]
    return {"label": job.label, **figures, "startup": startup, "wall": startup + figures["total"],
            "process_wall": process_wall, **_throughput(figures)}


def _bench_env() -> dict[str, str]:
    return {**os.environ, "KZLINT_CACHE_DIR": str(CACHE_DIR)}


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed without a message"


def _throughput(figures: Mapping[str, Any]) -> dict[str, float]:
    seconds = figures["total"] or float("inf")
    return {"paragraphs_per_s": figures["paragraphs"] / seconds, "words_per_s": figures["words"] / seconds}


def seed_rows(repeat: int) -> list[dict[str, Any]]:
    """The seed pair with the offline grammar backend: a cold cache, then the same run warm."""
    cold = Job("seed, cold cache", SEED_A, SEED_B, "harper")
    warm = Job("seed, warm cache", SEED_A, SEED_B, "harper")
    runs = []
    for _ in range(repeat):
        clear_cache()
        runs.append((run_job(cold), run_job(warm)))
    return [_median_of([pair[side] for pair in runs]) for side in (0, 1)]


def _median_of(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    failed = [run for run in runs if "error" in run]
    if failed:
        return failed[0]
    return sorted(runs, key=lambda run: run["total"])[len(runs) // 2]


def clear_cache() -> None:
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    CACHE_DIR.mkdir(parents=True)


def book_rows(data: Path, fractions: Sequence[Fraction], repeat: int, folder: Path) -> list[dict[str, Any]]:
    """One row per cut of the book, the median of ``repeat`` runs.

    The runs go round the sizes (1/8, 1/4, ..., then again), so that a slow
    spell of a shared machine slows one run of several sizes, not every run
    of one size: the doubling ratios compare like with like.
    """
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    slices = [cut_book(gold, fraction) for fraction in fractions]
    jobs = [_book_job(data, book_slice, folder) for book_slice in slices]
    runs = [[run_job(job) for job in jobs] for _ in range(repeat)]
    return [
        {**_median_of([round_[n] for round_ in runs]), "fraction": str(book_slice.fraction),
         "best_group_f1": link_scores(component_links(book_slice.links), book_slice.links).f1}
        for n, book_slice in enumerate(slices)
    ]


def _book_job(data: Path, book_slice: BookSlice, folder: Path) -> Job:
    a_path, b_path, gold_path = write_slice(data, book_slice, folder)
    return Job(f"book {book_slice.fraction}", a_path, b_path, "off", gold_path)


def calibration_seconds() -> float:
    """Median time of a fixed piece of pure Python (word counts of the seed texts), to tell the machine's speed.

    A shared machine slows down by a third or more for minutes at a time;
    this figure, taken before and after the runs, shows whether they fell in
    such a spell, without any reference to kzlint's own code.
    """
    texts = [path.read_text(encoding="utf-8") for path in (SEED_A, SEED_B)] * CALIBRATION_ROUNDS
    times = []
    for _ in range(3):
        began = time.perf_counter()
        for text in texts:
            Counter(word.lower() for word in re.findall(r"\w+", text))
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def help_seconds() -> float:
    """Median wall time of ``kzlint --help`` in a fresh process."""
    command = _kzlint_command() + ["--help"]
    times = []
    for _ in range(HELP_RUNS):
        began = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _kzlint_command() -> list[str]:
    beside_python = Path(sys.executable).parent / "kzlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("kzlint")
    return [found] if found else [sys.executable, "-m", "linter"]


def doubling_ratios(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """time(n) / time(n/2) for each pair of book rows whose sizes differ by a factor of two."""
    timed = sorted(((Fraction(row["fraction"]), row) for row in rows if "error" not in row), key=lambda pair: pair[0])
    return [
        {"from": str(small), "to": str(large), "time_ratio": big["total"] / little["total"],
         "words_ratio": big["words"] / little["words"]}
        for (small, little), (large, big) in zip(timed, timed[1:])
        if large == 2 * small
    ]


@dataclass(frozen=True)
class Target:
    """One of the issue's targets; ``inclusive`` when the limit itself still counts as met."""

    name: str
    figure: float | None
    limit: float
    unit: str
    inclusive: bool = False

    @property
    def verdict(self) -> str:
        if self.figure is None:
            return "not measured"
        met = self.figure <= self.limit if self.inclusive else self.figure < self.limit
        return "met" if met else "NOT met"


def targets(rows: Sequence[dict[str, Any]], ratios: Sequence[dict[str, Any]], help_time: float | None) -> list[Target]:
    """The issue's targets beside the figures that answer them."""
    whole = _row(rows, lambda row: row.get("fraction") == "1")
    cold = _row(rows, lambda row: row["label"] == "seed, cold cache")
    worst_ratio = max((ratio["time_ratio"] for ratio in ratios), default=None)
    return [
        Target("book whole, grammar off: wall time", whole and whole["wall"], BOOK_SECONDS_LIMIT, "s"),
        Target("book whole, grammar off: peak memory", whole and _run_memory(whole), BOOK_MEMORY_LIMIT_MIB, "MiB"),
        Target("doubling the book: worst time ratio", worst_ratio, DOUBLING_RATIO_LIMIT, "x", inclusive=True),
        Target("seed pair with grammar, after start-up", cold and cold["total"], SEED_SECONDS_LIMIT, "s"),
        Target("kzlint --help", help_time, HELP_SECONDS_LIMIT, "s"),
    ]


def _run_memory(row: Mapping[str, Any]) -> float:
    """The peaks of the run's process and of its helper process added: an upper bound, as they share pages."""
    return row["peak_rss_mib"] + row["children_peak_rss_mib"]


def _row(rows: Sequence[dict[str, Any]], wanted: Any) -> dict[str, Any] | None:
    return next((row for row in rows if "error" not in row and wanted(row)), None)


# --- printing ---------------------------------------------------------------------------------

COLUMNS = (
    ("input", lambda r: r["label"]),
    ("paras", lambda r: f"{r['paragraphs']}"),
    ("words", lambda r: f"{r['words']}"),
    *((heading, lambda r, s=stage: f"{r['stages'][s]:.3f}") for stage, heading in zip(STAGES, STAGE_HEADINGS)),
    ("total", lambda r: f"{r['total']:.3f}"),
    ("meaning", lambda r: f"{sum(r['meaning'].values()):.3f}"),
    ("json", lambda r: f"{r['json']:.3f}"),
    ("start-up", lambda r: f"{r['startup']:.3f}"),
    ("wall", lambda r: f"{r['wall']:.3f}"),
    ("peak MiB", lambda r: f"{r['peak_rss_mib']:.0f}"),
    ("helper MiB", lambda r: f"{r['children_peak_rss_mib']:.0f}"),
    ("paras/s", lambda r: f"{r['paragraphs_per_s']:.0f}"),
    ("words/s", lambda r: f"{r['words_per_s']:.0f}"),
    ("P", lambda r: f"{r['precision']:.3f}" if "precision" in r else "-"),
    ("R", lambda r: f"{r['recall']:.3f}" if "recall" in r else "-"),
    ("F1", lambda r: f"{r['f1']:.3f}" if "f1" in r else "-"),
    ("F1 cap", lambda r: f"{r['best_group_f1']:.3f}" if "best_group_f1" in r else "-"),
    ("F1 sent", lambda r: f"{r['sentence_f1']:.3f}" if "sentence_f1" in r else "-"),
)


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    """An aligned text table: times in seconds, ``total`` = the stages, ``wall`` = start-up + total."""
    cells = [[name for name, _ in COLUMNS]]
    cells += [[cell(row) for _, cell in COLUMNS] for row in rows if "error" not in row]
    widths = [max(len(line[column]) for line in cells) for column in range(len(COLUMNS))]
    lines = ["  ".join(_pad(text, width, column) for column, (text, width) in enumerate(zip(line, widths)))
             for line in cells]
    errors = [f"{row['label']}: FAILED: {row['error']}" for row in rows if "error" in row]
    return "\n".join([*lines, *errors])


def _pad(text: str, width: int, column: int) -> str:
    return text.ljust(width) if column == 0 else text.rjust(width)


def format_ratios(ratios: Sequence[dict[str, Any]]) -> str:
    return "\n".join(
        f"doubling {r['from']} -> {r['to']}: time x{r['time_ratio']:.2f} (words x{r['words_ratio']:.2f})"
        for r in ratios
    )


def format_targets(found: Sequence[Target]) -> str:
    def figure(target: Target) -> str:
        return "-" if target.figure is None else f"{target.figure:.3f} {target.unit}"

    width = max(len(target.name) for target in found)
    return "\n".join(
        f"{t.name.ljust(width)}  {figure(t):>14}  target {'<=' if t.inclusive else '<'} {t.limit:g} {t.unit}: {t.verdict}"
        for t in found
    )


# --- command line -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark kzlint per stage on the seed pair and on a book.")
    parser.add_argument("--sizes", default="1/8,1/4,1/2,1", help="Fractions of the book to run (default: %(default)s).")
    parser.add_argument("--no-seed", action="store_true", help="Skip the seed pair.")
    parser.add_argument("--no-book", action="store_true", help="Skip the book pair.")
    parser.add_argument("--repeat", type=int, default=5, help="Runs per row; the median is shown (default: 5).")
    parser.add_argument("--data", type=Path, default=BOOK_DATA, help="The book pair's folder (a.txt, b.txt, gold.json).")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--a", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--b", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--grammar", default="off", help=argparse.SUPPRESS)
    parser.add_argument("--gold", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def parse_sizes(text: str) -> list[Fraction]:
    return sorted({Fraction(part.strip()) for part in text.split(",") if part.strip()})


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    if args.one:
        print(json.dumps(measure_once(args.a, args.b, args.grammar, args.gold)))
        return 0
    rows: list[dict[str, Any]] = []
    speed = {"before": calibration_seconds()}
    if not args.no_seed:
        rows += seed_rows(args.repeat)
    if not args.no_book:
        rows += _book_rows_or_note(args)
    speed["after"] = calibration_seconds()
    ratios = doubling_ratios([row for row in rows if "fraction" in row])
    help_time = help_seconds()
    print(format_table(rows))
    if ratios:
        print("\n" + format_ratios(ratios))
    print(f"\nkzlint --help: {help_time:.3f} s (median of {HELP_RUNS})")
    print(f"machine speed: a fixed piece of Python took {speed['before']:.3f} s before the runs and "
          f"{speed['after']:.3f} s after (more means a slower spell of a shared machine)\n")
    found = targets(rows, ratios, help_time)
    print(format_targets(found))
    print(json.dumps({"rows": rows, "doubling": ratios, "help_seconds": help_time, "calibration_seconds": speed,
                      "targets": [{**asdict(t), "verdict": t.verdict} for t in found]}))
    return 1 if any("error" in row for row in rows) else 0


def _book_rows_or_note(args: argparse.Namespace) -> list[dict[str, Any]]:
    if not (args.data / "gold.json").is_file():
        print(f"note: book pair skipped: no gold.json in {args.data}", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory(prefix="kzlint-bench-") as folder:
        return book_rows(args.data, parse_sizes(args.sizes), args.repeat, Path(folder))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
