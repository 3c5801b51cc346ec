"""audit records indexed by time: the auditor's day ranges and the authority's dashboard

A city's trail grows by every lookup; `auditLog(since:, until:)`, the console's day filter and
the dashboard's daily counts read a time range of it. Without this index PostgreSQL answers
a range's newest records by walking the primary key back from the newest record of all. A
B-tree: with BRIN (cheaper to append to) the planner still preferred that walk, since it
cannot know that time and id grow together (tests/test_audit_time_index.py).

Revision ID: 0017
Revises: 0016
"""
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_records_at', 'audit_records', ['at'])


def downgrade() -> None:
    op.drop_index('ix_audit_records_at', table_name='audit_records')
