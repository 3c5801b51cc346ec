"""The open catalog as DCAT-AP (2.x and 3.0) RDF, for the national and provincial portals that
harvest it: one rdflib graph, serialised as JSON-LD, Turtle or RDF/XML.

Everything a DCAT-AP harvester looks up in a controlled vocabulary is an IRI of it: themes
(EU data themes), language, access rights, frequency and file types (EU authority tables),
media types (IANA). Publishers are the departments, with IRIs under the gateway's public
address; each dataset's contact point is its department's public contact.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from gateway.catalog.themes import EU_DATA_THEME, theme_iri
from gateway.clock import SHANGHAI
from gateway.open_data.dcat import PORTAL_TITLE, SERIALISATIONS, licence_of
from gateway.store.models import Department

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
CHINESE = URIRef(EU + "language/ZHO")
PUBLIC, RESTRICTED = URIRef(EU + "access-right/PUBLIC"), URIRef(EU + "access-right/RESTRICTED")
STABLE = URIRef(EU + "planned-availability/STABLE")  # kept while the dataset is published
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
FREQUENCIES = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY",
               "quarterly": "QUARTERLY", "annual": "ANNUAL", "yearly": "ANNUAL"}
# extension -> (title, dct:format, dcat:mediaType): JSON Lines has neither an EU file type nor
# a registered media type (application/x-ndjson is not IANA's), so it names its specification
DISTRIBUTIONS = {
    "csv": ("CSV", EU + "file-type/CSV", IANA + "text/csv"),
    "json": ("JSON", EU + "file-type/JSON", IANA + "application/json"),
    "jsonl": ("JSON Lines", "https://jsonlines.org/", None),
    "parquet": ("Parquet", EU + "file-type/PARQUET", IANA + "application/vnd.apache.parquet"),
}
CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD),
           "skos": str(SKOS), "owl": str(OWL), "rdfs": str(RDFS), "xsd": str(XSD),
           "dcatap": str(DCATAP)}


@dataclasses.dataclass(frozen=True)
class Agent:
    code: str
    name: str
    email: str
    phone: str
    authority: bool


def agents(session) -> dict[str, Agent]:
    return {d.code: Agent(d.code, d.name, d.contact_email or "", d.contact_phone or "",
                          d.is_data_authority)
            for d in session.scalars(sa.select(Department))}


def _text(value: str) -> Literal:
    """Chinese text tagged zh; English (the demo's descriptions, a Chinese term or two in
    brackets) tagged en: a Chinese character counts for about three Latin letters."""
    chinese = sum("\u4e00" <= c <= "\u9fff" for c in value)
    latin = sum(c.isascii() and c.isalpha() for c in value)
    return Literal(value, lang="zh" if chinese * 3 >= latin else "en")


def _instant(value: dt.datetime) -> Literal:
    """xsd:dateTime in the platform's zone (+08:00), as every timestamp the gateway gives."""
    return Literal(value.astimezone(SHANGHAI).isoformat(timespec="seconds"), datatype=XSD.dateTime)


