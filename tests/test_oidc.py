"""Identity from the city's OIDC provider (issue 17, item 3), over HTTP against the app.

The provider is a small HTTP server in a thread serving a JWKS of RS256 keys; the gateway is
pointed at it with DATAGATE_JWKS_URL. Checked: a lookup by an app with a token signed by the
served key, and again after the provider rotates its key (one refetch, counted at the
server; an unknown key right after is refused without another); issuer, audience and clock
skew; unknown subjects refused (audited) or provisioned when the operator turns it on; a
deactivated principal or department refused on the next request; the roles claim only
limiting roles. No refusal carries the token, its claims or the keys.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from faker import Faker
from starlette.testclient import TestClient
from typer.testing import CliRunner

from gateway.cli import app as cli
from gateway.clock import Clock
from gateway.store.models import Department, Principal, RoleAssignment
from gateway.web.app import Gateway, create_app
from tests.served_world import free_port
from tests.conftest import PURPOSE, audited_since, newest_audit_id

fake = Faker("zh_CN")
ISSUER = "https://sso.foshan.gov.cn/realms/city"
AUDIENCE = "datagate-foshan"
REFRESH = 1.0  # DATAGATE_JWKS_REFRESH_SECONDS in these tests: short, so a rotation can be seen
ME = "{ me { principal kind department { code } roles } }"
LOOKUP = "query($k: String!) { population(purpose: \"%s\") { lookup(key: $k) { name district } } }" % PURPOSE


class IdentityProvider:
    """A JWKS URL served from a thread; counts the fetches; rotates or fails on demand."""

    def __init__(self, keys: dict):
        self.keys = dict(keys)  # kid -> private key, the served set's
        self.hits = 0
        self.failing = False
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                provider.hits += 1
                if provider.failing:
                    self.send_response(503)
                    self.end_headers()
                    return
                body = json.dumps(provider.document()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        # the query stands for a secret some providers put in the URL: it must not be logged
        self.url = (f"http://127.0.0.1:{self._server.server_port}"
                    "/realms/city/protocol/openid-connect/certs?tenant=s3cret-tenant-key")

    def document(self) -> dict:
        keys = []
        for kid, key in self.keys.items():
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            keys.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
        return {"keys": keys}

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def keys():
    return [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)]


@pytest.fixture
def idp(keys):
    provider = IdentityProvider({"city-2026-a": keys[0]})
    yield provider
    provider.close()


@contextlib.contextmanager
def production(gateway, jwks_url: str, **overrides):
    """A gateway on the test store that takes only the provider's tokens."""
    settings = gateway.settings.with_(
        jwks_url=jwks_url, jwt_secret=None, dev_mode=False, jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE, jwks_refresh_seconds=REFRESH, **overrides)
    gw = Gateway(settings)
    try:
        with TestClient(create_app(settings, gw)) as client:
            yield gw, client
    finally:
        gw.close()


def token(gw, key, kid: str | None, **claims) -> str:
    now = gw.services.clock.now()
    body = {"iss": ISSUER, "aud": AUDIENCE, "iat": int(now.timestamp()),
            "exp": int((now + dt.timedelta(minutes=30)).timestamp()), "jti": uuid.uuid4().hex,
            "email": fake.email(), "phone_number": fake.phone_number(), **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key, algorithm="RS256",
                      headers={"kid": kid} if kid else None)


def ask(client, bearer: str, query: str = ME, variables: dict | None = None):
    return client.post("/graphql", json={"query": query, "variables": variables},
                       headers={"Authorization": f"Bearer {bearer}"})


