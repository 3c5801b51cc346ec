"""What a download request may receive, or the typed refusal that says why not.

- unknown or unpublished dataset: ``NOT_FOUND`` (404);
- open type NONE: ``NOT_OPEN`` (403);
- UNCONDITIONAL without an approved release: ``NOT_RELEASED`` (404); with one, every field
  whose open-channel operator is not ``redact``, for anyone;
- CONDITIONAL: the caller's approved, unexpired DOWNLOAD application (else
  ``APPLICATION_REQUIRED``, ``APPLICATION_SUSPENDED``, ``APPLICATION_EXPIRED``, 403), and
  only its approved fields that leave the open channel.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import datetime as dt

from gateway.catalog.datasets import Dataset, Field
from gateway.errors import ApplicationRequired, NotFound, NotOpen, NotReleased
from gateway.catalog.field_policies import open_fields
from gateway.open_data.applications import live_application
from gateway.open_data.releases import current_release
from gateway.access.principals import Caller
from gateway.store.models import CatalogEntry

if TYPE_CHECKING:
    from gateway.services import Services

FORMATS = {  # extension -> media type
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",  # one JSON array
    "jsonl": "application/x-ndjson; charset=utf-8",  # JSON Lines (what .json was before)
    "parquet": "application/vnd.apache.parquet",
}


@dataclasses.dataclass(frozen=True)
class Download:
    dataset: Dataset
    fields: tuple[Field, ...]  # what leaves, in catalog order
    basis: str  # RELEASE | APPLICATION
    basis_id: int  # the release's or the application's id
    purpose: str | None
    approved_at: dt.datetime
    entry_updated_at: dt.datetime

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def pseudonym_scope(self) -> str:
        """Whose hash key the download's pseudonyms take (gateway.open_data.pseudonyms)."""
        return f"{self.basis.lower()}/{self.basis_id}"


def plan_download(services: Services, session, caller: Caller, code: str) -> Download:
    dataset = services.catalog(session).get(code)
    if dataset is None:
        raise NotFound(f"there is no published dataset {code!r}; see /open/datasets")
    entry = session.get(CatalogEntry, code)
    if dataset.open_type == "UNCONDITIONAL":
        release = current_release(session, code)
        if release is None:
            raise NotReleased(f"{code} is open but not released yet: its steward submits a "
                              "release and the data authority approves it (§35)")
        if not open_fields(dataset):
            raise NotOpen(f"every field of {code} is redacted on the open channel")
        return Download(dataset=dataset, fields=open_fields(dataset), basis="RELEASE",
                        basis_id=release.id, purpose=None, approved_at=release.reviewed_at,
                        entry_updated_at=entry.updated_at)
    if dataset.open_type == "CONDITIONAL":
        if caller.anonymous:
            raise ApplicationRequired(
                f"{code} is conditionally open (§36(2)): apply with applyForOpenData (channel "
                "DOWNLOAD), signing its commitment, then download with your bearer token")
        application = live_application(session, caller.principal, code, "DOWNLOAD",
                                       services.clock.today())
        fields = open_fields(dataset, set(application.fields))
        if not fields:
            raise NotOpen(f"none of the fields approved in application {application.id} leaves "
                          "the open channel (all are redacted)")
        return Download(dataset=dataset, fields=fields, basis="APPLICATION",
                        basis_id=application.id, purpose=application.purpose,
                        approved_at=application.decided_at, entry_updated_at=entry.updated_at)
    raise NotOpen(f"{code} is not open data (open type {dataset.open_type}, §15)")
