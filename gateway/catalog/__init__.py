"""The catalog: published datasets, writing entries, disclosure rules, field masking policies, proposals, readiness."""
