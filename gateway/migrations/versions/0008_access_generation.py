"""access generation: triggers that count every change to principals, roles and grants

Gateway processes cache callers and grants and check this counter on every request
(gateway.access.generation). Note for later migrations: a batch_alter_table on SQLite
rebuilds the table and drops its triggers; a gateway that migrates at start re-creates them
(gateway.access.generation.restore_triggers), one started without migrating warns.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

from gateway.access.generation import create_statements, drop_statements

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    state = sa.table('store_state', sa.column('key', sa.String), sa.column('value', sa.Integer))
    if bind.execute(sa.select(state.c.key).where(state.c.key == 'access')).first() is None:
        op.bulk_insert(state, [{'key': 'access', 'value': 1}])
    for statement in create_statements(bind.dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute("DELETE FROM store_state WHERE key = 'access'")
