"""Reading articles: files, folders, JSONL, HTML pages and feeds in; ``Article`` or ``Rejection`` records out.

Owns decoding (UTF-8, UTF-16, Cyrillic code pages), text normalisation, language identification, limits and
the one-line rejections (``kg.errors`` codes). The first stage of the pipeline: it imports only ``kg.errors``,
never the NLP, extraction, graph or face layers.
"""