class _Builder:
    def __init__(self, base: str, agents_: dict[str, Agent], default_license: str):
        self.g, self.base, self.agents, self.default_license = Graph(), base, agents_, default_license
        for prefix, namespace in CONTEXT.items():
            self.g.bind(prefix, namespace)

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def typed(self, iri: str, *types) -> URIRef:
        node = URIRef(iri)
        for kind in types:
            self.g.add((node, RDF.type, kind))
        return node

    def agent(self, code: str) -> URIRef:
        """A department as foaf:Agent (DCAT-AP 3.0, class Agent: name mandatory, type
        recommended)."""
        found = self.agents.get(code) or Agent(code, code, "", "", False)
        node = self.typed(self.base + f"departments/{code}", FOAF.Agent, FOAF.Organization)
        self.g.add((node, FOAF.name, Literal(found.name, lang="zh")))
        self.g.add((node, DCTERMS.type, self.typed(LOCAL_AUTHORITY, SKOS.Concept)))
        return node

    def contact(self, code: str) -> URIRef:
        """The department's public contact, or the data authority's when it gave none."""
        found = self.agents.get(code)
        if found is None or not (found.email or found.phone):
            found = next((a for a in self.agents.values() if a.authority and (a.email or a.phone)),
                         found)
        found = found or Agent(code, code, "", "", False)
        node = self.typed(self.base + f"departments/{found.code}#contact",
                          VCARD.Kind, VCARD.Organization)
        self.g.add((node, VCARD.fn, Literal(found.name, lang="zh")))
        if found.email:
            self.g.add((node, VCARD.hasEmail, URIRef("mailto:" + found.email)))
        if found.phone:
            self.g.add((node, VCARD.hasTelephone, URIRef("tel:" + found.phone.replace(" ", "-"))))
        return node

    def license(self, entry, dataset_iri: str) -> URIRef:
        iri = licence_of(entry, dataset_iri, self.default_license)
        if iri == dataset_iri + "#commitment":
            self.g.add((URIRef(iri), RDFS.label, Literal("开放数据使用承诺（§36）", lang="zh")))
            self.g.add((URIRef(iri), DCTERMS.description,
                        Literal(entry.open_commitment or entry.open_conditions or "", lang="zh")))
        return self.typed(iri, DCTERMS.LicenseDocument)

    def dataset(self, item: dict) -> URIRef:
        dataset, entry, release = item["dataset"], item["entry"], item["release"]
        g, code = self.g, dataset.code
        node = self.typed(self.base + f"open/datasets/{code}", DCAT.Dataset)
        g.add((node, DCTERMS.identifier, Literal(code)))
        g.add((node, DCTERMS.title, Literal(dataset.name, lang="zh")))
        g.add((node, DCTERMS.description, _text(dataset.description or dataset.name)))
        g.add((node, DCTERMS.publisher, self.agent(dataset.owner_department)))
        g.add((node, DCAT.contactPoint, self.contact(dataset.owner_department)))
        g.add((node, DCTERMS.language, self.typed(CHINESE, DCTERMS.LinguisticSystem)))
        g.add((node, DCTERMS.accessRights, self.typed(
            PUBLIC if release is not None else RESTRICTED, DCTERMS.RightsStatement)))
        g.add((node, DCTERMS.modified, _instant(entry.updated_at)))
        g.add((node, OWL.versionInfo, Literal(str(dataset.version))))
        theme = theme_iri(entry.theme or "")
        if theme:
            g.add((node, DCAT.theme, self.typed(theme, SKOS.Concept)))
            g.add((URIRef(theme), SKOS.inScheme, URIRef(EU_DATA_THEME.rstrip("/"))))
            g.add((node, DCAT.keyword, Literal(entry.theme, lang="zh")))
        for f in dataset.fields:
            if f.dimension:
                g.add((node, DCAT.keyword, Literal(f.description or f.name, lang="zh")))
        if entry.update_frequency in FREQUENCIES:
            g.add((node, DCTERMS.accrualPeriodicity, self.typed(
                EU + "frequency/" + FREQUENCIES[entry.update_frequency], DCTERMS.Frequency)))
        if release is not None and release.reviewed_at is not None:
            g.add((node, DCTERMS.issued, _instant(release.reviewed_at)))
        license_ = self.license(entry, str(node))
        downloads = release is not None or "DOWNLOAD" in (entry.provision_methods or [])
        for fmt in (DISTRIBUTIONS if downloads else ()):
            g.add((node, DCAT.distribution, self.distribution(item, fmt, license_)))
        if not downloads:  # applied for through the API or the sandbox only: how to apply
            g.add((node, DCAT.distribution, self.application(item, license_)))
        return node

    def distribution(self, item: dict, fmt: str, license_: URIRef) -> URIRef:
        """One download (DCAT-AP 3.0, class Distribution: accessURL mandatory; description,
        format, licence recommended). A conditionally open one is reached through its entry,
        which says how to apply, and downloads with the applicant's bearer token."""
        dataset, release, g = item["dataset"], item["release"], self.g
        title, file_type, media_type = DISTRIBUTIONS[fmt]
        url = self.iri(f"open/datasets/{dataset.code}.{fmt}")
        node = self.typed(url, DCAT.Distribution)
        g.add((node, DCTERMS.title, Literal(f"{dataset.name} ({title})", lang="zh")))
        g.add((node, DCAT.downloadURL, url))
        g.add((node, DCTERMS.format, self.typed(file_type, DCTERMS.MediaTypeOrExtent)))
        if media_type:
            g.add((node, DCAT.mediaType, self.typed(media_type, DCTERMS.MediaType)))
        g.add((node, DCTERMS.license, license_))
        g.add((node, DCATAP.availability, self.typed(STABLE, SKOS.Concept)))
        if release is not None:
            g.add((node, DCAT.accessURL, url))
            g.add((node, DCTERMS.description, Literal(
                f"整表下载（{title}），按开放渠道脱敏", lang="zh")))
        else:
            g.add((node, DCAT.accessURL, self.iri(f"open/datasets/{dataset.code}")))
            g.add((node, DCTERMS.description, Literal(
                f"经申请批准后凭令牌下载（{title}），按开放渠道脱敏（§36）", lang="zh")))
        return node

    def application(self, item: dict, license_: URIRef) -> URIRef:
        code, g = item["dataset"].code, self.g
        node = self.typed(self.base + f"open/datasets/{code}#application", DCAT.Distribution)
        g.add((node, DCAT.accessURL, self.iri(f"open/datasets/{code}")))
        g.add((node, DCTERMS.title, Literal(f"{item['dataset'].name}（申请使用）", lang="zh")))
        g.add((node, DCTERMS.description, Literal(
            "签署使用承诺并经批准后，以接口或沙箱方式使用（§36）", lang="zh")))
        g.add((node, DCTERMS.license, license_))
        g.add((node, DCATAP.availability, self.typed(STABLE, SKOS.Concept)))
        return node


