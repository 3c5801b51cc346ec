"""compare guessing: a per-key limit of non-matching compares a day, and an exact daily key cap

Grants may carry their own limit (null: DATAGATE_COMPARE_KEY_MISMATCH_LIMIT). Each key's row
of the day counts its non-matching compares; a row per department, dataset and day counts the
distinct keys, filled here from the keys already compared so that today's cap still holds.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch rebuild, which on SQLite would drop other tables' triggers)
    op.add_column('grants', sa.Column('key_mismatch_limit', sa.Integer(), nullable=True))
    op.add_column('compare_key_uses', sa.Column('reserved_mismatches', sa.Integer(),
                                                server_default='0', nullable=False))
    op.add_column('compare_key_uses', sa.Column('mismatches', sa.Integer(),
                                                server_default='0', nullable=False))
    op.add_column('compare_key_uses', sa.Column('limit_reached_at', sa.DateTime(timezone=True),
                                                nullable=True))
    days = op.create_table(
        'compare_key_days',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('department', sa.String(length=100), nullable=False),
        sa.Column('dataset_code', sa.String(length=64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('distinct_keys', sa.Integer(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('department', 'dataset_code', 'day'))
    uses = sa.table('compare_key_uses', sa.column('department'), sa.column('dataset_code'),
                    sa.column('day'))
    op.execute(days.insert().from_select(
        ['department', 'dataset_code', 'day', 'distinct_keys'],
        sa.select(uses.c.department, uses.c.dataset_code, uses.c.day, sa.func.count())
        .group_by(uses.c.department, uses.c.dataset_code, uses.c.day)))


def downgrade() -> None:
    op.drop_table('compare_key_days')
    op.drop_column('compare_key_uses', 'limit_reached_at')
    op.drop_column('compare_key_uses', 'mismatches')
    op.drop_column('compare_key_uses', 'reserved_mismatches')
    op.drop_column('grants', 'key_mismatch_limit')
