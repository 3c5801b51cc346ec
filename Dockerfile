# The gateway as an image: `docker compose up` runs two of it behind HAProxy (compose.yaml,
# docs/operations.md "Several hosts"). Built in a stage of its own, so that nothing used only
# to build (pip's caches, wheels, the sources' copy) is left in the image that runs.
# BASE: any Debian-like image with python3.11 and its venv module (deploy/check_image.sh
# makes one with debootstrap where the official image cannot be pulled).
ARG BASE=python:3.11-slim
FROM ${BASE} AS build
# where pip finds packages, as `docker build --build-arg PIP_INDEX_URL=…` (or PIP_FIND_LINKS
# with PIP_NO_INDEX=1) gives them; unset, the public index. Only this stage sees them.
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL
ARG PIP_TRUSTED_HOST
ARG PIP_FIND_LINKS
ARG PIP_NO_INDEX
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY gateway gateway
COPY resolvers resolvers
COPY masking masking
COPY sandbox sandbox
# the README's install; the Redis client for shared rate limits comes with it (limits[redis])
RUN python3 -m venv /opt/datagate && /opt/datagate/bin/pip install .

FROM ${BASE}
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/datagate --create-home \
        --shell /usr/sbin/nologin datagate \
    && mkdir -p /var/lib/datagate/sandbox && chown -R datagate:datagate /var/lib/datagate \
    && chmod 700 /var/lib/datagate/sandbox
COPY --from=build /opt/datagate /opt/datagate
ENV PATH=/opt/datagate/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DATAGATE_DATA_DIR=/var/lib/datagate DATAGATE_SANDBOX_DIR=/var/lib/datagate/sandbox \
    DATAGATE_HOST=0.0.0.0 DATAGATE_PORT=8000
USER datagate
WORKDIR /var/lib/datagate
EXPOSE 8000
# liveness: the process answers (readiness, /readyz, also checks every source)
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD \
    ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('DATAGATE_PORT', '8000'), timeout=2)"]
CMD ["datagate", "serve"]
