"""``kzlint batch --dask`` against a real Dask LocalCluster of two worker processes.

The same archive gives the same reports and index as the local executor,
with the texts read by the workers or shipped with the tasks; a worker killed
in the middle of a batch loses no pair; an unreachable scheduler is one line.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import pytest

from conftest import kzlint
from test_batch import archive, index_of

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    ) as local:
        yield local


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_cluster_writes_what_the_local_executor_writes(tmp_path: Path, cluster) -> None:
    manifest = archive(tmp_path / "archive", 6)
    address = cluster.scheduler_address
    local = kzlint("batch", str(manifest), "-o", "local", "--grammar", "off", cwd=tmp_path)
    on_dask = kzlint("batch", str(manifest), "-o", "dask", "--grammar", "off", "--dask", address, cwd=tmp_path)
    shipped = kzlint(
        "batch", str(manifest), "-o", "shipped", "--grammar", "off", "--dask", address, "--ship-texts", cwd=tmp_path
    )

    assert local.returncode == on_dask.returncode == shipped.returncode, (on_dask.stderr, shipped.stderr)
    assert "7 pairs, 7 compared" in on_dask.stderr
    expected = _files(tmp_path / "local")
    assert len(expected) == 3 + 4 * 7  # the index in three formats; each pair's three reports and its record
    assert _files(tmp_path / "dask") == expected
    assert _files(tmp_path / "shipped") == expected


def test_shipped_texts_reach_workers_that_cannot_see_the_files(tmp_path: Path, cluster, monkeypatch) -> None:
    from linter.batch.executors import DaskCluster
    from linter.batch.manifest import read_manifest
    from linter.batch.runner import run_batch
    from linter.config import Overrides, load_settings

    archive(tmp_path / "archive", 2)
    settings = load_settings(tmp_path, Overrides(grammar="off", jobs=1))
    # Paths relative to a folder the workers do not run in: only the client can read them.
    monkeypatch.chdir(tmp_path / "archive")
    pairs = read_manifest(Path("manifest.csv"))

    unseen = run_batch(pairs, settings, tmp_path / "unseen", DaskCluster(cluster.scheduler_address, False, 10))
    shipped = run_batch(pairs, settings, tmp_path / "shipped", DaskCluster(cluster.scheduler_address, True, 10))

    assert {outcome.error for outcome in unseen.outcomes if outcome.id == "seed"} == {"kursiv-xi-article-excerpts.txt: no such file"}
    assert {outcome.status for outcome in unseen.outcomes} == {"failed"}
    assert {outcome.status for outcome in shipped.outcomes} == {"ok"}


def test_a_worker_killed_mid_batch_loses_no_pair(tmp_path: Path, cluster) -> None:
    from linter.batch.executors import DaskCluster
    from linter.batch.manifest import read_manifest
    from linter.batch.runner import run_batch
    from linter.config import Overrides, load_settings

    manifest = archive(tmp_path / "archive", 24)
    pairs = read_manifest(manifest)
    settings = load_settings(tmp_path, Overrides(grammar="off", jobs=1))
    with distributed.Client(cluster.scheduler_address) as client:
        victim = next(iter(client.run(os.getpid).values()))
    killed = []

    def kill_once(done: int, _failed: int) -> None:
        if done >= 2 and not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(time.monotonic())

    result = run_batch(pairs, settings, tmp_path / "out", DaskCluster(cluster.scheduler_address, False, 10), kill_once)

    assert killed, "the batch ran past the point where a worker is killed"
    assert len(result.outcomes) == len(pairs) == 25
    assert {outcome.status for outcome in result.outcomes} == {"ok"}
    assert all(f"{pair.id}.md" in _files(tmp_path / "out" / "pairs") for pair in pairs)
    assert index_of(tmp_path / "out")["summary"]["ok"] == 25


def test_an_unreachable_scheduler_is_one_line_and_status_2(tmp_path: Path) -> None:
    manifest = archive(tmp_path / "archive", 1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free once the probe is closed: nobody listens there
    started = time.monotonic()

    done = kzlint("batch", str(manifest), "--dask", f"tcp://127.0.0.1:{port}", "--dask-timeout", "2", cwd=tmp_path)

    assert done.returncode == 2 and time.monotonic() - started < 30
    assert done.stderr.startswith(f"kzlint: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert done.stderr.count("\n") == 1 and not (tmp_path / "reports").exists()
