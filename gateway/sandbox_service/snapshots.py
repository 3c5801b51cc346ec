"""Snapshots of granted datasets for the SQL sandbox, streamed from the source as Arrow.

A snapshot holds exactly the fields a conditional-open application approved, masked by the
dataset's open-channel policy (§15, §36), as one table named by the dataset code with columns
named by field name. Rows never exist as one Python list: the source is read in batches of
Arrow columns (`gateway.sources.arrow_reads`: PostgreSQL `COPY`, MariaDB/MySQL JSON rows, the
driver's tuples elsewhere), each batch becomes an Arrow RecordBatch, is masked column by
column and handed to DuckDB through a RecordBatchReader.

Masking: each field passes through its open-channel operator as `gateway.catalog.field_policies`
maps it (the catalog's `masking` object, else the sensitivity's default; personal data never
leaves unmasked), the same mapping downloads and the open API use. Redacted fields (and
generalised fields with nothing to generalise to) are left out of the snapshot rather than
loaded as empty columns. Dates generalise to years in Arrow itself and the commonest string
operators (ID numbers, names, phones, addresses) run column-wise in Arrow
(`masking.arrow_operators`, the same output as the per-value operators); other
deterministic operators run once per distinct value of a batch (dictionary encoding).

Pseudonyms: `hash` takes the key of the sandbox application's own scope, `application/<id>`
(`gateway.open_data.pseudonyms`), or the link scope its steward named on the field. So a
researcher's pseudonyms are the same in every session of one application (work carries over
from session to session) and differ from those of any other application, open release or API
grant, which cannot be joined with them unless the steward chose a shared link scope.
"""
from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from gateway.catalog.datasets import Dataset, Field
from gateway.errors import BadInput, SourceUnavailable
from gateway.catalog.field_policies import OPEN, field_policy, masking_keys
from gateway.open_data.pseudonyms import field_keys
from gateway.sources.arrow_reads import ARROW_TYPES, read_batches
from gateway.sources.registry import source_failure
from masking import arrow_operators
from masking.kinds import FieldKind, Sensitivity
from masking.policies import MaskingKeys, mask_column
from sandbox import TablePolicy

if TYPE_CHECKING:
    from gateway.services import Services

log = logging.getLogger("datagate.sandbox")

BATCH_ROWS = 65_536
# Operators that give the same output for the same input (encrypt uses a fresh nonce).
_DETERMINISTIC = frozenset({"mask", "hash", "generalize", "tag"})


@dataclasses.dataclass(frozen=True)
class SnapshotPlan:
    """Which fields a snapshot loads and how each is masked."""

    dataset: Dataset
    fields: tuple[Field, ...]  # loaded, in catalog order
    operators: dict[str, str]  # field name -> open-channel operator (loaded fields)
    withheld: tuple[str, ...]  # approved fields left out: the open channel redacts them

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(f.name, self.arrow_type(f)) for f in self.fields])

    def arrow_type(self, field: Field) -> pa.DataType:
        if self.operators[field.name] == "keep":
            return ARROW_TYPES[field.data_type]
        return pa.string()

    @property
    def masking(self) -> dict[str, str]:
        """What the researcher is told: field -> operator, for fields not kept as they are."""
        shown = {name: op for name, op in self.operators.items() if op != "keep"}
        shown.update({name: "withheld" for name in self.withheld})
        return shown

    def table_policy(self) -> TablePolicy:
        """Identifiers that survive masking (pseudonyms still single people out), how people
        are counted, the dataset's small-group threshold, and its amounts under the dominance
        rule (those that enter as numbers)."""
        identifiers = {f.name for f in self.fields if f.sensitivity == "DIRECT_IDENTIFIER"}
        people = None
        key = self.dataset.key_field
        person_ids = [f for f in self.fields if f.identifier_kind == "ID_NUMBER"]
        if person_ids and person_ids[0].name != key and self.operators[person_ids[0].name] == "hash":
            # Rows are not people (e.g. visits): count people by their pseudonym. Partially
            # masked numbers are not used: they collide and would merge people.
            people = person_ids[0].name
        magnitudes = {f.name for f in self.fields if f.magnitude and self.operators[f.name] == "keep"}
        return TablePolicy(identifier_columns=frozenset(identifiers), people_column=people,
                           min_group_size=self.dataset.min_group_size, magnitude_columns=frozenset(magnitudes),
                           dominance=self.dataset.disclosure.dominance)


def kept_for_aggregation(field: Field, policy) -> bool:
    """Amounts classed PERSONAL (not sensitive, not identifiers) enter the sandbox exact.

    Nothing leaves a session but results that pass the output checks (aggregates over at
    least the dataset's threshold of people), and researchers come to the sandbox to compute
    on such numbers (`avg(monthlyBase)`); banded amounts would defeat that. Downloads and the
    open API still band them.
    """
    return (field.numeric and policy.kind is FieldKind.AMOUNT
            and policy.sensitivity is Sensitivity.PERSONAL)


