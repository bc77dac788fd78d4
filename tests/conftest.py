from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import kg

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EVALUATION = ROOT / "evaluation"


@pytest.fixture(scope="session")
def seed_graph() -> Iterator[kg.KnowledgeGraph]:
    """An in-memory graph with the seed article ingested (shared: tests must not write to it)."""
    graph = kg.open(None)
    report = graph.ingest([SEEDS])
    assert report.ingested == 1 and report.ok
    yield graph
    graph.close()
