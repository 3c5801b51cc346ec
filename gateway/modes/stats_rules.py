"""Which groups of a stats answer are withheld, each counted in `suppressed`:

- fewer rows than the dataset's threshold;
- an aggregate backed by 1 to threshold - 1 contributing rows (0 is allowed: the value is then
  null, or 0 for a sum of zeros, and tells nobody's amount);
- a sum or average of a magnitude field that the (n, k) dominance rule finds dominated
  (gateway.modes.dominance); the few groups its bounds leave open have their n largest values read
  by one more statement.
"""
from __future__ import annotations

import sqlalchemy as sa

from gateway.modes import dominance
from gateway.sources.registry import field_column, source_table
from gateway.modes.conditions import where_conditions
from gateway.modes.stats_columns import StatsPlan, absolute_label, contributors_label, largest_label

# groups per statement reading the largest values: two conditions per dimension each, well
# under SQLite's smallest limit of bound parameters (999)
_PARAMETERS_PER_READ = 400


def withheld(ctx, access, dims: list[str], where, plan: StatsPlan, rows) -> set[int]:
    """Indexes of the rows (groups) that may not leave."""
    threshold = access.dataset.min_group_size
    out: set[int] = set()
    open_: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r["count"] < threshold or any(0 < r[contributors_label(fn, f)] < threshold
                                         for fn, f in plan.aggregates):
            out.add(i)
            continue
        for f in plan.dominance_fields:
            n, k = plan.dominance
            found = dominance.verdict(float(r[largest_label(f)] or 0), float(r[absolute_label(f)] or 0), n, k)
            if found:
                out.add(i)
                break
            if found is None:
                open_.setdefault(f, []).append(i)
    for f, indexes in open_.items():
        pending = [i for i in indexes if i not in out]
        n, k = plan.dominance
        for i, largest in zip(pending, _largest_values(ctx, access, dims, where, f,
                                                       [rows[i] for i in pending], n)):
            if dominance.dominated(largest, float(rows[i][absolute_label(f)]), k):
                out.add(i)
    return out


def _largest_values(ctx, access, dims, where, field: str, groups, n: int) -> list[list[float]]:
    """The n largest absolute values of `field` in each group, in the groups' order.

    Each group is told by its dimensions' values (IS NULL for a null), as the GROUP BY saw
    them; a row is tagged with the index of the group it matches, so that values that the
    source compares as equal but returns differently (case, trailing spaces under some
    collations) still find their group."""
    dataset = access.dataset
    table = source_table(dataset)
    column = field_column(table, dataset, field)
    magnitude = sa.func.abs(column, type_=column.type)
    found: list[list[float]] = [[] for _ in groups]
    size = max(1, _PARAMETERS_PER_READ // max(1, 2 * len(dims)))
    for start in range(0, len(groups), size):
        batch = groups[start:start + size]
        matches = [sa.and_(sa.true(), *[field_column(table, dataset, d).is_(None) if g[d] is None
                                        else field_column(table, dataset, d) == g[d] for d in dims])
                   for g in batch]
        tag = sa.case(*[(m, start + j) for j, m in enumerate(matches)]) if dims else sa.literal(start)
        rank = sa.func.row_number().over(partition_by=tag, order_by=magnitude.desc())
        ranked = (sa.select(tag.label("grp"), magnitude.label("magnitude"), rank.label("place"))
                  .select_from(table)
                  .where(*where_conditions(dataset, table, where), column.is_not(None),
                         sa.or_(*matches))
                  .subquery())
        statement = sa.select(ranked.c.grp, ranked.c.magnitude).where(ranked.c.place <= n)
        rows = ctx.services.sources.read(dataset, lambda conn: conn.execute(statement).all())
        for grp, value in rows:
            found[int(grp)].append(float(value))
    return found
