"""sandbox sessions: owner departments and purpose, so that any gateway process can serve one

A session opened by one process may be used through another (another worker, or the same
gateway after a restart: sandbox.manifest). That process audits the session's queries and
queues its releases for the owner departments' stewards, so the record now keeps both.
Records of earlier sessions have neither; the gateway then reads them from the catalog and
the session's applications.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch rebuild, which on SQLite would drop other tables' triggers)
    op.add_column('sandbox_sessions', sa.Column('owner_departments', sa.JSON(), nullable=True))
    op.add_column('sandbox_sessions', sa.Column('purpose', sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.drop_column('sandbox_sessions', 'purpose')
    op.drop_column('sandbox_sessions', 'owner_departments')
