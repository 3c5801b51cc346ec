#!/usr/bin/env bash
# Builds the image of ../Dockerfile and checks it for real (issue 21, docs/operations.md
# "Several hosts"): size, non-root, nothing left from the build, `datagate --version`, the
# HEALTHCHECK turning healthy under `serve --demo`, a GraphQL lookup with a token; then two
# containers (gw1, gw2) on this host's PostgreSQL and Redis behind HAProxy running
# deploy/haproxy.cfg: a lookup through the balancer and a sandbox session routed to its
# instance. Minutes long, so not part of pytest. Safe to run again: it removes what it started.
#
#   deploy/check_image.sh            # as root (debootstrap, the shared folder's owner)
#
# BASE: the base image; unset, python:3.11-slim if it is here or can be pulled, else
# datagate-base:bookworm, made once with debootstrap from this host's Debian mirror.
# Packages: pip in the base image, given the host's pip index, certificates and proxies, fills
# a wheel folder, served on loopback to the build (--network host): no address of this host
# is written into the Dockerfile. PG_ADMIN, REDIS_URL: the host's servers.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${DATAGATE_CHECK_DIR:-/var/tmp/datagate-image-check}
IMAGE=${IMAGE:-datagate:local}
PG_ADMIN=${PG_ADMIN:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/14}
STORE_DB=datagate_image_check
PREFIX=datagate-check
PY=python3
[ -x "$ROOT/.venv/bin/python" ] && PY="$ROOT/.venv/bin/python"
export DOCKER_BUILDKIT=0  # Debian's docker.io has no buildx; the classic builder does it all

if ! docker info >/dev/null 2>&1; then
    echo "SKIP: no Docker daemon reachable (docker info failed); nothing was checked"
    exit 0
fi

