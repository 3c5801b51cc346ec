"""The gateway's services: what every use case needs, built once per process from the settings.

The store (`store()` opens a session of it), the sources, the audit trail, the clock and the
working-day calendar, tokens, the caches of the catalog and of callers with their grants,
the compare limits, the masking and cursor keys, and the sandbox. Use cases (the access
modes, workflows, open data, the sandbox) take a `Services` explicitly; nothing here knows
GraphQL or HTTP, which live in gateway/web/.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

import sqlalchemy as sa

from gateway.access.caller_cache import AccessCache
from gateway.access.compare_limits import CompareLimits
from gateway.access.generation import GenerationReader, restore_triggers, triggers_present
from gateway.access.tokens import TokenService
from gateway.audit import AuditLog
from gateway.catalog.datasets import CatalogSnapshot, catalog_generation, load_snapshot
from gateway.catalog.disclosure import defaults_from
from gateway.catalog.field_policies import cursor_key, masking_keys
from gateway.catalog.readiness import OK, CatalogCheck
from gateway.clock import Clock
from gateway.settings import Settings
from gateway.sources.registry import SourceRegistry
from gateway.sources.secrets import SourceSecrets
from gateway.store.db import make_engine, migrate, pool_options, session_factory
from gateway.tracing import tracing_for
from gateway.workdays import WorkingCalendar

log = logging.getLogger("datagate")


class Services:
    """The process's services (see the module doc)."""

    def __init__(self, settings: Settings, *, run_migrations: bool = True,
                 sandbox: Callable[["Services"], object] | None = None):
        """`sandbox` makes the process's SandboxService (gateway.sandbox_service) from these
        services on first use; the composition root (gateway.web.app) passes it."""
        self.settings = settings
        self.tracing = tracing_for(settings)  # OFF unless DATAGATE_TRACING=otlp
        self.clock = Clock(settings.clock)
        self.engine = make_engine(settings.store_url, echo=settings.sql_echo, **pool_options(
            settings.store_pool_size, settings.store_max_overflow, settings.pool_timeout_seconds,
            settings.prepared_statements))
        if run_migrations:
            migrate(self.engine)
            if restore_triggers(self.engine):
                log.warning("the store's access-generation triggers were missing and are "
                            "re-created; cached callers and grants of every process are renewed")
        self.store = session_factory(self.engine)
        self.sources = SourceRegistry(self.store, echo=settings.sql_echo,
                                      secrets=SourceSecrets(settings), pool=pool_options(
            settings.source_pool_size, settings.source_max_overflow,
            settings.pool_timeout_seconds, settings.prepared_statements), tracing=self.tracing)
        self.catalog_check = CatalogCheck(self.sources, settings.readiness_cache_seconds)
        self.tokens = TokenService(settings)
        self.audit = AuditLog(self.engine, self.clock, self.tracing)
        self.calendar = WorkingCalendar(settings.holidays_file)
        # read once: without DATAGATE_HASH_SECRET the key is a file in the data directory
        self.masking_keys = masking_keys(settings)
        self.cursor_key = cursor_key(settings)
        self.compare_limits = CompareLimits(settings, self.store, self.clock,
                                            self.masking_keys.hash_key)
        self.callers = AccessCache()
        self.generations = GenerationReader(settings.store_url,
                                            timeout=settings.pool_timeout_seconds,
                                            prepared_statements=settings.prepared_statements)
        self._catalog = CatalogSnapshot(generation=-1, datasets={})
        self._catalog_lock = threading.Lock()
        self._sandbox = None
        self._make_sandbox = sandbox
        self._sandbox_lock = threading.Lock()
        with self.engine.connect() as conn:
            self.access_cached = triggers_present(conn)
        if not self.access_cached:
            log.warning("the store has no access-generation triggers (migration 0008); callers "
                        "and grants are read from the store on every request")

    def catalog(self, session, generation: int | None = None) -> CatalogSnapshot:
        """The published catalog, reloaded when any process changed it."""
        if generation is None:
            generation = catalog_generation(session)
        if generation != self._catalog.generation:
            with self._catalog_lock:
                if generation != self._catalog.generation:
                    self._catalog = load_snapshot(session, self.settings.min_group_size,
                                                  defaults_from(self.settings))
                    self.sources.invalidate()
        return self._catalog

    @property
    def published(self) -> CatalogSnapshot:
        """The catalog as last loaded (catalog() reloads it)."""
        return self._catalog

    @property
    def sandbox(self):
        """The SQL sandbox, made on first use: one per process."""
        if self._sandbox is None:
            if self._make_sandbox is None:
                raise RuntimeError("these services were made without a sandbox")
            with self._sandbox_lock:
                if self._sandbox is None:
                    self._sandbox = self._make_sandbox(self)
        return self._sandbox

    def sandbox_if_started(self):
        """The sandbox if this process made it, else None (it is not made for this)."""
        return self._sandbox

    def readiness(self) -> dict:
        report: dict = {"store": "ok", "sources": {}, "datasets": {}, "warnings": []}
        if (keys := self.tokens.key_set_status()) is not None:  # DATAGATE_JWKS_URL's keys
            report["identity_provider"] = keys
        try:
            with self.store() as session:
                session.execute(sa.text("SELECT 1"))
                catalog = self.catalog(session)
        except Exception as exc:  # noqa: BLE001 - reported to the operator
            report["store"] = f"unreachable: {type(exc).__name__}"
            return report
        report["sources"] = self.sources.check()
        reachable = {code for code, state in report["sources"].items() if state == OK}
        report["datasets"] = self.catalog_check.report(catalog, reachable)
        year = self.clock.today().year
        report["warnings"] = self.calendar.check_years(year, year + 1)
        report["warnings"] += self.sources.warnings()
        if not self.access_cached:
            report["warnings"].append(
                "the store has no access-generation triggers (migration 0008): callers and "
                "grants are read on every request, which is slower; run `datagate migrate`")
        return report

    def close(self) -> None:
        if self._sandbox is not None:
            self._sandbox.close_all()
        self.sources.invalidate()
        self.generations.close()
        self.audit.close()
        self.engine.dispose()
        self.tracing.close()