def refused(response, bearer: str, provider: IdentityProvider | None = None) -> str:
    """The refusal's message, after checking it is a 401 UNAUTHENTICATED that carries nothing
    of the token (its parts, its other claims) nor of the keys."""
    assert response.status_code == 401, response.text
    body = response.json()
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert body.get("data") is None
    text = response.text
    assert all(part not in text for part in (bearer, *bearer.split(".")))
    claims = jwt.decode(bearer, options={"verify_signature": False})
    assert all(claims[c] not in text for c in ("email", "phone_number") if c in claims)
    assert "PRIVATE KEY" not in text and "PUBLIC KEY" not in text
    for jwk in (provider.document()["keys"] if provider else []):
        assert jwk["n"] not in text and jwk["n"][:40] not in text
    return body["errors"][0]["message"]


@pytest.fixture
def office(gateway):
    """A department of the test store of its own (tests deactivate it or provision into it)."""
    code = f"scjg-{uuid.uuid4().hex[:8]}"
    with gateway.services.store() as session, session.begin():
        session.add(Department(code=code, name=f"佛山市{fake.district()}区市场监督管理局"))
    return code


def add_principal(gateway, department: str, roles=(), kind="PERSON") -> str:
    name = f"{fake.user_name()}-{uuid.uuid4().hex[:6]}"
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        principal = Principal(name=name, display_name=fake.name(), kind=kind,
                              department_code=department, created_at=now)
        principal.roles = [RoleAssignment(role=r, assigned_by="security-admin", assigned_at=now)
                           for r in roles]
        session.add(principal)
    return name


def set_active(gateway, model, key, active: bool) -> None:
    with gateway.services.store() as session, session.begin():
        session.get(model, key).active = active


def test_an_app_looks_up_with_keys_from_the_jwks_url_through_a_rotation(gateway, idp, keys,
                                                                          people):
    person = people[7]
    with production(gateway, idp.url) as (gw, client):
        app_token = token(gw, keys[0], "city-2026-a", sub="minzheng-app", client_id="minzheng-app")
        first = ask(client, app_token, LOOKUP, {"k": person["id_number"]})
        assert first.json() == {"data": {"population": {"lookup": {
            "name": person["name"], "district": person["district"]}}}}
        again = token(gw, keys[0], "city-2026-a", sub="minzheng-app", client_id="minzheng-app")
        assert ask(client, again, LOOKUP, {"k": person["id_number"]}).status_code == 200
        assert idp.hits == 1  # fetched once, then kept

        idp.keys = {"city-2026-b": keys[1]}  # the provider rotates its key
        time.sleep(REFRESH + 0.1)
        rotated = token(gw, keys[1], "city-2026-b", sub="minzheng-app", client_id="minzheng-app")
        second = ask(client, rotated, LOOKUP, {"k": person["id_number"]})
        assert second.json()["data"]["population"]["lookup"]["name"] == person["name"]
        assert idp.hits == 2  # the new key's token refetched the set, once

        unknown = token(gw, keys[2], "city-2026-c", sub="minzheng-app")
        message = refused(ask(client, unknown), unknown, idp)
        assert "kid" in message and "identity provider" in message
        assert idp.hits == 2  # right after a refetch an unknown key does not cause another

        # the first key was withdrawn: its token, verified and remembered before, stops too
        refused(ask(client, app_token, LOOKUP, {"k": person["id_number"]}), app_token, idp)
        assert idp.hits == 2


