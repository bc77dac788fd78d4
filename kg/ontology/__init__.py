"""The vocabulary every stage reads: the ontology's namespaces (``namespace``: kg's DefinedNamespace and the IRI
bases) and its SKOS concept schemes with their uk/en labels (``concepts``), which are the extractor's lexicons.

It reads the shipped ontology files (``kg.resources``) and imports nothing else of kg but ``kg.errors``.
"""
