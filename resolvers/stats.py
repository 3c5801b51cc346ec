"""stats (统计结果, §14(4)): grouped aggregates computed in the source; small groups withheld.

One GROUP BY statement per request computes the count and every aggregate the query selected.
Groups with fewer rows than the dataset's threshold are dropped and counted in `suppressed`.
"""
from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from gateway.errors import BadInput
from gateway.sources import field_column, source_table
from resolvers.context import DatasetAccess, RequestContext
from resolvers.filters import where_conditions, where_fields
from resolvers.rows_common import Row

AGGREGATES = {"sum": sa.func.sum, "avg": sa.func.avg, "min": sa.func.min, "max": sa.func.max}
MAX_GROUPS = 10_000


@dataclasses.dataclass
class StatsResult:
    groups: list[Row]
    suppressed: int


def stats(ctx: RequestContext, access: DatasetAccess, group_by: list[str], where,
          aggregates: set[tuple[str, str]]) -> StatsResult:
    """``aggregates`` holds (function, field) pairs the query selected, e.g. ("avg", "monthlyBase")."""
    dataset = access.dataset
    dims = list(dict.fromkeys(group_by))
    used = set(dims) | where_fields(where) | {f for _, f in aggregates}
    permission = ctx.guard(dataset, access.purpose, "STATS", used)
    table = source_table(dataset)
    dim_columns = [field_column(table, dataset, d).label(d) for d in dims]
    count = sa.func.count().label("count")
    agg_columns = [AGGREGATES[fn](field_column(table, dataset, f)).label(f"{fn}__{f}")
                   for fn, f in sorted(aggregates)]
    statement = sa.select(*dim_columns, count, *agg_columns)
    conditions = where_conditions(dataset, table, where)
    if conditions:
        statement = statement.where(*conditions)
    if dims:
        statement = statement.group_by(*[field_column(table, dataset, d) for d in dims])
        statement = statement.order_by(*[field_column(table, dataset, d) for d in dims])
    statement = statement.limit(MAX_GROUPS + 1)
    with ctx.gateway.sources.connect(dataset) as conn:
        rows = conn.execute(statement).mappings().all()
    if len(rows) > MAX_GROUPS:
        raise ctx.refuse(BadInput(f"stats on {dataset.code} would return more than {MAX_GROUPS} "
                                  "groups; group by fewer fields or filter"),
                         dataset=dataset.code, mode="STATS", fields=sorted(used),
                         purpose=access.purpose)
    threshold = dataset.min_group_size
    kept = [r for r in rows if r["count"] >= threshold]
    groups = [Row({**{d: r[d] for d in dims}, "count": r["count"],
                   "_aggregates": {(fn, f): r[f"{fn}__{f}"] for fn, f in aggregates}})
              for r in kept]
    ctx.allowed(dataset, access.purpose, "STATS", used, permission, rows=len(groups))
    return StatsResult(groups=groups, suppressed=len(rows) - len(kept))
