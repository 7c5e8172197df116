"""Tools for people who edit data: scaffold, JSON Schemas, the web editor (Sveltia CMS, configured
in Decap's format), translations."""
