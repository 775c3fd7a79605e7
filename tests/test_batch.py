"""``kzlint batch`` on the local executor, run as a user runs it: pairs of real texts, reports, index, resumption.

The archive is the seed pair plus chapters of the Bible sample cut as the
benchmark cuts the book (bench/batch.py), so the pairs are real renderings.
Finding counts are decided by the comparison rules, which change: the tests
check properties (ranking, totals, statuses), not today's numbers.
"""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXCERPTS, FULL, REPO, SOURCES, kzlint, load_bench

# The book pair of the benchmark, read where it is (never copied): its first chapters are the archive's pairs.
BOOK = REPO.parent / "shared" / "bench" / "asv-darby-bible"
CHINADAILY = SOURCES / "chinadaily-xi-visit-bonds-of-friendship.txt"
OFF = ("--grammar", "off")


def archive(folder: Path, chapters: int) -> Path:
    """``chapters`` Bible chapter pairs, and the seed pair with a third source, listed in one CSV manifest."""
    if not (BOOK / "gold.json").is_file():
        pytest.skip(f"benchmark data absent: {BOOK}")
    manifest = load_bench("batch.py").build_archive(BOOK, folder, chapters)
    for source in (EXCERPTS, FULL, CHINADAILY):
        shutil.copy(source, folder / source.name)
    with manifest.open("a", newline="", encoding="utf-8") as stream:
        stream.write(f"seed,{EXCERPTS.name},{FULL.name}\n")
    return manifest


def index_of(folder: Path) -> dict:
    return json.loads((folder / "index.json").read_text(encoding="utf-8"))


def statuses(folder: Path) -> dict[str, str]:
    return {row["id"]: row["status"] for row in index_of(folder)["pairs"]}


def test_each_pair_report_is_the_align_report_byte_for_byte(tmp_path: Path) -> None:
    listed = archive(tmp_path / "archive", 1).read_text(encoding="utf-8").splitlines()
    chapter = Path(next(csv.DictReader(listed))["a"])
    rows = [
        {"id": "seed", "a": EXCERPTS.name, "b": FULL.name, "with": [CHINADAILY.name]},
        {"a": chapter.as_posix(), "b": f"b/{chapter.name}", "id": "chapter"},
    ]
    manifest = tmp_path / "archive" / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    done = kzlint("batch", "archive/manifest.jsonl", "-o", "out", "--jobs", "2", cwd=tmp_path)

    assert done.returncode in (0, 1), done.stderr
    assert done.stderr.count("\n") == 1 and "2 pairs, 2 compared, 0 unchanged, 0 failed" in done.stderr
    arguments = {
        "seed": (f"archive/{EXCERPTS.name}", f"archive/{FULL.name}", "--with", f"archive/{CHINADAILY.name}"),
        "chapter": (f"archive/{chapter.as_posix()}", f"archive/b/{chapter.name}"),
    }
    for pair_id, args in arguments.items():
        markdown = kzlint("align", *args, "-o", "align.md", cwd=tmp_path)
        as_json = kzlint("align", *args, "--format", "json", cwd=tmp_path)
        assert markdown.returncode in (0, 1) and as_json.returncode in (0, 1)
        assert (tmp_path / "out" / "pairs" / f"{pair_id}.md").read_bytes() == (tmp_path / "align.md").read_bytes()
        assert (tmp_path / "out" / "pairs" / f"{pair_id}.json").read_text(encoding="utf-8") == as_json.stdout
        assert kzlint("align", *args, "--format", "html", "-o", "align.html", cwd=tmp_path).returncode in (0, 1)
        assert (tmp_path / "out" / "pairs" / f"{pair_id}.html").read_bytes() == (tmp_path / "align.html").read_bytes()
        counts = json.loads(as_json.stdout)["summary"]["by_severity"]
        row = next(row for row in index_of(tmp_path / "out")["pairs"] if row["id"] == pair_id)
        facts = json.loads(as_json.stdout).get("facts", {}).get("summary", {}).get("by_severity", {})
        assert row["counts"] == {label: counts[label] + facts.get(label, 0) for label in counts}
        assert row["a"] == args[0] and row["report"] == f"pairs/{pair_id}.md"