def test_issuer_audience_signature_and_clock_skew(gateway, idp, keys):
    with production(gateway, idp.url) as (gw, client):
        now = int(gw.services.clock.now().timestamp())
        good = token(gw, keys[0], "city-2026-a", sub="renshe-app")
        assert ask(client, good).json()["data"]["me"]["principal"] == "renshe-app"

        other_issuer = token(gw, keys[0], "city-2026-a", sub="renshe-app",
                             iss="https://sso.guangzhou.gov.cn/realms/city")
        assert "issuer" in refused(ask(client, other_issuer), other_issuer, idp)
        other_audience = token(gw, keys[0], "city-2026-a", sub="renshe-app", aud="another-system")
        assert "audience" in refused(ask(client, other_audience), other_audience, idp)
        forged = token(gw, keys[2], "city-2026-a", sub="security-admin")  # a served kid, not its key
        assert "Signature" in refused(ask(client, forged), forged, idp)
        hs256 = jwt.encode({"sub": "security-admin", "iss": ISSUER, "aud": AUDIENCE,
                            "exp": now + 600}, "a-guessed-secret-of-at-least-32-bytes!!",
                           algorithm="HS256", headers={"kid": "city-2026-a"})
        refused(ask(client, hs256), hs256, None)

        # exp, nbf and iat are checked against the gateway's clock with 60 seconds of skew
        late = token(gw, keys[0], "city-2026-a", sub="renshe-app", exp=now - 30)
        assert ask(client, late).status_code == 200
        expired = token(gw, keys[0], "city-2026-a", sub="renshe-app", exp=now - 90)
        assert "expired" in refused(ask(client, expired), expired, idp)
        early = token(gw, keys[0], "city-2026-a", sub="renshe-app", nbf=now + 30, iat=now + 30)
        assert ask(client, early).status_code == 200
        too_early = token(gw, keys[0], "city-2026-a", sub="renshe-app", nbf=now + 120)
        assert "not valid yet" in refused(ask(client, too_early), too_early, idp)
        from_the_future = token(gw, keys[0], "city-2026-a", sub="renshe-app", iat=now + 120)
        refused(ask(client, from_the_future), from_the_future, idp)
        no_expiry = token(gw, keys[0], "city-2026-a", sub="renshe-app", exp=None)
        assert "exp" in refused(ask(client, no_expiry), no_expiry, idp)
    # no leeway: the token 30 seconds past its exp is refused
    with production(gateway, idp.url, jwt_leeway_seconds=0) as (gw, client):
        refused(ask(client, late), late, idp)


def test_a_cached_token_expires_with_the_clock(gateway, idp, keys):
    with production(gateway, idp.url) as (gw, client):
        now = gw.services.clock.now()
        bearer = token(gw, keys[0], "city-2026-a", sub="renshe-app",
                       exp=int(now.timestamp()) + 10)
        assert ask(client, bearer).status_code == 200  # verified, remembered
        gw.services.clock = Clock(now + dt.timedelta(seconds=65))  # 55 s past exp: in leeway
        assert ask(client, bearer).status_code == 200
        gw.services.clock = Clock(now + dt.timedelta(seconds=75))  # 65 s past exp: beyond it
        assert "expired" in refused(ask(client, bearer), bearer, idp)


def test_the_principal_claim_is_configurable(gateway, idp, keys):
    with production(gateway, idp.url, jwt_principal_claim="preferred_username") as (gw, client):
        bearer = token(gw, keys[0], "city-2026-a", sub=str(uuid.uuid4()),
                       preferred_username="gongan-steward")
        assert ask(client, bearer).json()["data"]["me"]["principal"] == "gongan-steward"
        nameless = token(gw, keys[0], "city-2026-a", sub="gongan-steward")
        assert "preferred_username" in refused(ask(client, nameless), nameless, idp)


def test_an_unknown_subject_is_refused_by_default_and_audited(gateway, idp, keys):
    name = f"{fake.user_name()}-{uuid.uuid4().hex[:6]}"
    with production(gateway, idp.url, jwt_department_claim="department") as (gw, client):
        before = newest_audit_id(gateway)
        bearer = token(gw, keys[0], "city-2026-a", sub=name, department="minzheng")
        message = refused(ask(client, bearer), bearer, idp)
        assert "not known here" in message and "security admin" in message
    denied = [r for r in audited_since(gateway, before) if r.outcome == "DENIED"]
    assert [r.error_code for r in denied] == ["UNAUTHENTICATED"]
    assert name in denied[0].detail and bearer not in denied[0].detail
    with gateway.services.store() as session:
        assert session.get(Principal, name) is None


