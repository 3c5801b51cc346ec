"""Writing catalog entries to the store: create or replace an entry, publish a version.

(The reviewed lifecycle draft -> submitted -> published is built on these in the workflows.)
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from gateway.catalog.datasets import DATA_TYPES, OPEN_TYPES, SHARE_TYPES, bump_catalog_generation, valid_code
from gateway.catalog.disclosure import validated
from gateway.errors import BadInput
from gateway.catalog.field_policies import validate_masking
from gateway.catalog.themes import checked_license, checked_theme
from gateway.store.models import CatalogEntry, CatalogField, CatalogVersion
from gateway.store.text_limits import check_values

ENTRY_KEYS = ("name", "description", "owner_department", "share_type", "share_conditions",
              "open_type", "open_conditions", "update_frequency", "provision_methods",
              "data_format", "legal_basis", "open_commitment", "source_code", "table_name", "key_field",
              "min_group_size", "disclosure", "theme", "license")
FIELD_KEYS = ("name", "column", "data_type", "description", "sensitivity", "identifier_kind",
              "dimension", "consent_required", "masking", "lower_bound", "upper_bound")


def validate_spec(spec: dict) -> None:
    code = spec.get("code", "")
    if not valid_code(code):
        raise BadInput(f"dataset code {code!r} must be camelCase letters and digits")
    if spec.get("share_type") not in SHARE_TYPES or spec.get("open_type") not in OPEN_TYPES:
        raise BadInput(f"{code}: share_type and open_type are one of {', '.join(SHARE_TYPES)}")
    names = [f["name"] for f in spec.get("fields", [])]
    if not names:
        raise BadInput(f"{code}: an entry needs at least one field")
    if len(set(names)) != len(names):
        raise BadInput(f"{code}: field names repeat")
    for f in spec["fields"]:
        if not valid_code(f["name"]):
            raise BadInput(f"{code}: field name {f['name']!r} must be camelCase")
        if f.get("data_type") not in DATA_TYPES:
            raise BadInput(f"{code}.{f['name']}: data_type is one of {', '.join(DATA_TYPES)}")
        validate_masking(code, f)
    if spec.get("key_field") not in names:
        raise BadInput(f"{code}: key_field {spec.get('key_field')!r} is not one of its fields")
    min_group = spec.get("min_group_size")
    if min_group is not None and not 1 <= min_group <= 1000:
        raise BadInput(f"{code}: min_group_size must be between 1 and 1000 (it is {min_group})")
    validated(code, spec.get("disclosure"))
    checked_theme(code, spec.get("theme") or "")
    checked_license(code, spec.get("license") or "")
    check_values(CatalogEntry, spec)  # a draft is kept as JSON: its text is held here
    for f in spec["fields"]:
        check_values(CatalogField, f, f" of field {f['name']}")


def snapshot_of(entry: CatalogEntry) -> dict:
    data = {k: getattr(entry, k) for k in ENTRY_KEYS}
    data["code"] = entry.code
    data["fields"] = [{k: getattr(f, k) for k in FIELD_KEYS} for f in entry.fields]
    return data


def write_entry(session: Session, spec: dict, now: dt.datetime, status: str = "DRAFT") -> CatalogEntry:
    """Create or replace the entry ``spec['code']`` with the given fields (not yet published)."""
    validate_spec(spec)
    if "disclosure" in spec:
        spec = {**spec, "disclosure": validated(spec["code"], spec["disclosure"])}
    entry = session.get(CatalogEntry, spec["code"])
    if entry is None:
        entry = CatalogEntry(code=spec["code"], version=0)
        session.add(entry)
    for key in ENTRY_KEYS:
        if key in spec:
            setattr(entry, key, spec[key])
    entry.status = status
    entry.updated_at = now
    entry.fields.clear()
    session.flush()
    for position, f in enumerate(spec["fields"]):
        values = {k: f[k] for k in FIELD_KEYS if k in f}
        values.setdefault("column", f["name"])
        entry.fields.append(CatalogField(position=position, **values))
    session.flush()
    return entry


def publish(session: Session, entry: CatalogEntry, by: str | None, now: dt.datetime,
            note: str = "") -> CatalogVersion:
    """Publish the entry as its next version; every gateway process rebuilds its schemas."""
    entry.status = "PUBLISHED"
    entry.version = (entry.version or 0) + 1
    entry.updated_at = now
    version = CatalogVersion(entry_code=entry.code, version=entry.version,
                             snapshot=snapshot_of(entry), published_at=now, published_by=by,
                             note=note)
    session.add(version)
    bump_catalog_generation(session)
    return version
