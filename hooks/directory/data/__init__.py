"""Reading, checking and indexing the records: YAML, models, cross-checks, the Directory."""
