"""DCAT-AP metadata of the open catalog: a catalog entry's theme and licence, a department's
public contact point (e-mail, telephone)

An empty theme leaves dcat:theme out; an empty licence takes DATAGATE_OPEN_DATA_LICENSE
(docs/open-data.md).

Revision ID: 0015
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch rebuild, which on SQLite would drop other tables' triggers)
    op.add_column('catalog_entries', sa.Column('theme', sa.String(length=40), server_default='',
                                               nullable=False))
    op.add_column('catalog_entries', sa.Column('license', sa.String(length=300),
                                               server_default='', nullable=False))
    op.add_column('departments', sa.Column('contact_email', sa.String(length=200),
                                           server_default='', nullable=False))
    op.add_column('departments', sa.Column('contact_phone', sa.String(length=40),
                                           server_default='', nullable=False))


def downgrade() -> None:
    op.drop_column('departments', 'contact_phone')
    op.drop_column('departments', 'contact_email')
    op.drop_column('catalog_entries', 'license')
    op.drop_column('catalog_entries', 'theme')
