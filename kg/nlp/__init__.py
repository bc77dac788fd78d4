"""The spaCy side of kg: a blank pipeline per language plus our own components.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline("uk")("Прем’єр-міністерка Японії Санае Такаїчі прибула до Києва.")
>>> [(s.text, s.label_, s.kb_id_) for s in doc.spans["kg_polity"]]
[('Японії', 'pref', 'JP'), ('Києва', 'capital', 'UA')]
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_pipeline", "SUPPORTED_LANGS"]


def __getattr__(name: str) -> Any:
    # spaCy loads when a pipeline is asked for, not when a light module of this package (identity, morph) is
    # imported by the graph layer
    if name in __all__:
        from kg.nlp import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg.nlp' has no attribute {name!r}")
