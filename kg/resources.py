"""Where the shipped data lives: the ontology and the seed articles.

In a wheel they are the folders ``kg/_ontology`` and ``kg/_seeds`` (mapped from the top-level ``ontology/`` and
``seeds/`` by pyproject.toml); in a checkout, and in an editable install of it, they are the top-level folders
themselves, next to ``kg/``. Both are plain folders on disk, so callers get a real ``Path``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir"]

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder of the shipped data ``name`` ('ontology' or 'seeds').

    >>> (data_dir("ontology") / "kg.ttl").is_file(), any(data_dir("seeds").glob("*.txt"))
    (True, True)
    """
    for folder in (_PACKAGE / f"_{name}", _PACKAGE.parent / name):
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"kg's {name} data is missing: neither {_PACKAGE / ('_' + name)} nor {_PACKAGE.parent / name}")
