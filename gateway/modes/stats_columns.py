"""What one stats GROUP BY computes besides each group's count, all in the same statement:

- the aggregates the query selected (`avg__monthlyBase`);
- per aggregate, its contributing rows: count(col) for min and max, the non-zero values for
  sum and avg (`nonnull__f`, `nonzero__f`), so that no value leaves backed by fewer rows than
  the dataset's threshold;
- per summed field, max(abs(col)) (`largest__f`: the dominance rule's x1 and the scale of a
  sum's noise) and sum(abs(col)) (`absolute__f`: the dominance rule's total);
- under cell key perturbation the cell key (`cell_key`), and for an average its sum and its
  count of values, since a perturbed average is the perturbed sum over the perturbed count.
"""
from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from gateway.catalog.datasets import Dataset
from gateway.modes.cell_key import CellNoise, record_key
from gateway.sources.registry import field_column

AGGREGATES = {"sum": sa.func.sum, "avg": sa.func.avg, "min": sa.func.min, "max": sa.func.max}
SUMMED = ("sum", "avg")


def value_label(fn: str, field: str) -> str:
    return f"{fn}__{field}"


def nonnull_label(field: str) -> str:
    return f"nonnull__{field}"


def contributors_label(fn: str, field: str) -> str:
    """What backs an aggregate: non-zero values for a sum or average, values for min and max."""
    return f"nonzero__{field}" if fn in SUMMED else nonnull_label(field)


def largest_label(field: str) -> str:
    return f"largest__{field}"


def absolute_label(field: str) -> str:
    return f"absolute__{field}"


CELL_KEY = "cell_key"


@dataclasses.dataclass(frozen=True)
class StatsPlan:
    """The aggregates a query selected and the protection its answer gets."""

    dataset: Dataset
    aggregates: frozenset[tuple[str, str]]
    noise: CellNoise | None  # None: exact figures (the owner, or noise off)

    @property
    def dominance(self) -> tuple[int, float] | None:
        return self.dataset.disclosure.dominance

    @property
    def dominance_fields(self) -> list[str]:
        """Summed magnitude fields, whose groups the dominance rule judges."""
        if self.dominance is None:
            return []
        return sorted({f for fn, f in self.aggregates
                       if fn in SUMMED and self.dataset.field(f).magnitude})

    def columns(self, table: sa.TableClause) -> list:
        dataset, columns = self.dataset, {}
        for fn, f in sorted(self.aggregates):
            col = field_column(table, dataset, f)
            if self.noise is None or fn != "avg":
                columns[value_label(fn, f)] = AGGREGATES[fn](col)
            columns[contributors_label(fn, f)] = (
                sa.func.count(sa.case((col != 0, 1))) if fn in SUMMED else sa.func.count(col))
            if fn in SUMMED and (self.noise is not None or f in self.dominance_fields):
                columns[largest_label(f)] = sa.func.max(sa.func.abs(col, type_=col.type))
            if fn == "avg" and self.noise is not None:
                columns[value_label("sum", f)] = sa.func.sum(col)
                columns[nonnull_label(f)] = sa.func.count(col)
        for f in self.dominance_fields:
            col = field_column(table, dataset, f)
            columns[absolute_label(f)] = sa.func.sum(sa.func.abs(col, type_=col.type))
        if self.noise is not None:
            key = field_column(table, dataset, dataset.key_field)
            columns[CELL_KEY] = sa.func.sum(record_key(key, self.noise.seed))
        return [expression.label(label) for label, expression in columns.items()]
