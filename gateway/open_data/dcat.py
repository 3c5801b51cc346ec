"""The open catalog (§35): released datasets with their downloads, and conditionally open
ones with how to apply; as plain JSON and as DCAT (W3C Data Catalog Vocabulary) JSON-LD for
harvesting by national and provincial portals."""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt

import sqlalchemy as sa

from gateway.catalog.datasets import Dataset
from gateway.catalog.field_policies import open_operator, sensitivity_of
from gateway.open_data.access import FORMATS
from gateway.open_data.applications import commitment_digest
from gateway.open_data.releases import current_releases
from gateway.store.models import CatalogEntry, Department

if TYPE_CHECKING:
    from gateway.services import Services

PORTAL_TITLE = "佛山市公共数据开放目录"
_FREQUENCIES = {  # update frequency -> Dublin Core frequency vocabulary
    "daily": "http://purl.org/cld/freq/daily", "weekly": "http://purl.org/cld/freq/weekly",
    "monthly": "http://purl.org/cld/freq/monthly", "quarterly": "http://purl.org/cld/freq/quarterly",
    "annual": "http://purl.org/cld/freq/annual", "yearly": "http://purl.org/cld/freq/annual",
}
_FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "jsonl": "JSON Lines", "parquet": "Parquet"}


def _iso(instant: dt.datetime | None) -> str | None:
    return instant.isoformat() if instant else None


def open_entries(services: Services, session) -> list[dict]:
    """Every dataset the portal lists, as plain dicts: released UNCONDITIONAL ones and
    published CONDITIONAL ones; not-open data is not listed."""
    catalog = services.catalog(session)
    releases = current_releases(session)
    names = dict(session.execute(sa.select(Department.code, Department.name)).all())
    entries = {e.code: e for e in session.scalars(sa.select(CatalogEntry).where(
        CatalogEntry.status == "PUBLISHED", CatalogEntry.open_type.in_(["UNCONDITIONAL", "CONDITIONAL"])))}
    listed = []
    for code in sorted(entries):
        dataset, entry = catalog.get(code), entries[code]
        if dataset is None or (dataset.open_type == "UNCONDITIONAL" and code not in releases):
            continue
        release = releases.get(code)
        listed.append({"dataset": dataset, "entry": entry, "release": release,
                       "publisher": names.get(dataset.owner_department, dataset.owner_department)})
    return listed


def authority_name(session) -> str:
    """The data authority's name: the publisher of the open catalog."""
    name = session.scalars(sa.select(Department.name).where(Department.is_data_authority)).first()
    return name or "数据主管部门"


def _fields(dataset: Dataset) -> list[dict]:
    return [{"name": f.name, "type": f.data_type, "description": f.description,
             "sensitivity": sensitivity_of(f.sensitivity).value, "openOperator": open_operator(f)}
            for f in dataset.fields]


def catalog_json(listed: list[dict], base_url: str) -> dict:
    datasets = []
    for item in listed:
        dataset, entry, release = item["dataset"], item["entry"], item["release"]
        body = {
            "code": dataset.code, "name": dataset.name, "description": dataset.description,
            "publisher": {"code": dataset.owner_department, "name": item["publisher"]},
            "openType": dataset.open_type, "openConditions": entry.open_conditions,
            "updateFrequency": entry.update_frequency, "version": dataset.version,
            "modified": _iso(entry.updated_at), "fields": _fields(dataset),
        }
        if release is not None:
            body["release"] = {"id": release.id, "approvedAt": _iso(release.reviewed_at)}
            body["downloads"] = [{"format": fmt, "mediaType": media.split(";")[0],
                                  "url": f"{base_url}open/datasets/{dataset.code}.{fmt}"}
                                 for fmt, media in FORMATS.items()]
        else:
            body["application"] = {
                "channels": sorted(set(entry.provision_methods or []) & {"DOWNLOAD", "API", "SANDBOX"}),
                "commitment": entry.open_commitment,
                "commitmentSha256": commitment_digest(entry.open_commitment or ""),
                "how": "apply with the GraphQL mutation applyForOpenData, signing the commitment",
            }
        datasets.append(body)
    return {"title": PORTAL_TITLE, "datasets": datasets}


def catalog_jsonld(listed: list[dict], base_url: str, publisher: str) -> dict:
    context = {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
               "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#"}
    datasets = []
    for item in listed:
        dataset, entry, release = item["dataset"], item["entry"], item["release"]
        node = {
            "@id": f"{base_url}open/datasets/{dataset.code}", "@type": "dcat:Dataset",
            "dct:identifier": dataset.code,
            "dct:title": {"@value": dataset.name, "@language": "zh"},
            "dct:description": dataset.description,
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": item["publisher"]},
            "dct:modified": {"@value": _iso(entry.updated_at), "@type": "xsd:dateTime"},
            "dct:accessRights": "public" if release is not None else "restricted",
            "dcat:keyword": [f.description or f.name for f in dataset.fields if f.dimension],
        }
        if entry.update_frequency in _FREQUENCIES:
            node["dct:accrualPeriodicity"] = {"@id": _FREQUENCIES[entry.update_frequency]}
        if release is not None:
            node["dct:issued"] = {"@value": _iso(release.reviewed_at), "@type": "xsd:dateTime"}
            node["dcat:distribution"] = [{
                "@id": f"{base_url}open/datasets/{dataset.code}.{fmt}", "@type": "dcat:Distribution",
                "dct:title": f"{dataset.name} ({_FORMAT_NAMES[fmt]})",
                "dcat:downloadURL": {"@id": f"{base_url}open/datasets/{dataset.code}.{fmt}"},
                "dcat:accessURL": {"@id": f"{base_url}open/datasets/{dataset.code}.{fmt}"},
                "dcat:mediaType": media.split(";")[0], "dct:format": _FORMAT_NAMES[fmt],
            } for fmt, media in FORMATS.items()]
        else:
            node["dct:rights"] = entry.open_conditions or "conditional open data (§36(2))"
        datasets.append(node)
    return {"@context": context, "@id": f"{base_url}open/catalog.jsonld", "@type": "dcat:Catalog",
            "dct:title": {"@value": PORTAL_TITLE, "@language": "zh"},
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher},
            "dcat:dataset": datasets}
