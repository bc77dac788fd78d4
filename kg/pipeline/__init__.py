"""Running the pipeline over many articles: one article at a time without I/O (``extraction``), on local worker
processes (``parallel``) or a Dask cluster (``distributed``), and the streaming, resumable ``ingest`` that
writes the store with one writer.

It ties ``kg.io`` -> ``kg.nlp`` -> ``kg.extract`` -> ``kg.graph`` together; only the face (``kg.api``,
``kg.cli``) imports it.
"""
