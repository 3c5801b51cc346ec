"""One request's access to datasets: who asks, with which grants, against which catalog, and
the audit of each access and refusal (committed by the door before the answer leaves when
`deferred_audit` is a list).

The access modes (gateway.modes) take an AccessContext; GraphQL's per-request context
(resolvers.context.RequestContext) is one, with what the schema needs besides.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from gateway.access.grants import GrantView, Permission, authorize
from gateway.access.principals import Caller
from gateway.audit import AuditEntry, audit_refusal, record_for, subject_digest
from gateway.catalog.datasets import CatalogSnapshot, Dataset
from gateway.errors import ConsentRequired, DatagateError

if TYPE_CHECKING:
    from gateway.services import Services


@dataclasses.dataclass
class AccessContext:
    services: "Services"
    caller: Caller
    grants: list[GrantView]
    catalog: CatalogSnapshot
    now: dt.datetime
    # the request's audit records, when the door commits them before the answer leaves;
    # None: each record is committed as it is made
    deferred_audit: list[AuditEntry] | None = None

    @property
    def settings(self):
        return self.services.settings

    def append_audit(self, entry: AuditEntry) -> None:
        if self.deferred_audit is not None:
            self.deferred_audit.append(entry)
        else:
            self.services.audit.append(entry)

    def audit(self, **where) -> None:
        self.append_audit(record_for(self.caller, where.pop("outcome"), **where))

    def subject(self, key) -> str:
        """The keyed digest audit records name a looked-up or compared key by."""
        return subject_digest(self.services.masking_keys.hash_key, key)

    def guard(self, dataset: Dataset, purpose: str | None, mode: str,
              fields: set[str], subject: str | None = None) -> Permission:
        """Authorize one access; a refusal is audited before it is raised (naming `subject`,
        the key's digest, when the access reaches one record)."""
        try:
            with self.services.tracing.grant_check(dataset.code, mode):
                permission = authorize(self.caller, self.grants, dataset, purpose, mode, fields,
                                       self.now)
            needs_consent = sorted(f.name for f in dataset.fields
                                   if f.consent_required and f.name in fields)
            if needs_consent and mode != "LOOKUP" and permission.basis != "OWNER":
                raise ConsentRequired(
                    f"{', '.join(needs_consent)} of {dataset.code} need the person's consent "
                    "(§31) and are released only by lookup of one consenting person")
            return permission
        except DatagateError as exc:
            self.refuse(exc, dataset=dataset.code, mode=mode, fields=sorted(fields), purpose=purpose,
                        subject=subject)
            raise

    def refuse(self, exc: DatagateError, *, dataset: str | None = None, mode: str | None = None,
               fields: list[str] | None = None, purpose: str | None = None,
               subject: str | None = None) -> DatagateError:
        """Audit a refusal and return it to raise."""
        audit_refusal(self.append_audit, self.caller, exc, dataset=dataset, mode=mode,
                      fields=fields or [], purpose=purpose, subject_digest=subject)
        return exc

    def allowed(self, dataset: Dataset, purpose: str, mode: str, fields: set[str],
                permission: Permission, rows: int, subject: str | None = None) -> None:
        self.audit(outcome="ALLOWED", dataset=dataset.code, mode=mode, fields=sorted(fields),
                   purpose=purpose.strip(), grant_id=permission.grant_id, rows=rows,
                   detail=permission.basis, subject_digest=subject)


@dataclasses.dataclass(frozen=True)
class DatasetAccess:
    """A dataset as one request reaches it: the dataset and the purpose the caller named."""

    dataset: Dataset
    purpose: str | None
