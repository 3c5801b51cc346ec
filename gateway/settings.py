"""The gateway's settings: one typed object, read once from ``DATAGATE_*`` variables.

Nothing else reads the environment. The object is passed to whatever needs it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import secrets
from pathlib import Path
from typing import Mapping


SOURCE_SECRET_PREFIX = "DATAGATE_SOURCE_SECRET_"


class SettingsError(ValueError):
    """A DATAGATE_* variable has a value the gateway cannot use."""


@dataclasses.dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("./data")
    database_url: str | None = None  # default: SQLite file under data_dir
    dev_mode: bool = False  # `datagate token` mints HS256 tokens (serve --demo turns it on)
    jwt_secret: str | None = None  # HS256 (dev); generated into data_dir when unset
    jwt_public_key_file: Path | None = None  # RS256 PEM (production)
    jwks_file: Path | None = None  # RS256 JWKS JSON file (production)
    jwks_url: str | None = None  # the identity provider's JWKS (production; keys rotate)
    jwks_refresh_seconds: float = 300.0  # at most one refetch this often for an unknown key
    jwks_max_age_seconds: float = 3600.0  # keys are refetched after this long anyway
    jwt_issuer: str = "datagate"
    jwt_audience: str = "datagate"
    jwt_leeway_seconds: int = 60  # clock skew allowed on exp/nbf/iat (at most 300)
    jwt_principal_claim: str = "sub"  # the claim naming the principal
    jwt_department_claim: str | None = None  # the claim naming its department (provisioning)
    jwt_roles_claim: str | None = None  # when set, a token's roles limit those held here
    provision_principals: bool = False  # a valid token of an unknown subject creates it
    # people's sign-in to the web console: the provider's OIDC code flow with PKCE
    oidc_issuer: str | None = None  # discovery at <issuer>/.well-known/openid-configuration
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = dataclasses.field(default=None, repr=False)
    oidc_redirect_url: str | None = None  # <console>/signin/oidc/callback, as registered there
    token_ttl_hours: int = 24 * 30
    clock: dt.datetime | None = None  # frozen clock for tests and demos
    holidays_file: Path | None = None
    max_query_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_page_size: int = 10_000  # records one `rows` or auditLog page may ask for
    default_page_size: int = 100
    min_group_size: int = 5  # default small-cell threshold for stats
    dominance_n: int = 2  # (n, k) dominance rule of magnitude sums; a catalog entry may set its own
    dominance_k: float = 85.0
    stats_count_noise: int = 2  # cell key perturbation of stats counts (gateway.catalog.disclosure)
    stats_magnitude_noise: float = 0.1  # and of sums, as a share of the largest contribution
    hash_secret: str | None = None  # masking HMAC key
    source_key: str | None = None  # Fernet key sealing source passwords; default a data_dir file
    source_secrets_dir: Path | None = None  # where `file:NAME` source passwords are read
    # DATAGATE_SOURCE_SECRET_<NAME> variables, read once: `env:NAME` source passwords
    source_secrets: Mapping[str, str] = dataclasses.field(
        default_factory=dict, repr=False, hash=False, compare=False)
    dp_epsilon_per_query: float = 0.5  # a budgeted stats grant spends this per query by default
    dp_delta: float = 1e-6  # chance a group below the released threshold shows anyway
    compare_rate_limit: str = "120/minute"  # per department and dataset (limits' notation)
    compare_daily_key_cap: int = 1000  # distinct keys a department may compare a day
    compare_key_mismatch_limit: int = 5  # non-matching compares of one key a day, per department
    rate_limit_storage: str = "memory://"  # redis://127.0.0.1:6379 to share across processes
    sandbox_dir: Path | None = None  # session databases; default data_dir/sandbox
    sandbox_timeout_seconds: float = 10.0  # wall-clock limit of one sandbox query
    sandbox_memory_mb: int = 512  # DuckDB memory limit per session
    sandbox_temp_mb: int = 1024  # spill space per session
    sandbox_threads: int = 1  # DuckDB threads per session
    sandbox_max_rows: int = 10_000  # rows one result may have
    sandbox_max_result_mb: int = 16  # bytes one result may have
    sandbox_ttl_minutes: int = 120  # a session's life; its files are deleted after
    sandbox_max_sessions: int = 3  # open sessions per principal
    sandbox_process_idle_minutes: int = 10  # a session's query process ends after this long idle
    worker_threads: int = 32  # threads that run GraphQL requests in one gateway process
    # connections one process may hold (docs/operations.md#connections): the store's pool
    # (sessions, the audit writer), 4 more for the access-generation read, and a pool per source
    store_pool_size: int = 10
    # with the pool, one more than worker_threads: every request thread may hold a session
    # while the audit writer needs one; fewer made concurrent requests time out (INTERNAL)
    store_max_overflow: int = 23
    source_pool_size: int = 8
    source_max_overflow: int = 4
    pool_timeout_seconds: float = 30.0  # a request waits this long for a free connection
    # off behind PgBouncer in transaction mode before 1.21: psycopg then prepares nothing
    prepared_statements: bool = True
    readiness_cache_seconds: float = 30.0  # /readyz keeps each catalog entry's source check
    # the open catalog (docs/open-data.md): the licence of entries that name none, and the
    # address harvesters reach the gateway at (default: each request's own)
    open_data_license: str = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    public_base_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    sql_echo: bool = False
    metrics: str = "token"  # GET /metrics: open | token (auditor, security_admin) | off
    log_format: str = "text"  # text | json (one JSON object per line, with the request id)
    cors_origins: str = ""  # browser origins allowed to call the API, comma-separated
    tracing: str = "off"  # off | otlp (the tracing extra; OTEL_* variables: gateway.tracing)
    # names this process among several behind a load balancer; sandbox session ids begin
    # with "<name>-", by which the balancer routes a session's requests (docs/operations.md)
    instance_name: str = ""

    def __post_init__(self):
        if not 0 <= self.jwt_leeway_seconds <= 300:
            raise SettingsError("DATAGATE_JWT_LEEWAY_SECONDS is between 0 and 300 seconds, not "
                                f"{self.jwt_leeway_seconds}")
        for name in ("open_data_license", "public_base_url"):
            if getattr(self, name) and not getattr(self, name).startswith(("http://", "https://")):
                raise SettingsError(f"DATAGATE_{name.upper()} is an http(s) address, not "
                                    f"{getattr(self, name)!r}")
        for name in ("store_pool_size", "source_pool_size"):
            if getattr(self, name) < 1:
                raise SettingsError(f"DATAGATE_{name.upper()} must be at least 1, not "
                                    f"{getattr(self, name)}")
        for name in ("store_max_overflow", "source_max_overflow"):
            if getattr(self, name) < 0:
                raise SettingsError(f"DATAGATE_{name.upper()} must be 0 or more, not "
                                    f"{getattr(self, name)}")
        for name, allowed in (("metrics", ("open", "token", "off")),
                              ("log_format", ("text", "json")),
                              ("tracing", ("off", "otlp"))):
            if getattr(self, name) not in allowed:
                raise SettingsError(f"DATAGATE_{name.upper()} is one of {', '.join(allowed)}, "
                                    f"not {getattr(self, name)!r}")
        if self.instance_name and not re.fullmatch(r"[a-z0-9]{1,16}", self.instance_name):
            raise SettingsError("DATAGATE_INSTANCE_NAME is 1-16 lower-case letters and digits "
                                f"(it begins sandbox session ids), not {self.instance_name!r}")
        if self.compare_key_mismatch_limit < 1:
            raise SettingsError("DATAGATE_COMPARE_KEY_MISMATCH_LIMIT must be a positive whole "
                                f"number, not {self.compare_key_mismatch_limit}")

    @property
    def store_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'datagate.sqlite').resolve()}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if environ is None else environ
        values: dict = {}
        for f in dataclasses.fields(cls):
            if f.name == "source_secrets":
                continue
            raw = env.get("DATAGATE_" + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _parse(f.name, f.type, raw)
        values["source_secrets"] = {name[len(SOURCE_SECRET_PREFIX):]: value
                                    for name, value in env.items()
                                    if name.startswith(SOURCE_SECRET_PREFIX) and value}
        values.update(overrides)
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)


def _parse(name: str, annotation: str, raw: str):
    kind = annotation.replace(" | None", "")
    try:
        if kind == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError("expected true or false")
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "Path":
            return Path(raw)
        if kind == "dt.datetime":
            value = dt.datetime.fromisoformat(raw)
            if value.tzinfo is None:
                raise ValueError("give an offset, e.g. 2026-09-30T10:00:00+08:00")
            return value
    except ValueError as exc:
        raise SettingsError(f"DATAGATE_{name.upper()}={raw!r}: {exc}") from None
    return raw


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def stored_secret(data_dir: Path, name: str) -> str:
    """A secret generated once into the data directory (development and single-host use)."""
    path = data_dir / name
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(new_secret())
        path.chmod(0o600)
    return path.read_text().strip()
