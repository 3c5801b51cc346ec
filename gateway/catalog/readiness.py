"""/readyz's check of the published catalog against its sources: every entry's table and
every field's column must exist in its source, or every read of the dataset is refused
(SOURCE_UNAVAILABLE).

Checked with the gateway's own table (gateway.sources.registry.source_table: names quoted by
SQLAlchemy Core, never built from text) in one ``SELECT <columns> FROM <table> WHERE false``
per entry, which reads no row; only an entry that fails is asked more, to name what its
source lacks. An entry's answer is kept for ``readiness_cache_seconds`` (monotonic time) and
dropped when the catalog generation moves, so that a load balancer polling /readyz every
second does not query the departments' databases every second.
"""
from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from gateway.catalog.datasets import CatalogSnapshot, Dataset
from gateway.errors import SourceUnavailable
from gateway.sources.registry import SourceRegistry, names_something_missing, source_table

OK = "ok"


class CatalogCheck:
    """Whether each published entry's table and columns are in its source, remembered."""

    def __init__(self, sources: SourceRegistry, max_age_seconds: float):
        self._sources = sources
        self._max_age = max_age_seconds
        self._generation: int | None = None
        self._answers: dict[str, tuple[float, str]] = {}  # dataset code -> (checked at, answer)
        # one check at a time: polls that arrive together wait and read its answers
        self._lock = threading.Lock()

    def report(self, catalog: CatalogSnapshot, reachable: set[str]) -> dict[str, str]:
        """Dataset code -> "ok" or what its source lacks, for every published entry bound to a
        source; an entry whose source is unreachable (reported as such) is not checked."""
        with self._lock:
            if catalog.generation != self._generation:
                self._answers.clear()
                self._generation = catalog.generation
            report = {}
            for code, dataset in sorted(catalog.datasets.items()):
                if not dataset.source_code:
                    continue
                if dataset.source_code not in reachable:
                    report[code] = f"not checked: source {dataset.source_code} is unreachable"
                    continue
                report[code] = self._answer(dataset)
            return report

    def _answer(self, dataset: Dataset) -> str:
        now = time.monotonic()
        known = self._answers.get(dataset.code)
        if known is None or now - known[0] >= self._max_age:
            known = self._answers[dataset.code] = (now, missing_from_source(self._sources, dataset))
        return known[1]


def missing_from_source(sources: SourceRegistry, dataset: Dataset) -> str:
    """"ok", or which of the dataset's table and columns its source lacks (named as the
    catalog names them; the driver's text is not quoted)."""
    table = source_table(dataset)
    where = f"source {dataset.source_code}"
    name = dataset.table_name or dataset.code
    try:
        with sources.connect(dataset) as connection:
            if _readable(connection, table, list(table.c)):
                return OK
            if not _readable(connection, table, []):
                return f"table {name} is missing from {where}"
            missing = [c.name for c in table.c if not _readable(connection, table, [c])]
    except SourceUnavailable:
        return f"not checked: {where} is unreachable"
    except sa.exc.DBAPIError as exc:
        return f"not checked: {where} refused the check ({type(exc.orig).__name__})"
    if not missing:
        return f"table {name} in {where} could not be read as the catalog describes it"
    return f"table {name} in {where} lacks columns: {', '.join(missing)}"


def _readable(connection, table: sa.TableClause, columns: list) -> bool:
    """Whether the source has the table and these columns (False only if it says it lacks
    one; any other error is raised)."""
    statement = sa.select(*columns or [sa.literal(1)]).select_from(table).where(sa.false())
    try:
        connection.execute(statement).close()
    except sa.exc.DBAPIError as exc:
        if names_something_missing(exc.orig):
            return False
        raise
    return True
