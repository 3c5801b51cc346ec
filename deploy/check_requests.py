"""The HTTP half of deploy/check_image.sh (standard library only, any Python 3).

    check_requests.py lookup BASE TOKEN KEY
    check_requests.py balanced LB LOOKUP_TOKEN KEY SANDBOX_TOKEN

`lookup`: the README's population lookup answers KEY's record. `balanced`: through the balancer,
plain requests reach both instances, the lookup answers, and a sandbox session answers every
query from the instance its id names. Exits non-zero, saying why, on the first failure.
"""
from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request

LOOKUP = ('query($id: String!) { population(purpose: "subsistence-allowance-review") '
          '{ lookup(key: $id) { name district } } }')
BY_DISTRICT = "SELECT district, count(*) AS n FROM socialInsurance GROUP BY district ORDER BY 1"


def call(method: str, url: str, token: str | None = None, body: dict | None = None):
    request = urllib.request.Request(url, method=method, data=None if body is None else
                                     json.dumps(body).encode(), headers={
                                         "Content-Type": "application/json",
                                         **({"Authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            raw = answer.read()
            return answer.status, answer.headers, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode(errors="replace")


def lookup(base: str, token: str, key: str) -> None:
    status, _, body = call("POST", base + "/graphql", token, {"query": LOOKUP,
                                                              "variables": {"id": key}})
    record = (body or {}).get("data", {}).get("population", {}).get("lookup") \
        if isinstance(body, dict) else None
    if status != 200 or not record or not record.get("name") or body.get("errors"):
        sys.exit(f"lookup: HTTP {status}: {body}")
    print(f"      lookup answered: district {record['district']}")


def balanced(lb: str, lookup_token: str, key: str, sandbox_token: str) -> None:
    seen, deadline = set(), time.monotonic() + 60
    while seen != {"gw1", "gw2"}:  # the balancer's health checks pass for both
        if time.monotonic() > deadline:
            sys.exit(f"the balancer reached only {sorted(seen)} in 60 s")
        try:
            status, headers, _ = call("GET", lb + "/healthz")
            if status == 200:
                seen.add(headers["X-Datagate-Instance"])
        except OSError:
            time.sleep(0.2)
    print("      both instances reached through the balancer")
    lookup(lb, lookup_token, key)
    status, headers, opened = call("POST", lb + "/sandbox/sessions", sandbox_token,
                                   {"datasets": ["socialInsurance"]})
    if status != 201:
        sys.exit(f"open a sandbox session: HTTP {status}: {opened}")
    session, holder = opened["id"], headers["X-Datagate-Instance"]
    if not session.startswith(holder + "-"):
        sys.exit(f"session {session} opened by {holder}")
    try:
        by = []
        for _ in range(6):
            status, headers, answer = call("POST", f"{lb}/sandbox/sessions/{session}/query",
                                           sandbox_token, {"sql": BY_DISTRICT})
            if status != 200 or not answer.get("rows"):
                sys.exit(f"sandbox query: HTTP {status}: {answer}")
            by.append(headers["X-Datagate-Instance"])
        plain = {call("GET", lb + "/healthz")[1]["X-Datagate-Instance"] for _ in range(4)}
        if by != [holder] * 6 or plain != {"gw1", "gw2"}:
            sys.exit(f"session queries answered by {by}, plain requests by {sorted(plain)}")
        print(f"      sandbox session {session[:8]}…: 6 queries, all by {holder}; "
              f"plain requests by {' and '.join(sorted(plain))}")
    finally:
        call("DELETE", f"{lb}/sandbox/sessions/{session}", sandbox_token)


if __name__ == "__main__":
    if sys.argv[1:2] == ["lookup"] and len(sys.argv) == 5:
        lookup(*sys.argv[2:])
    elif sys.argv[1:2] == ["balanced"] and len(sys.argv) == 6:
        balanced(*sys.argv[2:])
    else:
        sys.exit(__doc__)
