"""``kg serve``: the SPARQL 1.1 Protocol endpoint, the query page and the served views (``app``).

A face like ``kg.cli``: it imports the graph and network layers, and nothing below imports it.
"""
