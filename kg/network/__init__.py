"""Networks read from the store: networkx projections of the graph (``projection``: the ``countries`` and
``full`` views, filters, focus, GraphML/GEXF), pure analytics on them (``analytics``) and the interactive HTML
views (``viz``).

It reads the graph layer through the named queries; it never imports the face (``kg.cli``, ``kg.api``).
"""
