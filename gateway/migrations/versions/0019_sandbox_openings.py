"""sessions being opened are kept in the store, so the per-principal cap holds across hosts

DATAGATE_SANDBOX_MAX_SESSIONS counted the store's live sessions plus the openings of the
counting process only, so opens at the same moment on two hosts could each pass. An opening
is now a row, taken under the owner's lock and counted by every process.

Revision ID: 0019
Revises: 0018
"""
from alembic import op
import sqlalchemy as sa

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sandbox_openings',
        sa.Column('id', sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column('owner', sa.String(length=100), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False))
    op.create_index('ix_sandbox_openings_owner', 'sandbox_openings', ['owner'])


def downgrade() -> None:
    op.drop_index('ix_sandbox_openings_owner', table_name='sandbox_openings')
    op.drop_table('sandbox_openings')
