"""privacy: DP budgets and compare limits on grants, bounds on numeric fields, the ledger

Revision ID: 0006
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('grants') as batch_op:
        batch_op.add_column(sa.Column('epsilon_budget', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('epsilon_per_query', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('rate_limit', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('daily_key_cap', sa.Integer(), nullable=True))
    with op.batch_alter_table('catalog_fields') as batch_op:
        batch_op.add_column(sa.Column('lower_bound', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('upper_bound', sa.Float(), nullable=True))
    op.create_table(
        'privacy_spends',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('grant_id', sa.Integer(), nullable=False),
        sa.Column('epsilon', sa.Float(), nullable=False),
        sa.Column('spent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('principal', sa.String(length=100), nullable=False),
        sa.Column('query', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['grant_id'], ['grants.id']),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_privacy_spends_grant_id', 'privacy_spends', ['grant_id'])
    op.create_table(
        'compare_key_uses',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('department', sa.String(length=100), nullable=False),
        sa.Column('dataset_code', sa.String(length=64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('key_digest', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('department', 'dataset_code', 'day', 'key_digest'))
    op.create_index('ix_compare_key_uses_day', 'compare_key_uses', ['department', 'dataset_code', 'day'])


def downgrade() -> None:
    op.drop_index('ix_compare_key_uses_day', table_name='compare_key_uses')
    op.drop_table('compare_key_uses')
    op.drop_index('ix_privacy_spends_grant_id', table_name='privacy_spends')
    op.drop_table('privacy_spends')
    with op.batch_alter_table('catalog_fields') as batch_op:
        batch_op.drop_column('upper_bound')
        batch_op.drop_column('lower_bound')
    with op.batch_alter_table('grants') as batch_op:
        batch_op.drop_column('daily_key_cap')
        batch_op.drop_column('rate_limit')
        batch_op.drop_column('epsilon_per_query')
        batch_op.drop_column('epsilon_budget')
