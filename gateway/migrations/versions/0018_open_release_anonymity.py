"""an open release keeps what its k-anonymity check found

The check runs when a release is submitted and again when it is approved; what it found (the
quasi-identifiers, the share of unique rows, the generalisation steps and suppressed rows)
was told in a notification and the audit detail only. The release now keeps the latest
finding, which GraphQL's `openReleases { anonymity }` shows to whoever reviews it.

Revision ID: 0018
Revises: 0017
"""
from alembic import op
import sqlalchemy as sa

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('open_releases', sa.Column('anonymity', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('open_releases', 'anonymity')
