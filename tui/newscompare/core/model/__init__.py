"""The values every stage passes on: articles, passages, pairs, groups, divergences, the story;
the settings bundle; the user-facing error type; atomic writes. Imports nothing else of the
engine."""
