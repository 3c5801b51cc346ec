"""audit records name the keyed digest of the key a lookup or compare reached

Who looked a citizen up is then answerable (the auditor's `auditLog(subject:)`, the
citizen's `myAccessLog`) without the key being stored. Older records have none and hash as
before (gateway.audit.record_hash).

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch rebuild, which on SQLite would drop other tables' triggers)
    op.add_column('audit_records', sa.Column('subject_digest', sa.String(length=64), nullable=True))
    op.create_index('ix_audit_records_subject_digest', 'audit_records', ['subject_digest'])


def downgrade() -> None:
    op.drop_index('ix_audit_records_subject_digest', table_name='audit_records')
    op.drop_column('audit_records', 'subject_digest')
