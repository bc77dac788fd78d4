"""The graph layer: assertions as RDF (``rdf``), the stores (an on-disk
Oxigraph database in ``store``, a SPARQL endpoint in ``remote``, what both share in ``terms``), the named queries,
exports and validation.

It receives assertions from ``kg.extract`` (as records) and ``Article`` records from ``kg.io``; it never imports
the pipeline, network or face layers (``kg.cli``, ``kg.api``, ``kg.server``).
"""
