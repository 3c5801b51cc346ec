"""Input types of the workflow mutations."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
from strawberry.scalars import JSON

from resolvers.catalog_types import Mode, OpenType, ShareType


@strawberry.input
class RequestShareInput:
    dataset: str
    modes: list[Mode]
    fields: list[str]
    purpose: str
    expires_on: dt.date
    purpose_description: str = ""
    users: str = ""


@strawberry.input
class ScenarioItemInput:
    dataset: str
    modes: list[Mode]
    fields: list[str]


@strawberry.input
class ScenarioInput:
    name: str
    purpose: str
    items: list[ScenarioItemInput]
    departments: list[str]
    valid_until: dt.date


@strawberry.input(description="How a field's values are masked: the operator per channel "
                               "(keep, mask, hash, redact, generalize, encrypt, tag; left out: "
                               "the sensitivity's default) and the kind of value (NAME, "
                               "ID_NUMBER, ADDRESS …); proposeFieldPolicies proposes one.")
class FieldMaskingInput:
    shared: Optional[str] = None
    open: Optional[str] = None
    kind: Optional[str] = None
    quasi: Optional[bool] = strawberry.field(
        default=None, description="a quasi-identifier: row-level open releases are checked for "
                                  "k-anonymity over these fields (k: minGroupSize)")
    coarsen: Optional[list["CoarsenStepInput"]] = strawberry.field(
        default=None, description="a quasi-identifier's generalisation steps, coarsest last; "
                                  "with steps a release below k is generalised, without refused")
    link: Optional[str] = strawberry.field(
        default=None, description="a hashed field's pseudonym scope: releases naming the same "
                                  "scope share its pseudonyms; left out, each release has its own")
    public_contacts: Optional[JSON] = strawberry.field(
        default=None, description='a free-text field\'s public contact points left standing: '
                                  '{"numbers": [...], "emailDomains": [...], "publicBodies": true}, '
                                  'or false to mask every contact point (docs/masking.md)')


@strawberry.input(description="One generalisation step of a quasi-identifier: exactly one of "
                               "truncate (keep n characters), band (w-wide ranges) or "
                               "suppressRare (values of fewer than k rows become *).")
class CoarsenStepInput:
    truncate: Optional[int] = None
    band: Optional[int] = None
    suppress_rare: Optional[bool] = None

    def as_spec(self) -> dict:
        return {k: v for k, v in (("truncate", self.truncate), ("band", self.band),
                                  ("suppressRare", self.suppress_rare)) if v is not None}


@strawberry.input(description="Disclosure control of the entry's statistics beyond its small-group "
                               "threshold; left out, the gateway's defaults apply.")
class DisclosureInput:
    dominance_n: Optional[int] = strawberry.field(
        default=None, description="(n, k) rule: withhold a sum or average of an amount where the "
                                  "n largest contributions make up more than k percent; 0: off")
    dominance_k: Optional[float] = strawberry.field(default=None, description="k of the (n, k) rule, in percent")
    count_noise: Optional[int] = strawberry.field(
        default=None, description="cell key perturbation: the most a released count moves; 0: exact")
    magnitude_noise: Optional[float] = strawberry.field(
        default=None, description="the most a released sum moves, as a share of its largest "
                                  "contribution; 0: exact")


@strawberry.input(description="A field of a catalog entry.")
class CatalogFieldInput:
    name: str
    data_type: str = strawberry.field(description="STRING, INT, DECIMAL, DATE or BOOLEAN")
    column: Optional[str] = None
    description: str = ""
    sensitivity: str = "INTERNAL"
    identifier_kind: Optional[str] = None
    dimension: bool = False
    consent_required: bool = False
    masking: Optional[FieldMaskingInput] = None


@strawberry.input(description="A catalog entry as a steward proposes it (§12, §13, §15).")
class CatalogEntryInput:
    code: str
    name: str
    share_type: ShareType
    open_type: OpenType
    key_field: str
    fields: list[CatalogFieldInput]
    description: str = ""
    share_conditions: str = ""
    open_conditions: str = ""
    update_frequency: str = ""
    provision_methods: list[str] = strawberry.field(default_factory=list)
    legal_basis: str = ""
    source_code: Optional[str] = None
    table_name: Optional[str] = None
    min_group_size: Optional[int] = None
    disclosure: Optional[DisclosureInput] = None
    open_commitment: Optional[str] = strawberry.field(
        default=None, description="The commitment a §36(2) applicant signs (conditional open data).")
    theme: Optional[str] = strawberry.field(
        default=None, description="The open catalog's theme (主题), e.g. 市场监管 or 社保就业; "
                                  "published as an EU data theme (docs/open-data.md).")
    license: Optional[str] = strawberry.field(
        default=None, description="The IRI of the open data's licence; left out: the platform's "
                                  "default (DATAGATE_OPEN_DATA_LICENSE).")


def entry_spec(entry: CatalogEntryInput) -> dict:
    spec = {
        "code": entry.code, "name": entry.name, "description": entry.description,
        "share_type": entry.share_type.value, "share_conditions": entry.share_conditions,
        "open_type": entry.open_type.value, "open_conditions": entry.open_conditions,
        "update_frequency": entry.update_frequency, "provision_methods": entry.provision_methods,
        "legal_basis": entry.legal_basis, "source_code": entry.source_code,
        "table_name": entry.table_name, "key_field": entry.key_field,
        "min_group_size": entry.min_group_size,
        "fields": [{"name": f.name, "column": f.column or f.name, "data_type": f.data_type,
                    "description": f.description, "sensitivity": f.sensitivity,
                    "identifier_kind": f.identifier_kind, "dimension": f.dimension,
                    "consent_required": f.consent_required} for f in entry.fields],
    }
    for field, given in zip(spec["fields"], entry.fields):
        if given.masking is not None:
            field["masking"] = {k: v for k, v in (("shared", given.masking.shared),
                                                  ("open", given.masking.open),
                                                  ("kind", given.masking.kind),
                                                  ("quasi", given.masking.quasi),
                                                  ("link", given.masking.link)) if v is not None}
            if given.masking.coarsen is not None:
                field["masking"]["coarsen"] = [step.as_spec() for step in given.masking.coarsen]
            if given.masking.public_contacts is not None:
                field["masking"]["publicContacts"] = given.masking.public_contacts
    if entry.open_commitment is not None:
        spec["open_commitment"] = entry.open_commitment
    for key in ("theme", "license"):
        if getattr(entry, key) is not None:
            spec[key] = getattr(entry, key).strip()
    if entry.disclosure is not None:
        given = entry.disclosure
        spec["disclosure"] = {"dominanceN": given.dominance_n, "dominanceK": given.dominance_k,
                              "countNoise": given.count_noise, "magnitudeNoise": given.magnitude_noise}
    return spec
