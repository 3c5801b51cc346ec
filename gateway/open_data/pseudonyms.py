"""Pseudonyms that do not link: every open release hashes with a key of its own.

The ``hash`` operator's key for a release is derived from the gateway's hash key
(``DATAGATE_HASH_SECRET``) and the release's scope, HMAC-SHA256(hash key, "datagate pseudonym
scope" + scope):

- ``release/<id>``: the downloads of an approved open release (§35);
- ``application/<id>``: the downloads of a DOWNLOAD application (§36(2)), and every sandbox
  session of a SANDBOX application (``gateway.sandbox_service.snapshots``);
- ``grant/<id>``: the API rows under the grant an API application made.

So the same person has different pseudonyms in two releases, and the two cannot be joined on
them. A steward who wants releases to join names a link scope on the field
(``"masking": {"open": "hash", "link": "renshe-person"}``): the field then hashes with the key
of ``link/<name>`` in every release, of any dataset, whose field names that scope.
"""
from __future__ import annotations

from typing import Any

from gateway.catalog.datasets import Dataset
from gateway.catalog.field_policies import OPEN, dataset_policy, link_scope
from masking.operators import hmac_sha256_hex
from masking.policies import MaskingKeys, mask_column


def scoped_keys(base: MaskingKeys, scope: str) -> MaskingKeys:
    """``base`` with the hash key of ``scope`` (the encryption key is kept)."""
    secret = base.hash_key.encode() if isinstance(base.hash_key, str) else (base.hash_key or b"")
    derived = hmac_sha256_hex(secret)(b"datagate pseudonym scope\x00" + scope.encode("utf-8"))
    return MaskingKeys(hash_key=derived, encryption_key=base.encryption_key)


def field_keys(dataset: Dataset, base: MaskingKeys, scope: str) -> dict[str, MaskingKeys]:
    """The keys each field of ``dataset`` is masked with in the release ``scope``."""
    own = scoped_keys(base, scope)
    return {f.name: scoped_keys(base, f"link/{link}") if (link := link_scope(f)) else own
            for f in dataset.fields}


def mask_release_columns(dataset: Dataset, columns: dict[str, Any],
                         keys: dict[str, MaskingKeys]) -> dict[str, Any]:
    """Columns masked by the open-channel policy, each with its field's release key."""
    policy = dataset_policy(dataset)
    out = {}
    for name, values in columns.items():
        field = policy.policy(name)
        out[name] = mask_column(values, field.kind, field.operator(OPEN), keys=keys.get(name),
                                hash_length=field.hash_length)
    return out


def mask_release_records(dataset: Dataset, records: list[dict],
                         keys: dict[str, MaskingKeys]) -> list[dict]:
    """Records (field name -> value) masked column-wise as ``mask_release_columns``."""
    if not records:
        return records
    names = list(dict.fromkeys(n for r in records for n in r))
    masked = mask_release_columns(dataset, {n: [r.get(n) for r in records] for n in names}, keys)
    return [{n: masked[n][i] for n in names if n in records[i]} for i in range(len(records))]
