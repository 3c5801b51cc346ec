"""stats (统计结果, §14(4)): grouped aggregates computed in the source; small groups withheld.

One GROUP BY statement per request computes the count and every aggregate the query selected,
and what the disclosure rules need to judge them (gateway.modes.stats_columns). A group is withheld
and counted in `suppressed` when it has fewer rows than the dataset's threshold, when an
aggregate is backed by too few contributing rows, or when a sum is dominated by a few
contributions (gateway.modes.stats_rules). Every caller but the owning department gets counts and
sums with cell key noise (gateway.modes.cell_key), so that subtracting two answers gives no exact
figure; the owner may read its own rows anyway. min and max are exact: one person's value by
nature, released for groups that pass the rules.

Under a grant with a privacy budget the counts and sums are released with Laplace noise instead
and the query's epsilon is spent first (gateway.access.privacy_budget); a group is released only when its
noisy count reaches privacy.release_threshold, and `suppressed` is not released (null): how many
small groups there are is itself private.
"""
from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from gateway.access import privacy_budget as privacy
from gateway.modes.cell_key import CellNoise, cell_key_of, noise_for
from gateway.errors import BadInput, DatagateError
from gateway.sources.registry import field_column, source_table
from gateway.access.request import AccessContext, DatasetAccess
from gateway.modes.conditions import Where, where_conditions, where_fields
from gateway.modes.records import Row
from gateway.modes.stats_columns import CELL_KEY, StatsPlan, largest_label, nonnull_label, value_label
from gateway.modes.stats_rules import withheld

MAX_GROUPS = 10_000


@dataclasses.dataclass
class StatsResult:
    groups: list[Row]
    suppressed: int | None  # None under a privacy budget
    epsilon: float | None = None
    epsilon_left: float | None = None


def stats(ctx: AccessContext, access: DatasetAccess, group_by: list[str], where: Where | None,
          aggregates: set[tuple[str, str]], shown: set[str] = frozenset()) -> StatsResult:
    """``aggregates`` holds (function, field) pairs the query selected, e.g. ("avg", "monthlyBase");
    ``shown`` the dimension fields it selected in its groups."""
    dataset = access.dataset
    dims = list(dict.fromkeys(group_by))
    used = set(dims) | where_fields(where) | {f for _, f in aggregates}
    permission = ctx.guard(dataset, access.purpose, "STATS", used)
    try:
        ungrouped = sorted(set(shown) - set(dims))
        if ungrouped:
            names = ", ".join(ungrouped)
            enums = ", ".join(dataset.field(f).enum_name for f in ungrouped)
            raise BadInput(f"the groups select {names}, which the query does not group by: a group "
                           f"has one value only of what it is grouped by; add {enums} to groupBy, "
                           f"or leave {names} out of the selection")
        if permission.grant is not None and permission.grant.epsilon_budget is not None:
            return _private_stats(ctx, access, dims, where, aggregates, used, permission)
        return _controlled_stats(ctx, access, dims, where, aggregates, used, permission)
    except DatagateError as exc:
        raise ctx.refuse(exc, dataset=dataset.code, mode="STATS", fields=sorted(used),
                         purpose=access.purpose)


def _controlled_stats(ctx, access, dims, where, aggregates, used, permission) -> StatsResult:
    """Stats under the disclosure rules: withheld groups, cell key noise for non-owners."""
    dataset = access.dataset
    plan = StatsPlan(dataset, frozenset(aggregates), _noise(ctx, dataset, permission))
    rows = _grouped(ctx, access, dims, where, plan.columns(source_table(dataset)), used)
    hidden = withheld(ctx, access, dims, where, plan, rows)
    groups = [_released(r, dims, plan) for i, r in enumerate(rows) if i not in hidden]
    ctx.allowed(dataset, access.purpose, "STATS", used, permission, rows=len(groups))
    return StatsResult(groups=groups, suppressed=len(hidden))


def _noise(ctx, dataset, permission) -> CellNoise | None:
    """Cell key noise for every caller but the owning department, where the dataset has it."""
    if permission.basis == "OWNER" or not dataset.disclosure.perturbed:
        return None
    return noise_for(ctx.services.masking_keys.hash_key, dataset)