def plan_snapshot(dataset: Dataset, field_names) -> SnapshotPlan:
    """The snapshot of `field_names` of `dataset`; unknown names are BAD_INPUT."""
    wanted = set(field_names)
    unknown = sorted(wanted - set(dataset.field_names))
    if unknown:
        raise BadInput(f"{dataset.code} has no field(s) {', '.join(unknown)} any more; "
                       "the catalog changed since the application was approved")
    loaded, operators, withheld = [], {}, []
    for field in dataset.fields:
        if field.name not in wanted:
            continue
        policy = field_policy(field)
        operator = policy.operator(OPEN)
        if kept_for_aggregation(field, policy):
            operator = "keep"
        if operator == "redact" or (operator == "generalize" and policy.kind is FieldKind.OTHER):
            withheld.append(field.name)
            continue
        loaded.append(field)
        operators[field.name] = operator
    if not loaded:
        raise BadInput(f"none of the approved fields of {dataset.code} may leave on the open "
                       f"channel ({', '.join(sorted(wanted))} are all redacted); ask its "
                       "steward about the open-channel masking of these fields")
    return SnapshotPlan(dataset, tuple(loaded), operators, tuple(withheld))


def mask_array(values: pa.Array, kind: FieldKind, operator: str, keys: MaskingKeys,
               hash_length: int | None = None) -> pa.Array:
    """One column of one batch masked: column-wise where masking.arrow_operators can, else
    deterministic operators run once per distinct value."""
    if operator == "keep":
        return values
    if operator == "generalize" and kind in (FieldKind.DATE, FieldKind.BIRTH_DATE) \
            and pa.types.is_date(values.type):
        # The same as masking.operators.year_of, vectorised: 1990-01-02 -> "1990".
        return pc.utf8_lpad(pc.cast(pc.year(values), pa.string()), 4, "0")
    masked = arrow_operators.mask_arrow(values, kind, operator)  # None where it does not apply
    if masked is not None:
        return masked
    if operator in _DETERMINISTIC and len(values) >= 64:
        encoded = pc.dictionary_encode(values)
        if len(encoded.dictionary) * 2 <= len(values):
            masked = mask_column(encoded.dictionary, kind, operator, keys=keys,
                                 hash_length=hash_length)
            return pc.take(masked, encoded.indices)
    return mask_column(values, kind, operator, keys=keys, hash_length=hash_length)


class Snapshot:
    """One dataset's snapshot as a RecordBatchReader over an open source connection.

    The connection is opened at once (an unreachable source is SOURCE_UNAVAILABLE before any
    session folder exists) and closed when the reader is exhausted or `close()` is called.
    An error while streaming is kept in `error`, for the caller to report after DuckDB's
    loader stops on it.
    """

    def __init__(self, plan: SnapshotPlan, connection: sa.Connection,
                 keys: MaskingKeys | dict[str, MaskingKeys], batch_rows: int = BATCH_ROWS):
        self.plan = plan
        self.error: BaseException | None = None
        self.dbapi = connection.dialect.loaded_dbapi  # the module of the driver's errors
        self.rows = 0
        self._connection = connection
        self._keys = keys
        self._batch_rows = batch_rows
        self._kinds = {f.name: field_policy(f).kind for f in plan.fields}
        self._hash_lengths = {f.name: field_policy(f).hash_length for f in plan.fields}
        self._batches = self._stream()
        self.reader = pa.RecordBatchReader.from_batches(plan.schema, self._batches)

    @property
    def policy(self) -> TablePolicy:
        return self.plan.table_policy()

    def close(self) -> None:
        self._batches.close()
        self._connection.close()

    def _stream(self) -> Iterator[pa.RecordBatch]:
        try:
            for arrays in read_batches(self._connection, self.plan.dataset, self.plan.fields,
                                       self._batch_rows):
                batch = self._masked(arrays)
                self.rows += batch.num_rows
                yield batch
        except GeneratorExit:
            raise
        except BaseException as exc:
            self.error = exc
            raise
        finally:
            self._connection.close()

    def _masked(self, arrays: list[pa.Array]) -> pa.RecordBatch:
        out = []
        for field, values in zip(self.plan.fields, arrays):
            operator = self.plan.operators[field.name]
            keys = self._keys.get(field.name) if isinstance(self._keys, dict) else self._keys
            out.append(mask_array(values, self._kinds[field.name], operator, keys,
                                  self._hash_lengths[field.name]))
        return pa.RecordBatch.from_arrays(out, schema=self.plan.schema)


def open_snapshot(services: Services, dataset: Dataset, field_names, *,
                  application_id: int | None = None, batch_rows: int = BATCH_ROWS) -> Snapshot:
    """A snapshot of `field_names` of `dataset` from its source, ready to stream, its
    pseudonyms keyed by the sandbox application `application_id` (None, for benches and
    tools outside a session: the gateway's own key)."""
    plan = plan_snapshot(dataset, field_names)
    base = masking_keys(services.settings)
    keys = base if application_id is None else field_keys(dataset, base, f"application/{application_id}")
    connection = services.sources.connect(dataset, transaction=True)
    return Snapshot(plan, connection, keys, batch_rows)


def source_error(exc: BaseException, dataset: Dataset, dbapi=None) -> BaseException:
    """What to tell the researcher when streaming from a source failed part-way: `exc` is
    SQLAlchemy's error or one of the source driver's own (module `dbapi`), which the snapshot
    paths raise as they read the driver's cursor."""
    if isinstance(exc, sa.exc.DBAPIError) or (dbapi is not None and isinstance(exc, dbapi.Error)):
        return source_failure(dataset, exc, dbapi) or SourceUnavailable(
            f"reading {dataset.code} from its source failed part-way; try again later or tell its department")
    return exc
