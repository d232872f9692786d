"""The engine: loading, passages, alignment, divergences, annotations and reports.

Nothing in this package imports Textual, Rich or the CLI (``tests/test_layering.py`` checks it),
so scripts and research code can use it headless.
"""
