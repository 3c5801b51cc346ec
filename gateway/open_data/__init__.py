"""Open data (§35, §36): the public portal and conditional open use.

- ``releases``: a steward submits an unconditionally open dataset for release, the data
  authority approves or rejects it (§35); only an approved release is downloadable.
- ``applications``: conditional open use (§36(2)): apply with a signed commitment, the
  owner's steward approves (narrowing only), the data authority may suspend; channels
  DOWNLOAD, API (a principal grant answered with open-channel masking) and SANDBOX.
- ``usage_reports``: periodic reports of use, owed on a schedule set at approval.
- ``access``: what a download request may receive, or the typed refusal.
- ``exports``: the masked, streamed CSV / JSON Lines / Parquet bodies.
- ``anonymity``: the k-anonymity check of row-level releases over quasi-identifiers (refused
  or generalised), one verdict per release version.
- ``pseudonyms``: each release's own ``hash`` key, or a steward's named link scope.
- ``versions``: ETag and Last-Modified of a download.
- ``dcat``: the open catalog as JSON; ``dcat_ap``: as DCAT-AP RDF (JSON-LD, Turtle, RDF/XML).
- ``routes``: the anonymous HTTP portal under ``/open``.
"""
from gateway.open_data.applications import approved_sandbox_application

__all__ = ["approved_sandbox_application"]
