"""city administration: departments' credit codes and deactivation, principals' creation,
source passwords named or sealed, retired sources

A department's `active` flag joins the access generation's watched tables (its principals
are refused at once on every process when it is deactivated), so the triggers are made
again with `departments` among them.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

from gateway.access.generation import create_statements, drop_statements

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch rebuild, which on SQLite would drop other tables' triggers)
    op.add_column('departments', sa.Column('credit_code', sa.String(length=18), nullable=True))
    op.add_column('departments', sa.Column('active', sa.Boolean(), server_default=sa.true(),
                                           nullable=False))
    op.create_index('ix_departments_credit_code', 'departments', ['credit_code'], unique=True)
    op.add_column('principals', sa.Column('created_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('principals', sa.Column('created_by', sa.String(length=100), nullable=True))
    op.add_column('sources', sa.Column('name', sa.String(length=200), server_default='',
                                       nullable=False))
    op.add_column('sources', sa.Column('password_secret', sa.String(length=300), nullable=True))
    op.add_column('sources', sa.Column('password_sealed', sa.Text(), nullable=True))
    op.add_column('sources', sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))
    dialect = op.get_bind().dialect.name
    for statement in drop_statements(dialect) + create_statements(dialect):
        op.execute(statement)


def downgrade() -> None:
    op.drop_column('sources', 'retired_at')
    op.drop_column('sources', 'password_sealed')
    op.drop_column('sources', 'password_secret')
    op.drop_column('sources', 'name')
    op.drop_column('principals', 'created_by')
    op.drop_column('principals', 'created_at')
    op.drop_index('ix_departments_credit_code', table_name='departments')
    op.drop_column('departments', 'active')
    op.drop_column('departments', 'credit_code')