def catalog_graph(listed: list[dict], base: str, agents_: dict[str, Agent],
                  default_license: str) -> Graph:
    """The catalog (DCAT-AP 3.0, class Catalogue: title, description, publisher mandatory;
    dataset, language, licence, themes, modified recommended) and every listed dataset."""
    b = _Builder(base, agents_, default_license)
    g = b.g
    catalog = b.typed(base + "open/catalog", DCAT.Catalog)
    g.add((catalog, DCTERMS.title, Literal(PORTAL_TITLE, lang="zh")))
    g.add((catalog, DCTERMS.description, Literal(
        "佛山市公共数据开放目录：无条件开放的数据集经审核发布后可直接下载；有条件开放的数据集签署使用承诺、"
        "经批准后以下载、接口或沙箱方式使用。", lang="zh")))
    authority = next((a.code for a in agents_.values() if a.authority), None)
    if authority:
        g.add((catalog, DCTERMS.publisher, b.agent(authority)))
    g.add((catalog, FOAF.homepage, b.typed(base + "open/datasets", FOAF.Document)))
    g.add((catalog, DCTERMS.language, b.typed(CHINESE, DCTERMS.LinguisticSystem)))
    g.add((catalog, DCTERMS.license, b.typed(default_license, DCTERMS.LicenseDocument)))
    g.add((catalog, DCAT.themeTaxonomy, b.typed(EU_DATA_THEME.rstrip("/"), SKOS.ConceptScheme)))
    for item in listed:
        g.add((catalog, DCAT.dataset, b.dataset(item)))
    if listed:
        g.add((catalog, DCTERMS.modified, _instant(max(i["entry"].updated_at for i in listed))))
    released = [i["release"].reviewed_at for i in listed
                if i["release"] is not None and i["release"].reviewed_at is not None]
    if released:  # the catalog was first issued with its first release
        g.add((catalog, DCTERMS.issued, _instant(min(released))))
    return g


def serialise(graph: Graph, media_type: str) -> bytes:
    rdf_format = SERIALISATIONS[media_type][0]
    if rdf_format == "json-ld":  # compact, with prefixes a reader of the JSON recognises
        return graph.serialize(format="json-ld", context=CONTEXT, auto_compact=True,
                               encoding="utf-8")
    return graph.serialize(format=rdf_format, encoding="utf-8")
