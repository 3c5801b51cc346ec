"""Proposing each field's masking policy from a sample of its column (§15, §38).

A steward registering or changing a dataset asks for proposals: the gateway reads up to
``SAMPLE_ROWS`` non-empty values of every bound column from the source (Core, LIMIT, bound
parameters), runs ``masking.proposal.propose_policy`` on the field's name, description and
sample, and answers the proposed kind, class and operators with a confidence. Nothing is
applied: the steward confirms by saving the catalog draft with the ``masking`` it chose. No
sampled value leaves in the answer; the sampling is audited.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses

import sqlalchemy as sa

from gateway.catalog.datasets import Dataset, Field, dataset_from_entry
from gateway.errors import BadInput, Forbidden, NotFound
from gateway.access.principals import Caller
from gateway.sources.registry import field_column, names_something_missing, source_failure, source_table
from gateway.store.models import CatalogDraft, CatalogEntry, Source
from gateway.workflows.common import audit_action, require_department, require_role
from masking.proposal import PolicyProposal, propose_policy

if TYPE_CHECKING:
    from gateway.services import Services

SAMPLE_ROWS = 200


@dataclasses.dataclass(frozen=True)
class FieldProposal:
    field: str
    current_sensitivity: str
    current_masking: dict
    proposal: PolicyProposal
    sampled: int


def propose_field_policies(services: Services, caller: Caller, code: str) -> list[FieldProposal]:
    """Proposals for every field of ``code``: the open draft of it if there is one, else the
    entry. Only a steward of the owning department, sampling its own department's source."""
    require_role(caller, "steward")
    department = require_department(caller)
    with services.store() as session:
        dataset = _dataset_to_sample(session, code, department)
        source = session.get(Source, dataset.source_code) if dataset.source_code else None
        if source is None:
            raise NotFound(f"{code} is not bound to a registered source; set sourceCode and "
                           "tableName in the draft first")
        if source.department_code != department:
            raise Forbidden(f"source {source.code} belongs to {source.department_code}; a steward "
                            "samples only their own department's sources")
    samples = _sample_columns(services, dataset)
    proposals = [
        FieldProposal(field=f.name, current_sensitivity=f.sensitivity,
                      current_masking=dict(f.masking),
                      proposal=propose_policy(f"{f.name} {f.description}".strip(), samples[f.name]),
                      sampled=len(samples[f.name]))
        for f in dataset.fields]
    audit_action(services, caller, "PROPOSE_FIELD_POLICIES", dataset=code,
                 fields=[f.name for f in dataset.fields],
                 detail=f"sampled up to {SAMPLE_ROWS} values of each column")
    return proposals


def _dataset_to_sample(session, code: str, department: str) -> Dataset:
    draft = session.scalars(sa.select(CatalogDraft).where(
        CatalogDraft.entry_code == code, CatalogDraft.status.in_(["DRAFT", "RETURNED", "SUBMITTED"]))
        .order_by(CatalogDraft.id.desc())).first()
    if draft is not None:
        if draft.department_code != department:
            raise Forbidden(f"{code} belongs to {draft.department_code}; only its stewards "
                            "ask for policy proposals")
        return _dataset_from_spec(draft.spec)
    entry = session.get(CatalogEntry, code)
    if entry is None:
        raise NotFound(f"there is no catalog entry or draft {code}; save a draft first")
    if entry.owner_department != department:
        raise Forbidden(f"{code} belongs to {entry.owner_department}; only its stewards ask for "
                        "policy proposals")
    return dataset_from_entry(entry, 5)


def _dataset_from_spec(spec: dict) -> Dataset:
    """A draft's spec as a Dataset snapshot (fields as the steward wrote them)."""
    fields = tuple(
        Field(name=f["name"], column=f.get("column") or f["name"], data_type=f["data_type"],
              description=f.get("description", ""), sensitivity=f.get("sensitivity", "INTERNAL"),
              identifier_kind=f.get("identifier_kind"), dimension=bool(f.get("dimension")),
              consent_required=bool(f.get("consent_required")),
              masking=tuple(sorted((f.get("masking") or {}).items())))
        for f in spec.get("fields", []))
    return Dataset(code=spec["code"], name=spec.get("name", ""),
                   description=spec.get("description", ""),
                   owner_department=spec.get("owner_department", ""),
                   share_type=spec.get("share_type", "NONE"), open_type=spec.get("open_type", "NONE"),
                   source_code=spec.get("source_code"), table_name=spec.get("table_name"),
                   key_field=spec.get("key_field", ""), min_group_size=0, status="DRAFT",
                   version=0, fields=fields)


def _sample_columns(services: Services, dataset: Dataset) -> dict[str, list]:
    """Up to SAMPLE_ROWS non-null values of each field's column, one statement per column.
    A draft's table or column that its source does not have (or may not be read) is the
    steward's to correct (BAD_INPUT naming them), not a fault of the gateway; a source that
    fails the read for another reason (a lock held past its timeout, a dropped connection) is
    SOURCE_UNAVAILABLE, so that a right draft is not "corrected". The source's own message is
    not quoted."""
    table = source_table(dataset)
    samples = {}
    with services.sources.connect(dataset) as conn:
        for f in dataset.fields:
            column = field_column(table, dataset, f.name)
            statement = sa.select(column).where(column.is_not(None)).limit(SAMPLE_ROWS)
            try:
                samples[f.name] = [v for (v,) in conn.execute(statement)]
            except (sa.exc.ProgrammingError, sa.exc.OperationalError) as exc:
                if isinstance(exc, sa.exc.OperationalError) and not names_something_missing(exc.orig):
                    raise source_failure(dataset, exc) from None
                raise BadInput(
                    f"source {dataset.source_code} has no readable column {f.column!r} in a table "
                    f"{dataset.table_name or dataset.code!r} (field {f.name} of {dataset.code}); "
                    "correct the draft's tableName or the field's column, then ask again") from None
    return samples
