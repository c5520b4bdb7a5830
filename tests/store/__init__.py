"""Store tests: a package, so their module names (store.test_speakers) do not clash with
tests/nlp/test_speakers.py under pytest's default import mode."""
