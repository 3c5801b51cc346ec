"""GraphiQL served entirely by the gateway (no CDN).

strawberry's GraphiQL page (``strawberry/static/graphiql.html``) loads seven
files from unpkg.com. The same files, fetched with ``npm pack`` at the exact
versions the template names, are vendored under ``gateway/static/graphiql/``
in a layout that mirrors the unpkg URL path (see the README there). This
module

* mounts that directory (:func:`graphiql_assets_mount`),
* rewrites strawberry's own template so each ``https://unpkg.com/<path>``
  becomes ``<base_path>/<path>`` (:func:`local_graphiql_html`); the
  ``integrity`` attributes are kept, and the vendored bytes match them,
* replaces strawberry's inline script by the gateway's own
  (``static/datagate-graphiql.js``): the schema fetched again when the
  Authorization header changes, nothing kept in localStorage (an in-memory
  storage; headers never persisted), and an example query built from the
  caller's schema,
* and provides :class:`LocalGraphiQLMixin` for ``strawberry.asgi.GraphQL``.

Usage::

    class GatewayGraphQL(LocalGraphiQLMixin, GraphQL): ...

    app = Starlette(routes=[
        graphiql_assets_mount(),
        Route("/graphql", GatewayGraphQL(schema)),
    ])

The asset paths in the page are absolute (``/graphiql-assets/...``): if the
gateway is served under a URL prefix, pass that prefix in ``base_path``
(or set ``graphiql_assets_path`` on the app class).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from strawberry.http.ides import get_graphql_ide_html

ASSETS_DIR = Path(__file__).parent / "static" / "graphiql"
"""Directory holding the vendored files, laid out like unpkg's URL paths."""

SETUP_SCRIPT = Path(__file__).parent / "static" / "datagate-graphiql.js"
"""The page's own script, put inline in place of strawberry's."""
_INLINE_SCRIPT = re.compile(r"<script>\s*const EXAMPLE_QUERY.*?</script>", re.DOTALL)

DEFAULT_BASE_PATH = "/graphiql-assets"
CDN_PREFIX = "https://unpkg.com/"

__all__ = [
    "ASSETS_DIR",
    "Asset",
    "DEFAULT_BASE_PATH",
    "LocalGraphiQLMixin",
    "graphiql_assets_mount",
    "local_graphiql_html",
    "page_assets",
    "sri_sha384",
]


@dataclass(frozen=True)
class Asset:
    """A script or stylesheet a page loads: its URL and integrity attribute."""

    tag: str  # "script" or "link"
    url: str
    integrity: str | None


class _AssetParser(HTMLParser):
    """Collects ``<script src>`` and ``<link rel=stylesheet href>``."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[Asset] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.assets.append(Asset("script", a["src"], a.get("integrity")))
        elif tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.assets.append(Asset("link", a["href"], a.get("integrity")))


def page_assets(html: str) -> list[Asset]:
    """Every script and stylesheet ``html`` loads, in document order."""
    parser = _AssetParser()
    parser.feed(html)
    parser.close()
    return parser.assets


def sri_sha384(data: bytes) -> str:
    """The Subresource Integrity value (``sha384-<base64>``) of ``data``."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def graphiql_assets_mount(path: str = DEFAULT_BASE_PATH, name: str = "graphiql-assets") -> Mount:
    """A starlette ``Mount`` serving the vendored GraphiQL files at ``path``."""
    return Mount(path, app=StaticFiles(directory=ASSETS_DIR), name=name)


@functools.lru_cache(maxsize=8)
def local_graphiql_html(base_path: str = DEFAULT_BASE_PATH) -> str:
    """strawberry's GraphiQL page with its CDN URLs pointing at ``base_path``.

    Raises ``RuntimeError`` if the template loads anything that is not a
    vendored file (e.g. after a strawberry upgrade changed versions or CDN):
    better a clear error at the first page view than a blank page offline.
    """
    html = get_graphql_ide_html("graphiql")
    base = base_path.rstrip("/") + "/"
    for asset in page_assets(html):
        if not asset.url.startswith(CDN_PREFIX):
            if asset.url.startswith(("http://", "https://", "//")):
                raise RuntimeError(f"GraphiQL template loads {asset.url} from an unknown CDN")
            continue
        relative = asset.url[len(CDN_PREFIX):]
        if not (ASSETS_DIR / relative).is_file():
            raise RuntimeError(
                f"GraphiQL template loads {asset.url}, but {ASSETS_DIR / relative} is "
                "not vendored; fetch it with npm pack (see gateway/static/graphiql/README.md)"
            )
        attr = "src" if asset.tag == "script" else "href"
        quoted = f'{attr}="{asset.url}"'
        if quoted not in html:
            raise RuntimeError(f"cannot rewrite {asset.url}: expected {quoted} in the template")
        html = html.replace(quoted, f'{attr}="{base}{relative}"')
    if len(_INLINE_SCRIPT.findall(html)) != 1:
        raise RuntimeError("GraphiQL template's inline script was not found where expected "
                           "(strawberry changed it?); gateway/web/graphiql.py replaces it")
    setup = SETUP_SCRIPT.read_text(encoding="utf-8")
    return _INLINE_SCRIPT.sub(lambda _: f"<script>\n{setup}</script>", html)


class LocalGraphiQLMixin:
    """Mixin for ``strawberry.asgi.GraphQL``: GraphiQL from local assets.

    Put it before ``GraphQL`` in the bases. Other IDE settings
    (``graphql_ide="apollo-sandbox"`` etc.) are left to strawberry.
    """

    graphiql_assets_path: str = DEFAULT_BASE_PATH

    async def render_graphql_ide(self, request: Request) -> Response:
        if getattr(self, "graphql_ide", "graphiql") != "graphiql":
            return await super().render_graphql_ide(request)  # type: ignore[misc]
        return HTMLResponse(local_graphiql_html(self.graphiql_assets_path))
