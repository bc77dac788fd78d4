"""Faults (issue 7): `kg ingest` killed at random points, two writers at once, a read-only, full or newer store.

Every check ends with the store consistent: each article all or nothing, the violation queries empty, `kg
validate` passing, and a re-run completing the batch to the graph an uninterrupted ingest builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.errors import KGError
from kg.ontology.namespace import FACTS_GRAPH
from kg.graph.queries import rows, violation_queries
from kg.graph.store import ONTOLOGY_GRAPH, Store

from conftest import EVALUATION, SEEDS

ARTICLES = sorted((EVALUATION / "articles").glob("*.txt"))[::2]  # 15 en + 15 uk: enough, and quick
runner = CliRunner()
KG = [sys.executable, "-c", "import sys; from kg.cli import app; app(sys.argv[1:], prog_name='kg')"]


def _start(store: Path, paths: list[Path], *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([*KG, "ingest", *map(str, paths), "--store", str(store), "-w", "1", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def snapshot(store: Path) -> dict[str, set[str]]:
    """Graph name -> its quads (N-Quads text); the ontology's graph (blank nodes in its shapes) by its size."""
    out: dict[str, set[str]] = {}
    with Store(store, read_only=True) as s:
        for q in s.raw().quads_for_pattern(None, None, None, None):
            if q.graph_name == ox.NamedNode(str(ONTOLOGY_GRAPH)):
                out.setdefault("ontology", set()).add(f"{len(out.get('ontology', ()))}")
                continue
            assert not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
            out.setdefault(str(q.graph_name), set()).add(str(q))
    return out


def folder_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_consistent(store: Path) -> int:
    """Each article all or nothing; violation queries empty; `kg validate` passes. Returns the article count."""
    with kg.open(store) as graph:
        s = graph.store
        articles = list(s.article_graphs())
        for name in articles:
            found = rows(s.query("SELECT ?a WHERE { GRAPH ?g { ?a a kg:Article ; kg:graph ?g } }", {"g": name}))
            assert len(found) == 1, f"{name}: no kg:Article node"
        dangling = rows(s.query(f"""SELECT ?claim ?g WHERE {{
            GRAPH ?g {{ ?claim kg:supportedBy ?ev }}
            FILTER NOT EXISTS {{ GRAPH <{FACTS_GRAPH}> {{ ?claim a ?type }} }} }}"""))
        assert dangling == [], dangling[:3]
        orphans = rows(s.query("""SELECT ?ev WHERE { GRAPH ?g { ?ev a kg:Evidence }
            FILTER NOT EXISTS { GRAPH ?g { ?claim kg:supportedBy ?ev } } }"""))
        assert orphans == [], orphans[:3]
        for name, sparql in violation_queries().items():
            assert rows(s.query(sparql)) == [], name
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return len(articles)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The graph an uninterrupted ingest of ARTICLES builds."""
    store = tmp_path_factory.mktemp("ref") / "store"
    with kg.open(store) as graph:
        report = graph.ingest(ARTICLES)
        assert report.ingested == len(ARTICLES) and report.ok
    return snapshot(store)


def _oxigraph_bytes(store: Path) -> int:
    try:
        return sum(p.stat().st_size for p in (store / "oxigraph").iterdir() if p.is_file())
    except OSError:
        return 0


def test_sigkill_at_random_points_then_resume(tmp_path: Path, reference: dict[str, set[str]]) -> None:
    """SIGKILL `kg ingest` a few times (at start-up, and at random moments once writes have begun); after each
    kill the store is consistent, and a last uninterrupted run finishes the batch with the reference graph."""
    rnd = random.Random(int(os.environ.get("KG_FAULT_SEED", "7")))
    store = tmp_path / "store"
    deadline = time.monotonic() + 90
    counts = []
    for attempt in range(3):
        proc = _start(store, ARTICLES)
        if attempt == 0:
            time.sleep(rnd.uniform(0.2, 1.5))  # during start-up (imports, store creation)
        else:
            start = _oxigraph_bytes(store)
            while proc.poll() is None and _oxigraph_bytes(store) <= start and time.monotonic() < deadline:
                time.sleep(0.02)  # until the first article transaction lands
            time.sleep(rnd.uniform(0.0, 1.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        if store.exists() and (store / "kg-store.json").exists():
            counts.append(assert_consistent(store))
        assert time.monotonic() < deadline, "fault loop took too long"
    assert counts == sorted(counts)  # progress is never lost
    result = _start(store, ARTICLES)
    out, err = result.communicate(timeout=120)
    assert result.returncode == 0, err.decode()
    assert assert_consistent(store) == len(ARTICLES)
    assert snapshot(store) == reference


def test_a_killed_first_run_leaves_a_store_that_opens(tmp_path: Path) -> None:
    """A first run killed after taking the lock but before writing anything else leaves only kg's own files."""
    for leftovers in (["kg.lock"], ["kg.lock", ".kg-write-probe"], [".kg-store.json.123.tmp"]):
        store = tmp_path / "-".join(leftovers)
        store.mkdir()
        for name in leftovers:
            (store / name).write_text("")
        with kg.open(store) as graph:
            assert graph.ingest([SEEDS]).ingested == 1
        assert json.loads((store / "kg-store.json").read_text())["format"] >= 1


