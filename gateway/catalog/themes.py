"""A catalog entry's theme (主题) and licence, as a steward gives them in saveCatalogDraft.

The theme is one of the subject areas Chinese public-data open portals classify by; each maps
to the EU data-theme vocabulary that DCAT-AP harvesters expect as ``dcat:theme`` (the label
itself is kept as a keyword). The licence is an IRI; an entry without one takes
DATAGATE_OPEN_DATA_LICENSE.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from gateway.errors import BadInput

EU_DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"

# theme label -> EU data-theme code (AGRI ECON EDUC ENER ENVI GOVE HEAL INTR JUST REGI SOCI
# TECH TRAN); the nearest one where a label spans two
THEMES = {
    "信用服务": "ECON", "财税金融": "ECON", "市场监管": "ECON", "商贸流通": "ECON",
    "工业农业": "AGRI", "农业农村": "AGRI",
    "社保就业": "SOCI", "社会救助": "SOCI", "人口户籍": "SOCI", "生活服务": "SOCI",
    "医疗卫生": "HEAL",
    "公共安全": "JUST", "安全生产": "JUST", "法律服务": "JUST",
    "城建住房": "REGI", "地理空间": "REGI",
    "交通运输": "TRAN", "教育文化": "EDUC", "科技创新": "TECH", "资源能源": "ENER",
    "生态环境": "ENVI", "气象服务": "ENVI", "机构团体": "GOVE", "政务服务": "GOVE",
}


def theme_iri(label: str) -> str | None:
    code = THEMES.get(label)
    return EU_DATA_THEME + code if code else None


def checked_theme(code: str, theme: str) -> None:
    if theme and theme not in THEMES:
        raise BadInput(f"{code}: theme {theme[:40]!r} is not one the open catalog knows; "
                       f"use one of {'、'.join(THEMES)} (or leave it empty)")


def checked_license(code: str, license_iri: str) -> None:
    """An absolute http(s) IRI, as DCAT-AP wants dct:license (a licence document)."""
    try:
        parts = urlsplit(license_iri)
    except ValueError:  # e.g. an unclosed [IPv6] host
        parts = None
    if license_iri and not (parts and parts.scheme in ("http", "https") and parts.netloc
                            and len(license_iri) <= 300
                            and not any(c.isspace() or ord(c) < 32 or c in '<>"{}|\\^`'
                                        for c in license_iri)):
        raise BadInput(f"{code}: license is the IRI of a licence document, e.g. "
                       "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0 "
                       f"(not {license_iri[:80]!r}); leave it empty for the platform's default")
