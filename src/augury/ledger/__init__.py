"""The forecast ledger: forecasts grouped into questions, resolved, scored, briefed.

Pure logic lives here (``propositions``, ``grouping``, ``consensus``,
``resolution``, ``scoring``, ``brief``, ``charts``); ``service`` joins it to the
store, and ``cli`` to the command line. The store is the only layer that speaks SQL.
"""
