"""The spaCy side of kg: a blank pipeline per language plus our own components.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline("uk")("Прем’єр-міністерка Японії Санае Такаїчі прибула до Києва.")
>>> [(s.text, s.label_, s.kb_id_) for s in doc.spans["kg_polity"]]
[('Японії', 'pref', 'JP'), ('Києва', 'capital', 'UA')]
"""

from kg.nlp.pipeline import SUPPORTED_LANGS, load_pipeline

__all__ = ["load_pipeline", "SUPPORTED_LANGS"]
