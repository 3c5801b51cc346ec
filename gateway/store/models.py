"""ORM models of the gateway's store. Times are stored in UTC."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use aware UTC datetimes")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name in ("sqlite", "mysql", "mariadb") else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


class Base(DeclarativeBase):
    pass


# The most characters each kind of stored text may have. Text columns have no length of their
# own, so each carries its maximum in its info (bounded()); gateway.store.text_limits refuses
# longer text before anything is written, and cuts text the gateway composes itself.
NOTE_CHARS = 2_000  # reasons, notes, conditions, legal bases, who will use the data
DESCRIPTION_CHARS = 10_000  # descriptions, commitment texts
REPORT_CHARS = 20_000  # usage report bodies
SQL_CHARS = 20_000  # SQL of a sandbox release
JUSTIFICATION_CHARS = 4_000  # why a sandbox result should be released
DETAIL_CHARS = 4_000  # written by the gateway: audit details, notifications (cut, not refused)


def bounded(max_chars: int, field: str | None = None) -> dict:
    """The info of a Text column holding at most ``max_chars`` characters; ``field``: the
    name the API gives the text, where it is not the attribute's own in camelCase."""
    return {"max_chars": max_chars, **({"field": field} if field else {})}


class Department(Base):
    __tablename__ = "departments"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    is_data_authority: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True, index=True)  # GB 32100
    # a deactivated department's principals are refused; its data and grants stay on record
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # its public contact point for open data (DCAT dcat:contactPoint); "" when not given
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")


class Principal(Base):
    """Who calls: a departmental app or person, a citizen, or an organisation's analyst."""

    __tablename__ = "principals"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))  # APP | PERSON | CITIZEN | ORGANIZATION
    department_code: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    id_number: Mapped[str | None] = mapped_column(String(18))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(100))  # None: init, demo or provisioning
    roles: Mapped[list["RoleAssignment"]] = relationship(
        back_populates="principal", lazy="selectin", cascade="all, delete-orphan")


class RoleAssignment(Base):
    __tablename__ = "role_assignments"
    __table_args__ = (UniqueConstraint("principal_name", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    principal_name: Mapped[str] = mapped_column(ForeignKey("principals.name"))
    role: Mapped[str] = mapped_column(String(40))
    assigned_by: Mapped[str | None] = mapped_column(String(100))
    assigned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    principal: Mapped[Principal] = relationship(back_populates="roles")


class Source(Base):
    """A source database, reached through a SQLAlchemy URL that holds no password: the
    password is named (``password_secret``: ``env:NAME`` or ``file:NAME``, read at connect
    time) or kept sealed with the source key (``password_sealed``), never in plain text."""

    __tablename__ = "sources"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(String(1000))
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    description: Mapped[str] = mapped_column(Text, default="", info=bounded(DESCRIPTION_CHARS))
    name: Mapped[str] = mapped_column(String(200), default="")
    password_secret: Mapped[str | None] = mapped_column(String(300))
    password_sealed: Mapped[str | None] = mapped_column(Text)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class CatalogEntry(Base):
    __tablename__ = "catalog_entries"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", info=bounded(DESCRIPTION_CHARS))
    owner_department: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    share_type: Mapped[str] = mapped_column(String(20))  # UNCONDITIONAL | CONDITIONAL | NONE
    share_conditions: Mapped[str] = mapped_column(Text, default="", info=bounded(NOTE_CHARS))
    open_type: Mapped[str] = mapped_column(String(20))
    open_conditions: Mapped[str] = mapped_column(Text, default="", info=bounded(NOTE_CHARS))
    update_frequency: Mapped[str] = mapped_column(String(40), default="")
    provision_methods: Mapped[list] = mapped_column(JSON, default=list)
    data_format: Mapped[str] = mapped_column(String(40), default="table")
    theme: Mapped[str] = mapped_column(String(40), default="")  # catalog.themes
    license: Mapped[str] = mapped_column(  # an IRI; "" takes DATAGATE_OPEN_DATA_LICENSE
        String(300), default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="", info=bounded(NOTE_CHARS))
    open_commitment: Mapped[str] = mapped_column(  # text a §36(2) applicant signs
        Text, default="", info=bounded(DESCRIPTION_CHARS))
    source_code: Mapped[str | None] = mapped_column(ForeignKey("sources.code"))
    table_name: Mapped[str | None] = mapped_column(String(200))
    key_field: Mapped[str] = mapped_column(String(64))
    min_group_size: Mapped[int | None] = mapped_column(Integer)
    # what the steward set of gateway.catalog.disclosure's rules (API names); the rest: settings
    disclosure: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="DRAFT")
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    fields: Mapped[list["CatalogField"]] = relationship(
        back_populates="entry", lazy="selectin", cascade="all, delete-orphan",
        order_by="CatalogField.position")


class CatalogField(Base):
    __tablename__ = "catalog_fields"
    __table_args__ = (UniqueConstraint("entry_code", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))  # GraphQL name, camelCase
    column: Mapped[str] = mapped_column(String(128))  # column in the source table
    data_type: Mapped[str] = mapped_column(String(20))  # STRING | INT | DECIMAL | DATE | BOOLEAN
    description: Mapped[str] = mapped_column(Text, default="", info=bounded(DESCRIPTION_CHARS))
    sensitivity: Mapped[str] = mapped_column(String(30), default="INTERNAL")
    identifier_kind: Mapped[str | None] = mapped_column(String(20))  # ID_NUMBER | CREDIT_CODE
    dimension: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_required: Mapped[bool] = mapped_column(Boolean, default=False)
    masking: Mapped[dict] = mapped_column(JSON, default=dict)  # channel -> operator
    lower_bound: Mapped[float | None] = mapped_column(Float)  # clamp for DP sums
    upper_bound: Mapped[float | None] = mapped_column(Float)
    entry: Mapped[CatalogEntry] = relationship(back_populates="fields")


class CatalogVersion(Base):
    """A published state of an entry; every published change adds one."""

    __tablename__ = "catalog_versions"
    __table_args__ = (UniqueConstraint("entry_code", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"))
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(JSON)
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    published_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="", info=bounded(NOTE_CHARS))


class Purpose(Base):
    __tablename__ = "purposes"
    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(
        Text, default="", info=bounded(DESCRIPTION_CHARS, "purposeDescription"))


class Grant(Base):
    """Permission for a department (or one principal) to use modes on fields of a dataset."""

    __tablename__ = "grants"
    __table_args__ = (Index("ix_grants_dataset", "dataset_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"))
    department_code: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    principal_name: Mapped[str | None] = mapped_column(ForeignKey("principals.name"))
    modes: Mapped[list] = mapped_column(JSON)  # ["LOOKUP", "COMPARE", "STATS", "ROWS"]
    fields: Mapped[list] = mapped_column(JSON)
    purpose: Mapped[str] = mapped_column(ForeignKey("purposes.code"))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(100))
    origin: Mapped[str] = mapped_column(String(20), default="MANUAL")  # REQUEST | SCENARIO | ...
    scenario_id: Mapped[int | None] = mapped_column(Integer, index=True)
    request_id: Mapped[int | None] = mapped_column(Integer)
    # stats under differential privacy: total epsilon and what one query spends
    epsilon_budget: Mapped[float | None] = mapped_column(Float)
    epsilon_per_query: Mapped[float | None] = mapped_column(Float)
    # compare limits: requests per window ("60/minute"), distinct keys a day per department,
    # and non-matching compares of one key a day
    rate_limit: Mapped[str | None] = mapped_column(String(40))
    daily_key_cap: Mapped[int | None] = mapped_column(Integer)
    key_mismatch_limit: Mapped[int | None] = mapped_column(Integer)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(100))
    revoke_reason: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS, "reason"))