def _released(r, dims, plan: StatsPlan) -> Row:
    """A group as it leaves: exact, or with its count and sums perturbed by its cell key."""
    values = {(fn, f): r.get(value_label(fn, f)) for fn, f in plan.aggregates}
    count, noise = r["count"], plan.noise
    if noise is not None:
        threshold = plan.dataset.min_group_size
        cell_key = cell_key_of(r[CELL_KEY])
        count = noise.count(r["count"], cell_key, threshold)
        for fn, f in plan.aggregates:
            if fn not in ("sum", "avg"):
                continue
            total = r[value_label("sum", f)]
            if total is not None:
                total = noise.total(float(total), float(r[largest_label(f)]), cell_key, f)
            if fn == "sum":
                values[(fn, f)] = total
            else:
                values[(fn, f)] = None if total is None else total / noise.count(
                    r[nonnull_label(f)], cell_key, threshold)
    return Row({**{d: r[d] for d in dims}, "count": count, "_aggregates": values})


def _grouped(ctx, access, dims, where, agg_columns, used):
    """Run the one GROUP BY statement in the source; refuse results with too many groups."""
    dataset = access.dataset
    table = source_table(dataset)
    # FROM named outright: a count with no dimension, aggregate or filter names no column of
    # the table, and SQLAlchemy would render it without FROM (a count of 1)
    statement = sa.select(*[field_column(table, dataset, d).label(d) for d in dims],
                          sa.func.count().label("count"), *agg_columns).select_from(table)
    conditions = where_conditions(dataset, table, where)
    if conditions:
        statement = statement.where(*conditions)
    if dims:
        statement = statement.group_by(*[field_column(table, dataset, d) for d in dims])
        statement = statement.order_by(*[field_column(table, dataset, d) for d in dims])
    # the LIMIT as a literal: a bound one lets PostgreSQL's generic plan of the prepared
    # statement (psycopg prepares a statement after its fifth run) pick a sorted GroupAggregate
    # for a handful of rows where the custom plan hashes (docs/performance.md)
    statement = statement.limit(sa.literal(MAX_GROUPS + 1, literal_execute=True))
    rows = ctx.services.sources.read(dataset, lambda conn: conn.execute(statement).mappings().all())
    if len(rows) > MAX_GROUPS:
        raise BadInput(f"stats on {dataset.code} would return more than {MAX_GROUPS} groups; "
                       "group by fewer fields or filter")
    return rows


def _private_stats(ctx, access, dims, where, aggregates, used, permission) -> StatsResult:
    dataset = access.dataset
    grant = permission.grant
    refused = sorted({fn for fn, _ in aggregates if fn in ("min", "max")})
    if refused:
        raise BadInput(f"{' and '.join(refused)} are not released under a privacy budget; "
                       "ask for count, sum or avg")
    summed = sorted({f for _, f in aggregates})
    bounds = {f: privacy.sum_bounds(dataset.field(f)) for f in summed}
    epsilon = grant.epsilon_per_query or ctx.settings.dp_epsilon_per_query
    share = epsilon / (1 + len(summed))
    table = source_table(dataset)
    clamped = []
    for f in summed:
        column, (lo, hi) = field_column(table, dataset, f), bounds[f]
        value = sa.case((column < lo, lo), (column > hi, hi), else_=column)
        clamped.append(sa.func.sum(value).label(f"sum__{f}"))
    budget = privacy.spend(ctx.services, grant, epsilon, ctx.caller.principal or "",
                           f"{dataset.code} stats by {','.join(dims) or '-'} of {','.join(summed) or 'count'}")
    rows = _grouped(ctx, access, dims, where, clamped, used)
    threshold = privacy.release_threshold(share, ctx.settings.dp_delta, dataset.min_group_size)
    groups = []
    for r in rows:
        count = privacy.noisy_count(r["count"], share)
        if count < threshold:
            continue
        values = {}
        for f in summed:
            lo, hi = bounds[f]
            total = privacy.noisy_sum(float(r[f"sum__{f}"] or 0.0), share, max(abs(lo), abs(hi)))
            values[("sum", f)] = total
            values[("avg", f)] = total / count
        groups.append(Row({**{d: r[d] for d in dims}, "count": count, "_aggregates": values}))
    ctx.allowed(dataset, access.purpose, "STATS", used, permission, rows=len(groups))
    return StatsResult(groups=groups, suppressed=None, epsilon=epsilon, epsilon_left=budget.left)
