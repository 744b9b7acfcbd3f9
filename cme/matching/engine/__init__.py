"""Record-matching engine: pure Python, no Django and no other cme app.

- ``records``: the :class:`~cme.matching.engine.records.Record` the engine compares, and normalisation.
- ``blocking``: the keys candidate records are looked up by (stored as indexed columns by the caller).
- ``comparisons``: the Fellegi-Sunter comparisons, each level both as SQL (for Splink/DuckDB) and Python.
- ``scorer``: the fast interactive scorer that reads the trained Splink model JSON.
- ``batch``: batch linkage of two lists of records (blocking and scoring in in-process DuckDB).
- ``training``: trains a model with Splink (imports Splink; used by scripts, never at request time).
"""
