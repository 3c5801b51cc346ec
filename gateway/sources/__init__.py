"""Source databases: the registry of engines and tables, and reading rows as Arrow."""
