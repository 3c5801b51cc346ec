"""The per-request context every resolver receives as ``info.context``."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from gateway.audit import AuditEntry
from gateway.catalog.datasets import CatalogSnapshot, Dataset
from gateway.errors import ConsentRequired, DatagateError
from gateway.access.grants import GrantView, Permission, authorize
from gateway.access.principals import Caller

if TYPE_CHECKING:
    from gateway.services import Services


@dataclasses.dataclass
class RequestContext:
    services: "Services"
    caller: Caller
    grants: list[GrantView]
    catalog: CatalogSnapshot
    now: dt.datetime
    profile: dict = dataclasses.field(default_factory=dict)
    view: tuple = ()  # gateway.access.grants.profile_key(profile): callers with one view share a schema
    request: object | None = None
    variables: dict | None = None  # the request's, read again only to explain a refusal
    # the request's audit records, when the caller commits them before the answer leaves
    # (Gateway.execute with defer_audit); None: each record is committed as it is made
    deferred_audit: list[AuditEntry] | None = None

    @property
    def settings(self):
        return self.services.settings

    def audit(self, **kwargs) -> None:
        entry = AuditEntry(principal=self.caller.principal, department=self.caller.department,
                           **kwargs)
        if self.deferred_audit is not None:
            self.deferred_audit.append(entry)
        else:
            self.services.audit.append(entry)

    def guard(self, dataset: Dataset, purpose: str | None, mode: str,
              fields: set[str]) -> Permission:
        """Authorize one access; a refusal is audited before it is raised."""
        try:
            permission = authorize(self.caller, self.grants, dataset, purpose, mode, fields, self.now)
            needs_consent = sorted(f.name for f in dataset.fields
                                   if f.consent_required and f.name in fields)
            if needs_consent and mode != "LOOKUP" and permission.basis != "OWNER":
                raise ConsentRequired(
                    f"{', '.join(needs_consent)} of {dataset.code} need the person's consent "
                    "(§31) and are released only by lookup of one consenting person")
            return permission
        except DatagateError as exc:
            self.audit(outcome="DENIED", dataset=dataset.code, mode=mode, fields=sorted(fields),
                       purpose=purpose, error_code=exc.code, detail=exc.message)
            raise

    def refuse(self, exc: DatagateError, *, dataset: str | None = None, mode: str | None = None,
               fields: list[str] | None = None, purpose: str | None = None) -> DatagateError:
        """Audit a refusal found outside guard() (bad keys, bad input) and return it to raise."""
        self.audit(outcome="DENIED", dataset=dataset, mode=mode, fields=fields or [],
                   purpose=purpose, error_code=exc.code, detail=exc.message)
        return exc

    def allowed(self, dataset: Dataset, purpose: str, mode: str, fields: set[str],
                permission: Permission, rows: int) -> None:
        self.audit(outcome="ALLOWED", dataset=dataset.code, mode=mode, fields=sorted(fields),
                   purpose=purpose.strip(), grant_id=permission.grant_id, rows=rows,
                   detail=permission.basis)


@dataclasses.dataclass(frozen=True)
class DatasetAccess:
    """What a dataset's root field returns: the dataset and the purpose the caller named."""

    dataset: Dataset
    purpose: str | None