class AuditRecord(Base):
    """One data access or denial. Each record carries the hash of the one before it."""

    __tablename__ = "audit_records"
    # time ranges (auditLog since/until, the dashboard's days): migration 0017
    __table_args__ = (Index("ix_audit_records_at", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    principal: Mapped[str | None] = mapped_column(String(100), index=True)
    department: Mapped[str | None] = mapped_column(String(64))
    dataset: Mapped[str | None] = mapped_column(String(64), index=True)
    mode: Mapped[str | None] = mapped_column(String(20))
    fields: Mapped[list] = mapped_column(JSON, default=list)
    purpose: Mapped[str | None] = mapped_column(String(100))
    grant_id: Mapped[int | None] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(10))  # ALLOWED | DENIED
    error_code: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40), default="QUERY")
    detail: Mapped[str] = mapped_column(Text, default="", info=bounded(DETAIL_CHARS))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # keyed digest of the key a lookup or compare reached (gateway.audit.subject_digest)
    subject_digest: Mapped[str | None] = mapped_column(String(64), index=True)


class StoreState(Base):
    """Counters every gateway process reads to notice catalog or grant changes."""

    __tablename__ = "store_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class ShareRequest(Base):
    """A department asks another for data (§26, §29); answered within 5 working days."""

    __tablename__ = "share_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"), index=True)
    owner_department: Mapped[str] = mapped_column(ForeignKey("departments.code"), index=True)
    requester_department: Mapped[str] = mapped_column(ForeignKey("departments.code"), index=True)
    requested_by: Mapped[str] = mapped_column(String(100))
    modes: Mapped[list] = mapped_column(JSON)
    fields: Mapped[list] = mapped_column(JSON)
    purpose: Mapped[str] = mapped_column(String(100))
    purpose_description: Mapped[str] = mapped_column(Text, default="",
                                                     info=bounded(DESCRIPTION_CHARS))
    users: Mapped[str] = mapped_column(Text, default="", info=bounded(NOTE_CHARS))
    expires_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="PENDING", index=True)
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    due_on: Mapped[dt.date] = mapped_column(Date)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS))
    legal_basis: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS))
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("grants.id"))
    scenario_id: Mapped[int | None] = mapped_column(ForeignKey("scenarios.id"))