def test_two_writers_at_once(tmp_path: Path, reference: dict[str, set[str]]) -> None:
    """Two `kg ingest` on one store: the second waits for the lock, both finish, the graph is the union."""
    store = tmp_path / "store"
    half = len(ARTICLES) // 2
    first, second = _start(store, ARTICLES[:half]), _start(store, ARTICLES[half - 5:])  # 5 articles in both
    results = [p.communicate(timeout=180) for p in (first, second)]
    for proc, (out, err) in zip((first, second), results):
        assert proc.returncode == 0, err.decode()
    ingested = sum(int(out.decode().split("ingested ")[1].split(",")[0]) for out, _ in results)
    assert ingested == len(ARTICLES)  # the 5 shared articles written once, skipped by the later writer
    assert assert_consistent(store) == len(ARTICLES)
    assert snapshot(store) == reference


def test_second_writer_fails_cleanly_with_e014(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    with kg.open(store) as graph:
        graph.ingest([SEEDS])
    before = snapshot(store)
    holder = Store(store)  # another process would do the same: the lock is per open file, not per process
    try:
        defaults = dict(Store.__init__.__kwdefaults__ or {})
        monkeypatch.setattr(Store.__init__, "__kwdefaults__", {**defaults, "lock_timeout": 0.3})
        result = runner.invoke(app, ["ingest", str(ARTICLES[0]), "--store", str(store), "-w", "1"])
    finally:
        holder.close()
    assert result.exit_code == 1
    [line] = [x for x in result.stderr.splitlines() if x.strip()]
    assert line.startswith("E014 ") and str(store) in line
    assert snapshot(store) == before


# -- read-only, full and newer stores ------------------------------------------------------------------------

def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture()
def mounted(tmp_path: Path) -> Iterator[list[Path]]:
    """Mount points to unmount at the end of a test."""
    points: list[Path] = []
    yield points
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_read_only_store_folder(tmp_path: Path, mounted: list[Path]) -> None:
    """A store on a read-only file system: writes fail with E015, reads work, nothing changes."""
    store = tmp_path / "src" / "store"
    with kg.open(store) as graph:
        graph.ingest([SEEDS])
    view = tmp_path / "ro"
    view.mkdir()
    if os.geteuid() == 0:
        # root ignores chmod; a read-only bind mount is what really stops writes
        if not (_mount("--bind", str(tmp_path / "src"), str(view))):
            pytest.skip("running as root and `mount --bind` is not permitted: a read-only folder cannot be made")
        mounted.append(view)
        if not _mount("-o", "remount,bind,ro", str(view)):
            pytest.skip("running as root and a bind mount cannot be made read-only")
        ro_store = view / "store"
    else:
        ro_store = store
        for p in [store, *store.rglob("*")]:
            p.chmod(0o555 if p.is_dir() else 0o444)
    before = folder_digest(ro_store)
    result = runner.invoke(app, ["ingest", str(ARTICLES[0]), "--store", str(ro_store), "-w", "1"])
    assert result.exit_code == 1 and result.stderr.startswith("E015 "), result.output
    assert len(result.stderr.strip().splitlines()) == 1
    with kg.open(ro_store, read_only=True) as graph:  # reading needs no writes
        assert graph.query_named("roles")
    assert folder_digest(ro_store) == before
    if os.geteuid() != 0:
        for p in [store, *store.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)


def test_read_only_store_object_refuses_writes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with kg.open(store) as graph:
        graph.ingest([SEEDS])
    before = folder_digest(store)
    with kg.open(store, read_only=True) as graph:
        assert graph.query_named("roles")
        with pytest.raises(KGError, match="E015"):
            graph.ingest([ARTICLES[0]])
    assert folder_digest(store) == before


def test_full_disk(tmp_path: Path, mounted: list[Path]) -> None:
    """ENOSPC on a tiny tmpfs: one E022 line (creating the store, and mid-batch), no damage, and once there is
    room the next run completes the batch."""
    small = tmp_path / "small"
    small.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(small)):
        pytest.skip("cannot mount a small tmpfs (needs root and CAP_SYS_ADMIN) to fill a disk")
    mounted.append(small)
    store = small / "store"
    result = runner.invoke(app, ["ingest", *map(str, ARTICLES), "--store", str(store), "-w", "1"])
    assert result.exit_code != 0
    assert [x[:5] for x in result.stderr.splitlines() if x.strip()] == ["E022 "], result.output
    assert _mount("-o", "remount,size=4m", str(small))  # room for the ontology, not for the batch
    result = runner.invoke(app, ["ingest", *map(str, ARTICLES), "--store", str(store), "-w", "1"])
    assert result.exit_code != 0
    assert [x[:5] for x in result.stderr.splitlines() if x.strip()] == ["E022 "], result.output
    assert _mount("-o", "remount,size=256m", str(small))
    assert assert_consistent(store) >= 0
    result = runner.invoke(app, ["ingest", *map(str, ARTICLES), "--store", str(store), "-w", "1"])
    assert result.exit_code == 0, result.output
    assert assert_consistent(store) == len(ARTICLES)