def test_unknown_subjects_are_provisioned_when_the_operator_turns_it_on(gateway, idp, keys,
                                                                         office):
    person, app = f"{fake.user_name()}-{uuid.uuid4().hex[:6]}", f"scjg-app-{uuid.uuid4().hex[:6]}"
    with production(gateway, idp.url, provision_principals=True, jwt_department_claim="dept",
                    jwt_roles_claim="roles") as (gw, client):
        before = newest_audit_id(gateway)
        # a person through the city portal (azp is the portal, not the person), claiming roles
        bearer = token(gw, keys[0], "city-2026-a", sub=person, dept=office, azp="city-portal",
                       roles=["security_admin", "steward"])
        me = ask(client, bearer).json()["data"]["me"]
        assert me == {"principal": person, "kind": "PERSON", "department": {"code": office},
                      "roles": []}
        assert ask(client, bearer).json()["data"]["me"]["principal"] == person  # made once
        # an app by client credentials: its subject is its client id
        app_token = token(gw, keys[0], "city-2026-a", sub=app, client_id=app, dept=office)
        assert ask(client, app_token).json()["data"]["me"]["kind"] == "APP"
        records = audited_since(gateway, before)
    made = [r for r in records if r.action == "PROVISION_PRINCIPAL"]
    assert [(r.principal, r.department, r.outcome) for r in made] == [
        (person, office, "ALLOWED"), (app, office, "ALLOWED")]
    assert json.loads(made[0].detail) == {"principal": person, "kind": "PERSON",
                                          "department": office, "roles": [],
                                          "by": "identity provider token"}
    with gateway.services.store() as session:
        row = session.get(Principal, person)
        assert (row.active, row.department_code, row.roles) == (True, office, [])
        assert row.created_at is not None


@pytest.mark.parametrize("department", ["missing", "unknown", "deactivated"])
def test_provisioning_needs_an_active_department_the_token_names(gateway, idp, keys, office,
                                                                 department):
    name = f"{fake.user_name()}-{uuid.uuid4().hex[:6]}"
    claims = {"missing": {}, "unknown": {"dept": "no-such-bureau"}, "deactivated": {"dept": office}}
    if department == "deactivated":
        set_active(gateway, Department, office, False)
    with production(gateway, idp.url, provision_principals=True, jwt_department_claim="dept") \
            as (gw, client):
        before = newest_audit_id(gateway)
        bearer = token(gw, keys[0], "city-2026-a", sub=name, **claims[department])
        message = refused(ask(client, bearer), bearer, idp)
        assert "cannot be provisioned" in message
        assert ("dept claim" in message) if department == "missing" else (department in message)
    records = audited_since(gateway, before)
    assert [(r.outcome, r.error_code) for r in records] == [("DENIED", "UNAUTHENTICATED")]
    with gateway.services.store() as session:
        assert session.get(Principal, name) is None


def test_a_deactivated_principal_or_department_is_refused_on_the_next_request(gateway, idp, keys,
                                                                              office):
    name = add_principal(gateway, office, roles=["steward"])
    with production(gateway, idp.url, provision_principals=True,
                    jwt_department_claim="dept") as (gw, client):
        bearer = token(gw, keys[0], "city-2026-a", sub=name, dept=office)
        assert ask(client, bearer).json()["data"]["me"]["roles"] == ["steward"]
        set_active(gateway, Principal, name, False)
        message = refused(ask(client, bearer), bearer, idp)
        assert "deactivated" in message
        with gateway.services.store() as session:  # provisioning never re-makes it
            assert session.get(Principal, name).active is False
        set_active(gateway, Principal, name, True)
        assert ask(client, bearer).status_code == 200
        set_active(gateway, Department, office, False)
        refused(ask(client, bearer), bearer, idp)


