"""Tools for people who edit data: scaffold, JSON Schemas, Decap, translations."""
