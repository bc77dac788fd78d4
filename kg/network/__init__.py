"""Networks read from the store: networkx projections of the graph (``projection``: the ``countries`` and
``full`` views, filters, focus, GraphML/GEXF), pure analytics on them (``analytics``) and the interactive HTML
views (``viz``); the page that explains one article (``explain``: its text with the pipeline's mentions marked
and the claims read from it, so it runs ``kg.nlp`` and ``kg.extract`` on the text).

It reads the graph layer through the named queries; it never imports the face (``kg.cli``, ``kg.api``).
"""