def test_the_index_ranks_pairs_and_totals_their_findings(tmp_path: Path) -> None:
    manifest = archive(tmp_path / "archive", 8)

    done = kzlint("batch", str(manifest), "-o", "out", *OFF, cwd=tmp_path)

    index = index_of(tmp_path / "out")
    assert done.returncode == (1 if index["summary"]["by_severity"]["error"] else 0), done.stderr
    rows = index["pairs"]
    assert set(index) >= {"kzlint", "pairs", "summary"}
    assert all(set(row) >= {"id", "a", "b", "status", "error", "counts", "report"} for row in rows)
    assert len(rows) == 9 and {row["status"] for row in rows} == {"ok"}
    ranks = [(-row["counts"]["error"], -row["counts"]["warning"]) for row in rows]
    assert ranks == sorted(ranks)
    summary = index["summary"]
    assert summary["pairs"] == 9 and summary["ok"] == 9 and summary["failed"] == 0
    for label in ("error", "warning", "info"):
        assert summary["by_severity"][label] == sum(row["counts"][label] for row in rows)
    assert sum(summary["by_rule"].values()) == sum(summary["by_severity"].values()) == sum(summary["by_category"].values())
    markdown = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "## Pairs, worst first" in markdown and "## Findings by rule" in markdown
    assert f"[Markdown]({rows[0]['report']})" in markdown
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Pairs, worst first</h2>" in page and f'<a href="{rows[0]["report_html"]}">HTML</a>' in page
    assert "Content-Security-Policy" in page and "<script" not in page
    assert all((tmp_path / "out" / row["report_html"]).is_file() for row in rows)


def test_the_index_is_the_same_for_the_same_inputs(tmp_path: Path) -> None:
    manifest = archive(tmp_path / "archive", 4)
    kzlint("batch", str(manifest), "-o", "one", *OFF, "--jobs", "1", cwd=tmp_path)
    kzlint("batch", str(manifest), "-o", "two", *OFF, "--jobs", "2", cwd=tmp_path)

    for name in ("index.json", "index.md", "index.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_bad_pair_is_a_failed_row_and_the_others_are_reported(tmp_path: Path) -> None:
    work = tmp_path / "archive"
    work.mkdir()
    shutil.copy(EXCERPTS, work / "a.txt")
    shutil.copy(FULL, work / "b.txt")
    (work / "scan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    (work / "manifest.csv").write_text(
        "id,a,b,encoding\ngood,a.txt,b.txt,\nmissing,a.txt,gone.txt,\nbinary,scan.pdf,b.txt,\ncodec,a.txt,b.txt,klingon\n",
        encoding="utf-8",
    )

    done = kzlint("batch", "archive/manifest.csv", "-o", "out", *OFF, cwd=tmp_path)

    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    rows = {row["id"]: row for row in index_of(tmp_path / "out")["pairs"]}
    assert rows["good"]["status"] == "ok" and (tmp_path / "out" / rows["good"]["report"]).is_file()
    assert rows["missing"]["error"] == "archive/gone.txt: no such file"
    assert "PDF" in rows["binary"]["error"] and "klingon" in rows["codec"]["error"]
    for pair_id in ("missing", "binary", "codec"):
        assert rows[pair_id]["status"] == "failed" and rows[pair_id]["report"] is None
        assert "\n" not in rows[pair_id]["error"]
    assert [row["id"] for row in index_of(tmp_path / "out")["pairs"]][0] == "good"
    assert "## Failed pairs" in (tmp_path / "out" / "index.md").read_text(encoding="utf-8")


def test_an_unchanged_pair_is_skipped_and_a_changed_one_is_compared_again(tmp_path: Path) -> None:
    manifest = archive(tmp_path / "archive", 3)
    kzlint("batch", str(manifest), "-o", "out", *OFF, cwd=tmp_path)
    first = index_of(tmp_path / "out")
    report = tmp_path / "out" / "pairs" / "seed.md"
    written = report.stat().st_mtime_ns

    again = kzlint("batch", str(manifest), "-o", "out", *OFF, cwd=tmp_path)

    assert set(statuses(tmp_path / "out").values()) == {"skipped"}
    assert "0 compared, 4 unchanged" in again.stderr and report.stat().st_mtime_ns == written
    assert [row["counts"] for row in index_of(tmp_path / "out")["pairs"]] == [row["counts"] for row in first["pairs"]]
    chapter = next((tmp_path / "archive" / "a").iterdir())
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA paragraph the editor added.\n", encoding="utf-8")

    kzlint("batch", str(manifest), "-o", "out", *OFF, cwd=tmp_path)

    assert statuses(tmp_path / "out")[chapter.stem] == "ok"
    assert sorted(statuses(tmp_path / "out").values()).count("skipped") == 3
    kzlint("batch", str(manifest), "-o", "out", *OFF, "--disable", "KZ140", cwd=tmp_path)
    assert set(statuses(tmp_path / "out").values()) == {"ok"}, "a new configuration compares every pair again"


def test_an_interrupted_batch_keeps_its_finished_reports_and_resumes(tmp_path: Path) -> None:
    manifest = archive(tmp_path / "archive", 12)
    command = [sys.executable, "-m", "linter", "batch", str(manifest), "-o", "out", "--jobs", "1", "--grammar", "harper"]
    with subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True) as run:
        records = tmp_path / "out" / "pairs"
        deadline = time.monotonic() + 120
        while not (records.is_dir() and any(records.glob("*.state.json"))) and time.monotonic() < deadline:
            time.sleep(0.05)
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=60)

    assert run.returncode == 130 and stderr.strip() == "kzlint: interrupted"
    finished = {path.name.removesuffix(".state.json") for path in records.glob("*.state.json")}
    assert finished and not (tmp_path / "out" / "index.json").exists()
    assert not list(records.glob(".*.tmp")), "no half-written report is left behind"

    resumed = kzlint("batch", str(manifest), "-o", "out", "--grammar", "harper", "--jobs", "2", cwd=tmp_path)

    assert resumed.returncode in (0, 1), resumed.stderr
    after = statuses(tmp_path / "out")
    assert {pair for pair, status in after.items() if status == "skipped"} == finished
    assert len(after) == 13 and "failed" not in after.values()