failures=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; failures=$((failures + 1)); }
now() { date +%s; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pids=()
cleanup() {
    for c in demo gw1 gw2; do docker rm -f "$PREFIX-$c" >/dev/null 2>&1 || true; done
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $STORE_DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
mkdir -p "$WORK"

# --- the base image ----------------------------------------------------------------------
if [ -z "${BASE:-}" ]; then
    if docker image inspect python:3.11-slim >/dev/null 2>&1 \
            || timeout 120 docker pull -q python:3.11-slim >/dev/null 2>&1; then
        BASE=python:3.11-slim
    else
        BASE=datagate-base:bookworm
        echo "note  python:3.11-slim cannot be pulled here; using $BASE"
    fi
fi
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
    [ "$BASE" = datagate-base:bookworm ] || { echo "FAIL  no image $BASE"; exit 1; }
    command -v debootstrap >/dev/null || { echo "FAIL  $BASE needs debootstrap (apt-get install debootstrap)"; exit 1; }
    # the first Debian mirror apt uses (deb822 "URIs:" or one-line "deb" entries)
    mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | awk '
        $1 == "URIs:" {print $2} $1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}' \
        | grep -v security | head -1 || true)
    [ -n "$mirror" ] || { echo "FAIL  no Debian mirror found in /etc/apt/sources.list*"; exit 1; }
    t0=$(now)
    rm -rf "$WORK/rootfs"
    # Debian 12's python3 is 3.11, as in the official slim image
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
        bookworm "$WORK/rootfs" "$mirror" >"$WORK/debootstrap.log"
    rm -rf "$WORK"/rootfs/var/cache/apt/* "$WORK"/rootfs/var/lib/apt/lists/*
    ln -sf python3 "$WORK/rootfs/usr/bin/python"
    tar -C "$WORK/rootfs" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["python3"]' \
        - "$BASE" >/dev/null
    rm -rf "$WORK/rootfs"
    echo "made  $BASE with debootstrap in $(( $(now) - t0 )) s"
fi

# --- packages: pip in the base image, set up as the host's pip is, fills a wheel folder ------
# (so markers such as python_full_version are the base's: Debian 12's 3.11.2 wants
# async-timeout for redis, the host's Python may not); the folder is then served on loopback
# to the build.
cert=${PIP_CERT:-$("$PY" -m pip config get global.cert 2>/dev/null || true)}
index=${PIP_INDEX_URL:-$("$PY" -m pip config get global.index-url 2>/dev/null || true)}
pip_env=(-e HTTP_PROXY -e HTTPS_PROXY -e NO_PROXY -e http_proxy -e https_proxy -e no_proxy)
[ -n "$cert" ] && pip_env+=(-v "$cert:/etc/host-pip-ca.crt:ro" -e PIP_CERT=/etc/host-pip-ca.crt)
[ -n "$index" ] && pip_env+=(-e PIP_INDEX_URL="$index")
mkdir -p "$WORK/wheels"
t0=$(now)
docker run --rm --network host "${pip_env[@]}" -v "$ROOT:/src:ro" -v "$WORK/wheels:/wheels" \
        "$BASE" sh -ec 'python3 -m venv /tmp/venv; mkdir /tmp/src; cd /src
            cp -r pyproject.toml README.md gateway resolvers masking sandbox /tmp/src/
            /tmp/venv/bin/pip wheel -q --disable-pip-version-check --find-links /wheels \
                -w /wheels /tmp/src "setuptools>=68" wheel' >"$WORK/wheels.log" 2>&1 \
    || { tail -20 "$WORK/wheels.log"; echo "FAIL  pip wheel in $BASE"; exit 1; }
rm -f "$WORK"/wheels/datagate-*.whl  # the build installs the sources it is given
echo "wheels: $(ls "$WORK/wheels" | wc -l) in $(( $(now) - t0 )) s"
wheel_port=$(free_port)
"$PY" -m http.server --bind 127.0.0.1 --directory "$WORK/wheels" "$wheel_port" >/dev/null 2>&1 &
pids+=($!)

# --- the build -----------------------------------------------------------------------------
previous=$(docker image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
t0=$(now)
if docker build -q --force-rm --network host --build-arg BASE="$BASE" \
        --build-arg PIP_FIND_LINKS="http://127.0.0.1:$wheel_port/" --build-arg PIP_NO_INDEX=1 \
        -t "$IMAGE" "$ROOT" >"$WORK/build.log" 2>&1; then
    ok "built $IMAGE on $BASE in $(( $(now) - t0 )) s"
else
    tail -30 "$WORK/build.log"; echo "FAIL  docker build"; exit 1
fi

# the image this build replaced, unless a container still uses it; each build stage stays
# (untagged, ~1.3 GB) as the builder's cache until `docker image prune`
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$IMAGE")" ]; then
    docker rmi "$previous" >/dev/null 2>&1 || true
fi
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
base_size=$(docker image inspect -f '{{.Size}}' "$BASE")
echo "size  $IMAGE $((size / 1000000)) MB (base $((base_size / 1000000)) MB, gateway and its packages $(((size - base_size) / 1000000)) MB)"

uid=$(docker run --rm "$IMAGE" id -u)
[ "$uid" = 10001 ] && ok "runs as uid 10001 ($(docker run --rm "$IMAGE" id -un))" || bad "runs as uid $uid"

# run as root to look everywhere, /root included; the base's own ensurepip wheels are not
# the build's (Debian: /usr/share/python-wheels, the official image: …/ensurepip/_bundled)
left=$(docker run --rm --user 0 "$IMAGE" sh -c '
    for c in gcc cc c++ make ld; do command -v $c; done
    find / -xdev \( -path "*/.cache/pip" -o -path /src -o -path "/tmp/pip-*" \) -print 2>/dev/null
    find /opt /root /tmp /var/lib/datagate -name "*.whl" 2>/dev/null' || true)
[ -z "$left" ] && ok "no compiler, pip cache, wheel or source copy in the image" \
    || bad "left in the image: $left"

version=$(docker run --rm "$IMAGE" datagate --version 2>&1) && ok "datagate --version: $version" \
    || bad "datagate --version: $version"

demo_key() {  # the demo citizen: the lowest ID number in the demo's population source
    docker exec "$1" python3 -c 'import sqlite3; print(sqlite3.connect(
        "/var/lib/datagate/sources/gongan.sqlite").execute(
        "SELECT min(id_number) FROM population").fetchone()[0])'
}

wait_healthy() {  # container, seconds
    local deadline=$(( $(now) + $2 )) state
    while [ "$(now)" -lt "$deadline" ]; do
        state=$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null || echo gone)
        case $state in healthy) return 0 ;; unhealthy|gone) break ;; esac
        sleep 1
    done
    docker logs --tail 30 "$1" 2>&1; return 1
}

# --- one container, the demo world: HEALTHCHECK, then a lookup with a token ----------------
demo_port=$(free_port)
t0=$(now)
docker run -d --name "$PREFIX-demo" -p "127.0.0.1:$demo_port:8000" "$IMAGE" \
    datagate serve --demo >/dev/null
