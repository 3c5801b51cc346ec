"""Production tokens: RS256 verified with a PEM public key or a JWKS file; no minting."""
from __future__ import annotations

import datetime as dt
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _token(key, gateway, kid=None, **claims):
    now = gateway.services.clock.now()
    body = {"sub": "minzheng-app", "iss": "datagate", "aud": "datagate",
            "iat": int(now.timestamp()), "exp": int((now + dt.timedelta(hours=1)).timestamp()), **claims}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid} if kid else None)


def _me(gateway, token):
    with TestClient(create_app(gateway.settings, gateway)) as client:
        return client.post("/graphql", json={"query": "{ me { principal } }"},
                           headers={"Authorization": f"Bearer {token}"})


def test_rs256_with_a_pem_public_key(gateway, rsa_key, tmp_path):
    pem = tmp_path / "idp.pem"
    pem.write_bytes(rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    production = Gateway(gateway.settings.with_(jwt_public_key_file=pem, jwt_secret=None, dev_mode=False))
    try:
        assert production.services.tokens.production
        ok = _me(production, _token(rsa_key, production))
        assert ok.json() == {"data": {"me": {"principal": "minzheng-app"}}}
        forged = jwt.encode({"sub": "auditor", "iss": "datagate", "aud": "datagate",
                             "exp": int(production.services.clock.now().timestamp()) + 60},
                            "guessed-secret-guessed-secret-guessed", algorithm="HS256")
        assert _me(production, forged).status_code == 401
        wrong_audience = _token(rsa_key, production, aud="another-system")
        assert _me(production, wrong_audience).status_code == 401
        with pytest.raises(RuntimeError):
            production.services.tokens.issue("auditor", production.services.clock.now())
    finally:
        production.close()


def test_rs256_with_a_jwks_file(gateway, rsa_key, tmp_path):
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    jwk.update(kid="city-idp-2026", use="sig", alg="RS256")
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [jwk]}))
    production = Gateway(gateway.settings.with_(jwks_file=jwks, jwt_secret=None, dev_mode=False))
    try:
        assert _me(production, _token(rsa_key, production, kid="city-idp-2026")).status_code == 200
        unknown = _me(production, _token(rsa_key, production, kid="old-key"))
        assert unknown.status_code == 401 and "kid" in unknown.json()["errors"][0]["message"]
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        assert _me(production, _token(other, production, kid="city-idp-2026")).status_code == 401
    finally:
        production.close()
