"""Languages, interface catalogues and choosing a localized text (the lowest layer)."""