def test_pairing_by_name_lists_a_text_without_its_namesake_as_failed(tmp_path: Path) -> None:
    for side, source in (("excerpts", EXCERPTS), ("full", FULL)):
        (tmp_path / side).mkdir()
        shutil.copy(source, tmp_path / side / "xi-article.txt")
    shutil.copy(EXCERPTS, tmp_path / "excerpts" / "orphan.txt")

    done = kzlint("batch", "--pair-by-name", "excerpts", "full", "-o", "out", *OFF, cwd=tmp_path)

    assert done.returncode == 2
    rows = {row["id"]: row for row in index_of(tmp_path / "out")["pairs"]}
    assert rows["xi-article"]["status"] == "ok" and rows["xi-article"]["a"] == "excerpts/xi-article.txt"
    assert rows["orphan"]["error"] == "excerpts/orphan.txt: no file of this name in full"


def test_fail_on_sets_the_exit_status_from_the_findings(tmp_path: Path) -> None:
    manifest = archive(tmp_path / "archive", 1)

    done = kzlint("batch", str(manifest), "-o", "out", *OFF, "--fail-on", "info", cwd=tmp_path)

    assert done.returncode == 1 and index_of(tmp_path / "out")["summary"]["by_severity"]["info"] > 0


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("a,b,colour\nx.txt,y.txt,red\n", "manifest.csv: unknown column 'colour'"),
        ("a,b\nx.txt,\n", "manifest.csv:2: 'b' must name a file"),
        ("id,a,b\nsame,x.txt,y.txt\nsame,y.txt,x.txt\n", "two pairs have the id 'same'"),
        ("id,a,b\n../up,x.txt,y.txt\n", "id '../up' must be a relative name"),
        ("a,b,grammar\nx.txt,y.txt,perfect\n", "'grammar' must be one of"),
        ("a,b\n", "the manifest lists no pairs"),
    ],
)
def test_a_malformed_manifest_is_one_line_and_status_2(tmp_path: Path, manifest: str, message: str) -> None:
    (tmp_path / "manifest.csv").write_text(manifest, encoding="utf-8")

    done = kzlint("batch", "manifest.csv", "-o", "out", cwd=tmp_path)

    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("kzlint: error: ") and message in done.stderr
    assert not (tmp_path / "out").exists()


def test_usage_mistakes_are_one_line_and_status_2(tmp_path: Path) -> None:
    for args in (("batch",), ("batch", "nothing.csv"), ("batch", "--pair-by-name", "x", "y"), ("batch", "m.csv", "--ship-texts")):
        done = kzlint(*args, cwd=tmp_path)
        assert done.returncode == 2 and done.stderr.startswith("kzlint: error: ") and done.stderr.count("\n") == 1, args