def test_the_roles_claim_only_limits_the_roles_held_here(gateway, idp, keys, office):
    name = add_principal(gateway, office, roles=["steward", "researcher"])
    with production(gateway, idp.url, jwt_roles_claim="realm_access.roles") as (gw, client):
        def roles(**claims):
            bearer = token(gw, keys[0], "city-2026-a", sub=name, **claims)
            return ask(client, bearer).json()["data"]["me"]["roles"]

        both = {"realm_access": {"roles": ["steward", "researcher", "security_admin"]}}
        assert roles(**both) == ["researcher", "steward"]  # security_admin is not granted
        assert roles(realm_access={"roles": ["steward"]}) == ["steward"]
        assert roles(**both) == ["researcher", "steward"]  # nothing kept from the last token
        assert roles() == []  # no roles claim: no roles
        assert roles(realm_access={"roles": "researcher auditor"}) == ["researcher"]
        assert roles(**both) == ["researcher", "steward"]
        bad = token(gw, keys[0], "city-2026-a", sub=name, realm_access={"roles": {"x": 1}})
        assert "realm_access.roles" in refused(ask(client, bad), bad, idp)
    with production(gateway, idp.url) as (gw, client):  # no roles claim: the store's roles
        bearer = token(gw, keys[0], "city-2026-a", sub=name, roles=[])
        assert ask(client, bearer).json()["data"]["me"]["roles"] == ["researcher", "steward"]


def test_a_failing_jwks_url_keeps_its_keys_logs_no_secret_and_readyz_says_so(gateway, idp, keys,
                                                                             caplog):
    caplog.set_level(logging.WARNING, logger="datagate.jwks")
    with production(gateway, idp.url, jwks_max_age_seconds=REFRESH) as (gw, client):
        assert client.get("/readyz").json()["identity_provider"] == "ok"
        assert idp.hits == 1
        idp.failing = True
        time.sleep(REFRESH + 0.1)  # the set is due for a refetch, which fails
        bearer = token(gw, keys[0], "city-2026-a", sub="minzheng-app")
        assert ask(client, bearer).status_code == 200  # the keys it had are kept
        assert idp.hits == 2
        ready = client.get("/readyz")
        state = ready.json()["identity_provider"]
        assert "could not be fetched (HTTP status 503)" in state and "1 keys kept" in state
        assert ready.status_code == 200  # tokens still verify with the keys held
    logged = caplog.text
    assert "HTTP status 503" in logged and "/openid-connect/certs" in logged
    assert "s3cret-tenant-key" not in logged and "s3cret-tenant-key" not in state


def test_an_unreachable_provider_refuses_tokens_and_readyz_says_so(gateway, keys):
    url = f"http://127.0.0.1:{free_port()}/jwks"
    with production(gateway, url) as (gw, client):
        bearer = token(gw, keys[0], "city-2026-a", sub="minzheng-app")
        assert "try again later" in refused(ask(client, bearer), bearer)
        ready = client.get("/readyz")
        state = ready.json()["identity_provider"]
        assert "not reachable" in state and "every token is refused" in state
        assert ready.status_code == 503 and ready.json()["status"] == "not ready"


def test_no_tokens_are_minted_while_a_jwks_url_is_configured(gateway, idp, monkeypatch):
    with production(gateway, idp.url) as (gw, _client):
        assert gw.services.tokens.production
        with pytest.raises(RuntimeError, match="DATAGATE_JWKS_URL"):
            gw.services.tokens.issue("minzheng-app", gw.services.clock.now())
    monkeypatch.setenv("DATAGATE_DATABASE_URL", gateway.settings.store_url)
    monkeypatch.setenv("DATAGATE_DATA_DIR", str(gateway.settings.data_dir))
    monkeypatch.setenv("DATAGATE_DEV_MODE", "true")
    monkeypatch.setenv("DATAGATE_JWKS_URL", idp.url)
    result = CliRunner().invoke(cli, ["token", "minzheng-app"])
    assert result.exit_code == 2 and "identity provider" in result.output
    assert "eyJ" not in result.output  # no token printed
