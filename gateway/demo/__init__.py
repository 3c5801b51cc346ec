"""The demo world of 佛山: departments, principals, sources, catalog, workflows and their data."""
