"""The re-identification check of row-level releases: k-anonymity over quasi-identifiers.

A field whose masking says ``"quasi": true`` is a quasi-identifier (``gateway.catalog.
field_policies``). A release that lets rows out (a download, CSV / JSON Lines / Parquet, of a
release or of a DOWNLOAD application; the pages of ``rows`` under an API application) is
checked over the quasi-identifiers among its fields, as they leave (after the open-channel
operator), with the dataset's ``minGroupSize`` as k (default 5, the small-group threshold of
its statistics):

- none of its quasi-identifiers has ``coarsen`` steps: below k the release is refused with
  ``K_ANONYMITY_NOT_MET``, whose extensions carry k, the unique-row share and the smallest
  classes' sizes;
- some have steps: they are taken one at a time until at most 5% of the rows are still in
  classes smaller than k, and those rows are suppressed (``masking.k_anonymity``).

The check runs first when the release is made: a steward submitting an open release, the data
authority approving it, a steward approving a DOWNLOAD or API (ROWS) application
(``check_on_release``), so that a release refused here is never approved; and again before
every download and page, as data change between versions. It is made on the whole release,
never on one batch or page: its verdict is computed
from the source before the first byte leaves and cached per dataset version, fields, k and
the source's data version (``gateway.open_data.versions``; a source that tells none is read
again each day). Each batch of a download is recoded by the verdict and keeps only rows of
classes the verdict counted as holding; each API page drops the rows the verdict suppressed
(by key, as a page may hold only some quasi-identifiers).
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import decimal
import threading
import weakref
from typing import TYPE_CHECKING, Iterable

import sqlalchemy as sa

from gateway.catalog.datasets import Dataset
from gateway.catalog.field_policies import OPEN, dataset_policy, open_operator, quasi_identifier
from gateway.errors import ReleaseNotAnonymous
from gateway.open_data.versions import source_version, today_in_shanghai
from gateway.sources.registry import field_column, source_failure, source_table
from masking.generalisation import Quasi

if TYPE_CHECKING:  # Arrow is loaded by the first check, not by a worker's start
    import pyarrow as pa

    from gateway.services import Services
    from masking.k_anonymity import Verdict

MAX_SUPPRESSED_SHARE = 0.05  # generalise until at most this share of rows is suppressed
READ_BATCH_ROWS = 20_000
CACHED_VERDICTS = 32


@dataclasses.dataclass(frozen=True)
class ReleaseCheck:
    """The verdict on one release, and the keys of the rows it suppresses."""

    dataset: str
    verdict: Verdict
    suppressed_keys: frozenset
    coarsened: tuple[str, ...]  # quasi-identifiers with steps: they leave as the verdict's text

    def refuse_unless_it_holds(self) -> None:
        report = self.verdict.after
        if report.holds:
            return
        share = f"{report.unique_share:.0%}"
        raise ReleaseNotAnonymous(
            f"{self.dataset} does not leave row by row: over {', '.join(report.quasi_identifiers)} "
            f"{share} of its {report.rows} rows are unique and {report.rows_below_k} are in "
            f"groups smaller than k={report.k} (smallest: "
            f"{', '.join(map(str, report.smallest))}). Its steward adds generalisation steps "
            "(masking coarsen) to these quasi-identifiers, or the release leaves one out",
            extensions={"k": report.k, "quasiIdentifiers": list(report.quasi_identifiers),
                        "rows": report.rows, "uniqueShare": round(report.unique_share, 4),
                        "rowsBelowK": report.rows_below_k,
                        "smallestClasses": list(report.smallest)})

    def summary(self) -> str:
        """What the release does to hold k, in a line for the steward's notification and the
        audit detail."""
        before, after = self.verdict.before, self.verdict.after
        steps = ", ".join(f"{n} {level} step(s)" for n, level in after.levels.items() if level)
        return (f"k-anonymity k={after.k} over {', '.join(after.quasi_identifiers)}: "
                f"{before.unique_share:.1%} of {before.rows} rows unique as masked, "
                f"{after.unique_share:.1%} as released; "
                + (f"generalised {steps}; " if steps else "not generalised; ")
                + f"{after.suppressed_rows} rows suppressed")


class _Verdicts:
    """The last verdicts of one gateway, by what decides them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._found: collections.OrderedDict = collections.OrderedDict()

    def get(self, key):
        with self._lock:
            if key in self._found:
                self._found.move_to_end(key)
                return self._found[key]
        return None

    def put(self, key, check: ReleaseCheck) -> None:
        with self._lock:
            self._found[key] = check
            while len(self._found) > CACHED_VERDICTS:
                self._found.popitem(last=False)


_VERDICTS: "weakref.WeakKeyDictionary[object, _Verdicts]" = weakref.WeakKeyDictionary()
_VERDICTS_LOCK = threading.Lock()


def _verdicts(services: Services) -> _Verdicts:
    with _VERDICTS_LOCK:  # one cache per Services, gone with it
        return _VERDICTS.setdefault(services, _Verdicts())


def quasi_of(dataset: Dataset, names: Iterable[str]) -> list[Quasi]:
    """The quasi-identifiers among ``names`` that leave the open channel, in catalog order."""
    wanted = set(names)
    return [q for f in dataset.fields
            if f.name in wanted and open_operator(f) != "redact" and (q := quasi_identifier(f))]


