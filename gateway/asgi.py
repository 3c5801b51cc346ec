"""ASGI entry point for servers: `uvicorn --factory gateway.asgi:create_from_env`.

Settings come from DATAGATE_* variables; run several of these behind a load balancer with
DATAGATE_DATABASE_URL pointing at one PostgreSQL store.
"""
from __future__ import annotations

from gateway.catalog.field_policies import masking_keys
from gateway.web.app import create_app
from gateway.web.log_redaction import install_log_redaction
from gateway.web.request_logging import use_json_logs
from gateway.settings import Settings


def create_from_env():
    settings = Settings.from_env()
    # uvicorn has configured its logging by now; records of every handler are redacted
    install_log_redaction(masking_keys(settings).hash_key)
    if settings.log_format == "json":
        use_json_logs()
    return create_app(settings)