class Scenario(Base):
    """An application scenario defined by the data authority (§28)."""

    __tablename__ = "scenarios"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(ForeignKey("purposes.code"))
    items: Mapped[list] = mapped_column(JSON)  # [{"dataset", "modes", "fields"}]
    departments: Mapped[list] = mapped_column(JSON)  # eligible department codes
    valid_until: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_by: Mapped[str | None] = mapped_column(String(100))


class Dispute(Base):
    """A user of shared data reports a wrong record (§30); 10 working days to answer."""

    __tablename__ = "disputes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"))
    owner_department: Mapped[str] = mapped_column(ForeignKey("departments.code"), index=True)
    record_key: Mapped[str] = mapped_column(String(100))
    field: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, info=bounded(DESCRIPTION_CHARS))
    raised_by: Mapped[str] = mapped_column(String(100))
    raiser_department: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    raised_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="OPEN", index=True)
    outcome_note: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS, "note"))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(100))


class Consent(Base):
    """A data subject allows a department to receive consent-required fields (§31)."""

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_subject", "subject_id_number", "department_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_id_number: Mapped[str] = mapped_column(String(18))
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"))
    dataset_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"))
    fields: Mapped[list] = mapped_column(JSON)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    given_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class CatalogDraft(Base):
    """A steward's proposed new state of an entry, reviewed before publishing (§12, §17)."""

    __tablename__ = "catalog_drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_code: Mapped[str] = mapped_column(String(64), index=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    spec: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="DRAFT")  # DRAFT|SUBMITTED|RETURNED|PUBLISHED
    saved_by: Mapped[str] = mapped_column(String(100))
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS, "note"))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))


class CatalogDuty(Base):
    """An entry that must be updated by a deadline: legal basis or duties changed (§17)."""

    __tablename__ = "catalog_duties"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"), index=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    reason: Mapped[str] = mapped_column(Text, info=bounded(NOTE_CHARS))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    due_on: Mapped[dt.date] = mapped_column(Date)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Notice(Base):
    """A public announcement, e.g. that a dataset was deprecated (§39)."""

    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(30))
    dataset_code: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, info=bounded(NOTE_CHARS, "reason"))
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Notification(Base):
    """A workflow event in a department's (or a principal's) inbox."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_recipient", "department_code", "principal_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    department_code: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    principal_name: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text, info=bounded(DETAIL_CHARS))
    subject_kind: Mapped[str | None] = mapped_column(String(30))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class OpenRelease(Base):
    """Releasing a dataset as unconditional open data: the steward submits, the data
    authority approves (§35); only then is it downloadable."""

    __tablename__ = "open_releases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"), index=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    status: Mapped[str] = mapped_column(String(20), default="SUBMITTED")  # SUBMITTED|APPROVED|REJECTED|WITHDRAWN
    submitted_by: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS))
    # what the k-anonymity check found at submission, then at approval (None: no
    # quasi-identifier among the open fields); gateway.open_data.anonymity.ReleaseCheck.summary
    anonymity: Mapped[str | None] = mapped_column(Text)


class OpenApplication(Base):
    """A company's or researcher's application for conditional open data (§36(2)): fields,
    purpose and channel, a signed commitment, the owner's decision, periodic usage reports."""

    __tablename__ = "open_applications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset_code: Mapped[str] = mapped_column(ForeignKey("catalog_entries.code"), index=True)
    owner_department: Mapped[str] = mapped_column(ForeignKey("departments.code"), index=True)
    applicant: Mapped[str] = mapped_column(String(100), index=True)  # principal name
    applicant_credit_code: Mapped[str | None] = mapped_column(String(18))
    fields: Mapped[list] = mapped_column(JSON)
    purpose: Mapped[str] = mapped_column(String(100))
    purpose_description: Mapped[str] = mapped_column(Text, default="",
                                                     info=bounded(DESCRIPTION_CHARS))
    channel: Mapped[str] = mapped_column(String(20))  # DOWNLOAD | API | SANDBOX
    status: Mapped[str] = mapped_column(String(20), default="PENDING")  # PENDING|APPROVED|REJECTED|SUSPENDED
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    due_on: Mapped[dt.date] = mapped_column(Date)
    commitment_text: Mapped[str] = mapped_column(Text, info=bounded(DESCRIPTION_CHARS))
    commitment_hash: Mapped[str] = mapped_column(String(64))
    signed_by: Mapped[str] = mapped_column(String(100))
    signed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_on: Mapped[dt.date | None] = mapped_column(Date)
    report_every_days: Mapped[int | None] = mapped_column(Integer)
    next_report_due: Mapped[dt.date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text, info=bounded(NOTE_CHARS))
    suspended_by: Mapped[str | None] = mapped_column(String(100))
    suspended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class UsageReport(Base):
    """A periodic report of how conditional open data was used (§36)."""

    __tablename__ = "usage_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("open_applications.id"), index=True)
    submitted_by: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(Text, info=bounded(REPORT_CHARS))
