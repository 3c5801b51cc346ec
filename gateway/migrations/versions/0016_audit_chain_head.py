"""the audit chain's head on PostgreSQL: one row holding the hash of the last record

A gateway process appends its records in one statement that moves the head from the hash it
last wrote to the hash of its new last record and inserts them only if it did
(gateway.audit); a process whose head is out of date takes the head's row lock and reads it.
SQLite stores serialise appends with BEGIN IMMEDIATE and have no head. The head starts at
the hash of the last record already in the store.

Revision ID: 0016
Revises: 0015
"""
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE audit_head (id smallint PRIMARY KEY CHECK (id = 1), "
               "hash varchar(64) NOT NULL)")
    # under the lock appends took before this version, so no older process appends meanwhile
    op.execute("SELECT pg_advisory_xact_lock(7233190438228816997)")
    op.execute("INSERT INTO audit_head (id, hash) SELECT 1, coalesce((SELECT hash FROM "
               f"audit_records ORDER BY id DESC LIMIT 1), '{GENESIS}')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_head")
