"""ASGI entry point for servers: `uvicorn --factory gateway.asgi:create_from_env`.

Settings come from DATAGATE_* variables; run several of these behind a load balancer with
DATAGATE_DATABASE_URL pointing at one PostgreSQL store.
"""
from __future__ import annotations

from gateway.web.app import create_app
from gateway.settings import Settings


def create_from_env():
    return create_app(Settings.from_env())