def test_newer_format_is_refused_by_every_command_untouched(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with kg.open(store) as graph:
        graph.ingest([SEEDS])
    (store / "kg-store.json").write_text(json.dumps({"format": 99}))
    before = folder_digest(store)
    for args in (["ingest", str(ARTICLES[0])], ["query", "--named", "roles"], ["export", "-o", str(tmp_path / "x.ttl")],
                 ["validate"], ["stats"], ["viz", "-o", str(tmp_path / "x.html")]):
        result = runner.invoke(app, [*args, "--store", str(store)])
        assert result.exit_code != 0, args
        lines = [x for x in result.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and lines[0].startswith("E016 "), (args, result.output)
    with pytest.raises(KGError, match="E016"):
        Store(store, read_only=True)
    assert folder_digest(store) == before
    assert not (tmp_path / "x.ttl").exists() and not (tmp_path / "x.html").exists()


def test_damaged_store_metadata_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "store"
    Store(store).close()
    for bad in ("", "{", "[]", '{"format": "x"}'):
        (store / "kg-store.json").write_text(bad)
        result = runner.invoke(app, ["stats", "--store", str(store)])
        lines = [x for x in result.stderr.splitlines() if x.strip()]
        assert result.exit_code != 0 and len(lines) == 1 and lines[0].startswith("E020 "), (bad, result.output)
