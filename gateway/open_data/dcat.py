"""The open catalog (§35): released datasets with their downloads, and conditionally open
ones with how to apply, as plain JSON; ``dcat_ap`` gives the same as DCAT-AP RDF for
harvesting by national and provincial portals."""
from __future__ import annotations

from typing import TYPE_CHECKING


import sqlalchemy as sa

from gateway.catalog.datasets import Dataset
from gateway.clock import iso_at_platform
from gateway.catalog.field_policies import open_operator, sensitivity_of
from gateway.open_data.access import FORMATS
from gateway.open_data.applications import commitment_digest
from gateway.open_data.releases import current_releases
from gateway.store.models import CatalogEntry, Department

# The DCAT-AP serialisations (gateway.open_data.dcat_ap): media type -> (rdflib format, suffix).
# Here, so that routes can negotiate without loading rdflib before the catalog is asked for.
SERIALISATIONS = {
    "application/ld+json": ("json-ld", "jsonld"),
    "text/turtle": ("turtle", "ttl"),
    "application/rdf+xml": ("xml", "rdf"),
}

if TYPE_CHECKING:
    from gateway.services import Services

PORTAL_TITLE = "佛山市公共数据开放目录"


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


def _fields(dataset: Dataset) -> list[dict]:
    return [{"name": f.name, "type": f.data_type, "description": f.description,
             "sensitivity": sensitivity_of(f.sensitivity).value, "openOperator": open_operator(f)}
            for f in dataset.fields]


def licence_of(entry: CatalogEntry, dataset_iri: str, default: str) -> str:
    """The entry's own licence; else the platform's default for released data, and for
    conditionally open data the commitment its users sign, which is its terms of use."""
    if entry.license:
        return entry.license
    return dataset_iri + "#commitment" if entry.open_type == "CONDITIONAL" else default


def catalog_json(listed: list[dict], base_url: str, default_license: str) -> dict:
    datasets = []
    for item in listed:
        dataset, entry, release = item["dataset"], item["entry"], item["release"]
        body = {
            "code": dataset.code, "name": dataset.name, "description": dataset.description,
            "publisher": {"code": dataset.owner_department, "name": item["publisher"]},
            "openType": dataset.open_type, "openConditions": entry.open_conditions,
            "updateFrequency": entry.update_frequency, "version": dataset.version,
            "modified": iso_at_platform(entry.updated_at), "fields": _fields(dataset),
            "theme": entry.theme or None,
            "license": licence_of(entry, f"{base_url}open/datasets/{dataset.code}", default_license),
        }
        if release is not None:
            body["release"] = {"id": release.id, "approvedAt": iso_at_platform(release.reviewed_at)}
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