def check_release(services: Services, dataset: Dataset, names: Iterable[str],
                  version_token: str | None = None) -> ReleaseCheck | None:
    """The verdict on releasing ``names`` of ``dataset`` row by row (cached); None when no
    quasi-identifier is among them."""
    quasi = quasi_of(dataset, names)
    if not quasi:
        return None
    if version_token is None:
        engine = services.sources.cached_engine(dataset.source_code)
        version_token = source_version(engine, dataset).token
    k = dataset.min_group_size
    key = (dataset.code, dataset.version, tuple(q.name for q in quasi), k,
           version_token or f"day:{today_in_shanghai(services.clock.now()).isoformat()}")
    cache = _verdicts(services)
    found = cache.get(key)
    if found is None:
        import pyarrow.compute as pc

        from masking.k_anonymity import anonymise

        table, keys = _read_quasi(services, dataset, [q.name for q in quasi])
        verdict = anonymise(table, quasi, k, generalise=any(q.steps for q in quasi),
                            max_suppressed_share=MAX_SUPPRESSED_SHARE)
        kept = verdict.keep(verdict.recode({n: table.column(n) for n in table.column_names}))
        suppressed = frozenset(pc.filter(keys, pc.invert(kept)).to_pylist()) if verdict.holds else frozenset()
        found = ReleaseCheck(dataset.code, verdict, suppressed,
                             tuple(q.name for q in quasi if q.steps))
        cache.put(key, found)
    return found


def check_on_release(services: Services, dataset: Dataset, names: Iterable[str]) -> str:
    """The check of an act that releases ``names`` of ``dataset`` row by row (submitting or
    approving an open release, approving a DOWNLOAD or API ROWS application): refused with
    ``K_ANONYMITY_NOT_MET`` and the classes' sizes, so the steward learns it at once rather
    than at the first download; else what the release will do to hold ('' without
    quasi-identifiers)."""
    check = check_release(services, dataset, names)
    if check is None:
        return ""
    check.refuse_unless_it_holds()
    return check.summary()


def _read_quasi(services: Services, dataset: Dataset, names: list[str]) -> tuple[pa.Table, pa.Array]:
    """The quasi-identifier columns of the whole release as they leave (masked, as text), and
    the rows' keys, read a batch at a time."""
    import pyarrow as pa

    table = source_table(dataset)
    statement = sa.select(field_column(table, dataset, dataset.key_field).label("_key"),
                          *[field_column(table, dataset, n).label(n) for n in names])
    policy, masking_keys = dataset_policy(dataset), services.masking_keys
    parts: dict[str, list[pa.Array]] = {n: [] for n in names}
    keys: list = []
    with services.sources.connect(dataset, transaction=True) as conn:
        try:
            result = conn.execution_options(stream_results=True, yield_per=READ_BATCH_ROWS) \
                .execute(statement)
            for rows in result.partitions():
                columns = list(zip(*rows))
                keys.extend(columns[0])
                masked = policy.mask_columns(dict(zip(names, map(list, columns[1:]))), OPEN,
                                             masking_keys)
                for n in names:
                    parts[n].append(pa.array(texts(masked[n]), type=pa.string()))
        except sa.exc.DBAPIError as exc:
            raise source_failure(dataset, exc) or exc
    columns = {n: pa.chunked_array(parts[n], type=pa.string()).combine_chunks() for n in names}
    return pa.table(columns), pa.array(keys)


def text_of(value) -> str | None:
    """A released value as the check reads it (as CSV writes it); None stays None."""
    if value is None or value.__class__ is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def texts(values) -> list:
    return [text_of(v) for v in values]


def release_batch(check: ReleaseCheck | None, columns: dict[str, list]) -> dict[str, list]:
    """A download batch's masked columns as they may leave: quasi-identifiers with steps
    recoded by the verdict (as text), and only rows of classes the verdict holds."""
    if check is None:
        return columns
    import pyarrow as pa
    import pyarrow.compute as pc

    verdict = check.verdict
    arrow = {n: pa.array(texts(columns[n]), type=pa.string()) for n in verdict.recodings}
    recoded = verdict.recode(arrow)
    kept = verdict.keep(recoded)
    out = dict(columns)
    for name in check.coarsened:
        out[name] = recoded[name].to_pylist()
    if pc.all(kept).as_py() is not False:
        return out
    mask = kept.to_pylist()
    return {n: [v for v, keep in zip(values, mask) if keep] for n, values in out.items()}


def release_page(check: ReleaseCheck | None, records: list[dict], keys: list) -> list[dict]:
    """API records as they may leave: rows the verdict suppressed dropped (by key), the
    quasi-identifiers with steps that the page holds recoded."""
    if check is None or not records:
        return records
    kept = [r for r, key in zip(records, keys) if key not in check.suppressed_keys]
    present = [n for n in check.coarsened if kept and n in kept[0]]
    if not present:
        return kept
    import pyarrow as pa

    recoded = {n: check.verdict.recodings[n].apply(pa.array(texts([r[n] for r in kept]),
                                                             type=pa.string())).to_pylist()
               for n in present}
    return [{**r, **{n: recoded[n][i] for n in present}} for i, r in enumerate(kept)]
