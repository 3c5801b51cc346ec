"""The per-request context every resolver receives as ``info.context``: the request's access
(gateway.access.request) and what the GraphQL schema needs besides."""
from __future__ import annotations

import dataclasses

from gateway.access.request import AccessContext


@dataclasses.dataclass
class RequestContext(AccessContext):
    profile: dict = dataclasses.field(default_factory=dict)
    view: tuple = ()  # gateway.access.grants.profile_key(profile): callers with one view share a schema
    request: object | None = None
    variables: dict | None = None  # the request's, read again only to explain a refusal