if wait_healthy "$PREFIX-demo" 300; then
    ok "HEALTHCHECK healthy $(( $(now) - t0 )) s after start (serve --demo, 10000 people)"
    token=$(docker exec "$PREFIX-demo" datagate token minzheng-app)
    "$PY" "$ROOT/deploy/check_requests.py" lookup "http://127.0.0.1:$demo_port" "$token" \
        "$(demo_key "$PREFIX-demo")" \
        && ok "/graphql lookup with a token" || bad "/graphql lookup with a token"
else
    bad "the demo container did not turn healthy"
fi
docker rm -f "$PREFIX-demo" >/dev/null

# --- two containers on the host's PostgreSQL and Redis, behind HAProxy -----------------------
if ! command -v haproxy >/dev/null || ! command -v psql >/dev/null; then
    echo "SKIP  two instances: needs haproxy and psql on this host"
else
    psql -q "$PG_ADMIN" -c "CREATE DATABASE $STORE_DB" >/dev/null
    store="postgresql+psycopg://${PG_ADMIN#*://}"; store="${store%/*}/$STORE_DB"
    shared="$WORK/shared"  # one data folder (the demo's SQLite sources), a sandbox folder each
    rm -rf "$shared"; mkdir -p "$shared/sandbox-gw1" "$shared/sandbox-gw2"
    chmod 700 "$shared"/sandbox-*; chown -R 10001:10001 "$shared"
    secret=$("$PY" -c 'import secrets; print(secrets.token_hex(32))')
    declare -A port
    for gw in gw1 gw2; do
        port[$gw]=$(free_port)
        t0=$(now)
        docker run -d --name "$PREFIX-$gw" --network host -v "$shared:/var/lib/datagate" \
            -e DATAGATE_DATABASE_URL="$store" -e DATAGATE_RATE_LIMIT_STORAGE="$REDIS_URL" \
            -e DATAGATE_INSTANCE_NAME=$gw -e DATAGATE_HOST=127.0.0.1 -e DATAGATE_PORT="${port[$gw]}" \
            -e DATAGATE_SANDBOX_DIR=/var/lib/datagate/sandbox-$gw \
            -e DATAGATE_HASH_SECRET="$secret" -e DATAGATE_JWT_SECRET="$secret" \
            -e DATAGATE_LOG_FORMAT=json "$IMAGE" datagate serve --demo --people 2000 >/dev/null
        # one after the other: the first makes the demo world in the store, the second reuses it
        wait_healthy "$PREFIX-$gw" 300 && ok "$gw healthy in $(( $(now) - t0 )) s on port ${port[$gw]}" \
            || bad "$gw did not turn healthy"
    done
    lb_port=$(free_port)
    DATAGATE_LB_BIND="127.0.0.1:$lb_port" DATAGATE_GW1="127.0.0.1:${port[gw1]}" \
        DATAGATE_GW2="127.0.0.1:${port[gw2]}" haproxy -db -f "$ROOT/deploy/haproxy.cfg" \
        >"$WORK/haproxy.log" 2>&1 &
    pids+=($!)
    lookup_token=$(docker exec "$PREFIX-gw1" datagate token minzheng-app)
    sandbox_token=$(docker exec "$PREFIX-gw2" datagate token researcher)
    "$PY" "$ROOT/deploy/check_requests.py" balanced "http://127.0.0.1:$lb_port" \
        "$lookup_token" "$(demo_key "$PREFIX-gw1")" "$sandbox_token" && ok "through HAProxy: lookup and a routed sandbox session" \
        || bad "through HAProxy"
fi

# --- compose: what Docker Compose v1 makes of compose.yaml --------------------------------
if command -v docker-compose >/dev/null; then
    if POSTGRES_PASSWORD=x DATAGATE_HASH_SECRET=x DATAGATE_SOURCE_KEY=x DATAGATE_JWKS_URL=x \
            DATAGATE_JWT_ISSUER=x docker-compose -f "$ROOT/compose.yaml" config -q 2>"$WORK/compose.log"; then
        ok "docker-compose $(docker-compose version --short) reads compose.yaml"
    else
        bad "docker-compose config: $(cat "$WORK/compose.log")"
    fi
    for img in postgres:16 redis:7 haproxy:2.6; do
        docker image inspect "$img" >/dev/null 2>&1 || missing="${missing:-} $img"
    done
    [ -n "${missing:-}" ] && echo "note  docker-compose up not tried: no image${missing} here"
fi

[ "$failures" = 0 ] && echo "all checks passed" || echo "$failures check(s) failed"
exit $(( failures > 0 ))
