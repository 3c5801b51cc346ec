"""Compare rate limits shared by two gateway processes through Redis
(DATAGATE_RATE_LIMIT_STORAGE=redis://…), against the local Redis server (DEVELOPERS.md):
two Gateways on one store, each with its own limiter, count against one window; with
memory:// each counts alone. The test's rate has a window length of its own (limits puts
the limit in the key), and its keys are deleted afterwards."""
from __future__ import annotations

import secrets

import pytest
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from tests.conftest import PURPOSE, codes

REDIS = "redis://127.0.0.1:6379/13"
COMPARE = ('query($k: String!, $v: PopulationCompareInput!) { population(purpose: "%s") '
           '{ compare(key: $k, values: $v) { name } } }' % PURPOSE)
ALLOWED = 4


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")  # a dependency (limits[redis]): present when installed
    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.skip(f"no Redis server at {REDIS} ({exc}); start it as DEVELOPERS.md says")
    yield client
    client.close()


def compares(gateways, people, times: int) -> list[list[str]]:
    """`times` matching compares by minzheng-app, taking turns between the gateways."""
    clients = [TestClient(create_app(g.settings, g)) for g in gateways]
    token = gateways[0].services.tokens.issue("minzheng-app", gateways[0].services.clock.now())
    headers = {"Authorization": f"Bearer {token}",
               "Accept": "application/graphql-response+json"}
    answers = []
    for i in range(times):
        person = people[i]
        body = clients[i % len(clients)].post("/graphql", headers=headers, json={
            "query": COMPARE, "variables": {"k": person["id_number"],
                                            "v": {"name": person["name"]}}}).json()
        answers.append(codes(body))
    return answers


@pytest.mark.parametrize("storage", ["redis", "memory"])
def test_two_gateways_share_one_compare_window_in_redis(storage, gateway, people, request):
    seconds = 600 + secrets.randbelow(3000)  # this run's own window, so its own keys
    rate = f"{ALLOWED} per {seconds} seconds"
    url = REDIS if storage == "redis" else "memory://"
    if storage == "redis":
        redis = request.getfixturevalue("redis_client")
    settings = gateway.settings.with_(rate_limit_storage=url, compare_rate_limit=rate)
    gateways = [Gateway(settings) for _ in range(2)]  # two processes' services, one store
    try:
        answers = compares(gateways, people, ALLOWED + 2)
    finally:
        for g in gateways:
            g.close()
        if storage == "redis":
            keys = list(redis.scan_iter(f"*/{ALLOWED}/{seconds}/second*"))
            assert keys, "the limiter wrote nothing to Redis"
            redis.delete(*keys)
    if storage == "redis":  # one window: the fifth compare is refused, whichever gateway
        assert answers == [[]] * ALLOWED + [["RATE_LIMITED"]] * 2, answers
    else:  # each process its own window: none is refused yet
        assert answers == [[]] * (ALLOWED + 2), answers
