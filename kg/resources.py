"""Where the shipped data lives: the ontology and the seed articles.

Installed, they are the data packages ``kg._ontology`` and ``kg._seeds`` (see pyproject.toml); in a checkout run
from its top folder (where ``kg/`` shadows the installed package) they are the top-level folders themselves.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_dir"]

_CHECKOUT = Path(__file__).resolve().parents[1]


def data_dir(name: str) -> Path:
    """The folder of the data package ``name`` ('ontology' or 'seeds')."""
    try:
        return Path(str(resources.files(f"kg._{name}")))
    except ModuleNotFoundError:
        return _CHECKOUT / name
