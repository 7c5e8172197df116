"""Open data (HSDS, CSV, GeoJSON) and the coordinators' report."""
