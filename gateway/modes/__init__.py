"""The four access modes of a dataset (§13, §14): lookup, compare, stats and rows, and what protects stats."""
