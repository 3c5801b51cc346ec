"""Who is calling and what they may reach: tokens, principals, grants, their caches, compare limits, privacy budgets."""