def test_the_benchmark_archive_drops_and_swaps_paragraphs_of_some_articles(tmp_path: Path) -> None:
    bench = load_bench("batch.py")
    manifest = bench.build_archive(BOOK, tmp_path, 10)
    with manifest.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    chapters = {chapter.name: chapter for chapter in bench.chapters(BOOK)}
    assert len(rows) == 10
    for number, row in enumerate(rows):
        a = (tmp_path / row["a"]).read_text(encoding="utf-8").strip().split("\n\n")
        b = (tmp_path / row["b"]).read_text(encoding="utf-8").strip().split("\n\n")
        chapter = chapters[row["id"]]
        assert b == list(chapter.b) and a == bench.edited(chapter.a, number)
        assert (len(a) < len(chapter.a)) == (number % bench.DROP_EVERY == 1 and len(chapter.a) > 2)


def test_a_csv_manifest_lists_other_sources_and_options_with_semicolons(tmp_path: Path) -> None:
    from linter.batch.manifest import PairOptions, read_manifest

    (tmp_path / "desk").mkdir()
    manifest = tmp_path / "desk" / "manifest.csv"
    manifest.write_text(
        "a,b,with,disable,encoding\nkursiv.txt,kazinform.txt,chinadaily.txt; gt.txt,KZ12;GR.harper,windows-1251\n",
        encoding="utf-8",
    )

    (pair,) = read_manifest(manifest)

    assert pair.id == "kursiv--kazinform" and pair.a == tmp_path / "desk" / "kursiv.txt"
    assert pair.others == (tmp_path / "desk" / "chinadaily.txt", tmp_path / "desk" / "gt.txt")
    assert pair.options == PairOptions(encoding="windows-1251", disable=("KZ12", "GR.harper"))


def test_a_worker_forgets_the_words_of_a_pair_and_says_what_memory_it_holds() -> None:
    """A worker runs thousands of pairs: what one pair cached must not stay, and the benchmark reads its memory."""
    from linter.batch.manifest import PairSpec
    from linter.batch.task import PairTask, portable, run_pair
    from linter.config import Overrides, load_settings
    from linter.meaning.vectors import WordVectors

    settings = load_settings(REPO, Overrides(grammar="off", cache=False, jobs=1))
    outcome = run_pair(PairTask(PairSpec("seed", EXCERPTS, FULL), portable(settings)))

    assert outcome.status == "ok" and outcome.counts["error"] == 1
    assert WordVectors._vector.cache_info().currsize == 0
    if Path("/proc/self/statm").exists():
        assert 0 < outcome.resident_mib <= outcome.peak_mib


def test_the_client_keeps_counts_not_report_texts_once_they_are_written(tmp_path: Path) -> None:
    """An archive of a hundred thousand pairs must not be held in memory: each report leaves once it is on disk."""
    from linter.batch.executors import LocalProcesses
    from linter.batch.manifest import read_manifest
    from linter.batch.runner import run_batch
    from linter.config import Overrides, load_settings

    manifest = archive(tmp_path / "archive", 2)
    settings = load_settings(tmp_path, Overrides(grammar="off", cache=False, jobs=1))

    result = run_batch(read_manifest(manifest), settings, tmp_path / "out", LocalProcesses(1))

    assert {outcome.status for outcome in result.outcomes} == {"ok"}
    assert all(outcome.reports == {} and outcome.counts for outcome in result.outcomes)
    assert all(row.outcome.reports == {} for row in result.index.rows)
    written = sorted(path.name for path in (tmp_path / "out").rglob("*.md") if path.name != "index.md")
    assert len(written) == len(result.outcomes) == 3


def test_the_local_executor_lets_go_of_each_pair_once_it_is_handed_over(tmp_path: Path) -> None:
    """Its reports are the client's to write and forget: the executor keeps at most the pair it is handing over."""
    import gc
    import weakref

    from linter.batch.executors import LocalProcesses
    from linter.batch.manifest import PairSpec
    from linter.batch.task import PairTask, portable
    from linter.config import Overrides, load_settings

    settings = portable(load_settings(REPO, Overrides(grammar="off", cache=False, jobs=1)))
    tasks = [PairTask(PairSpec(f"seed-{number}", EXCERPTS, FULL), settings) for number in range(3)]
    handed_over = []
    for outcome in LocalProcesses(1).outcomes(tasks):
        assert outcome.status == "ok" and outcome.reports
        handed_over.append(weakref.ref(outcome))
        del outcome
        gc.collect()
        assert all(reference() is None for reference in handed_over[:-1])
    assert len(handed_over) == 3
