"""catalog entries: the steward's disclosure control rules (dominance, cell key perturbation)

Entries without any keep the gateway's defaults (gateway.catalog.disclosure).

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch rebuild, which on SQLite would drop other tables' triggers)
    op.add_column('catalog_entries', sa.Column('disclosure', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('catalog_entries', 'disclosure')
