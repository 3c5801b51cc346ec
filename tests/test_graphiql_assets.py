"""GraphiQL is served with every asset from the gateway itself (no CDN)."""

from __future__ import annotations

import re

import pytest
import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient
from strawberry.asgi import GraphQL
from strawberry.http.ides import get_graphql_ide_html

from gateway.web.graphiql import (
    ASSETS_DIR,
    CDN_PREFIX,
    LocalGraphiQLMixin,
    graphiql_assets_mount,
    local_graphiql_html,
    page_assets,
    sri_sha384,
)


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"


class App(LocalGraphiQLMixin, GraphQL):
    pass


@pytest.fixture(scope="module")
def client() -> TestClient:
    schema = strawberry.Schema(query=Query)
    app = Starlette(routes=[graphiql_assets_mount(), Route("/graphql", App(schema))])
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def page(client: TestClient) -> str:
    r = client.get("/graphql", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_page_is_graphiql(page: str) -> None:
    assert 'id="graphiql"' in page
    assert "GraphiQL.createFetcher" in page


def test_template_has_the_seven_cdn_assets() -> None:
    assets = page_assets(get_graphql_ide_html("graphiql"))
    assert len(assets) == 7
    assert all(a.url.startswith(CDN_PREFIX) and a.integrity for a in assets)


def test_page_loads_nothing_from_the_network(page: str) -> None:
    assets = page_assets(page)
    assert len(assets) == 7
    for a in assets:
        assert a.url.startswith("/graphiql-assets/"), a.url
    # No absolute URL in any src/href except the inline SVG favicon (data:).
    for url in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert not re.match(r"(https?:)?//", url), url


def test_each_asset_is_served_with_its_type_and_hash(client: TestClient, page: str) -> None:
    for a in page_assets(page):
        r = client.get(a.url)
        assert r.status_code == 200, a.url
        ctype = r.headers["content-type"]
        if a.tag == "script":
            assert "javascript" in ctype, (a.url, ctype)
        else:
            assert ctype.startswith("text/css"), (a.url, ctype)
        assert sri_sha384(r.content) == a.integrity, a.url


def test_vendored_files_match_strawberry_integrity() -> None:
    """Hashes of the files on disk against the template's attributes."""
    for a in page_assets(get_graphql_ide_html("graphiql")):
        path = ASSETS_DIR / a.url[len(CDN_PREFIX):]
        assert sri_sha384(path.read_bytes()) == a.integrity, path


def test_licences_sit_beside_the_files() -> None:
    for a in page_assets(get_graphql_ide_html("graphiql")):
        package_dir = ASSETS_DIR / "/".join(
            a.url[len(CDN_PREFIX):].split("/")[: 2 if a.url.startswith(CDN_PREFIX + "@") else 1]
        )
        assert (package_dir / "LICENSE").is_file(), package_dir


def test_base_path_is_configurable() -> None:
    html = local_graphiql_html("/api/assets/")
    assert all(a.url.startswith("/api/assets/") for a in page_assets(html))
    assert "//" not in "".join(a.url for a in page_assets(html))


def test_json_queries_still_work(client: TestClient) -> None:
    r = client.post("/graphql", json={"query": "{ hello }"})
    assert r.json() == {"data": {"hello": "world"}}
