"""console sessions: a signed-in person's session of the web console, kept in the store

The browser holds only a random token; the store keeps its SHA-256, the principal, the CSRF
token and when the session ended, so a cookie replayed after sign-out is refused.

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'console_sessions',
        sa.Column('token_digest', sa.String(length=64), primary_key=True),
        sa.Column('principal', sa.String(length=100), nullable=False, index=True),
        sa.Column('csrf_token', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table('console_sessions')
