"""sandbox: sessions, withheld results waiting for release, the owner stewards' reviews

Revision ID: 0005
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sandbox_sessions',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('owner', sa.String(length=100), nullable=False),
        sa.Column('datasets', sa.JSON(), nullable=False),
        sa.Column('fields', sa.JSON(), nullable=False),
        sa.Column('applications', sa.JSON(), nullable=False),
        sa.Column('row_counts', sa.JSON(), nullable=False),
        sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sandbox_sessions_owner', 'sandbox_sessions', ['owner'], unique=False)

    op.create_table(
        'sandbox_releases',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('session_id', sa.String(length=64), nullable=False),
        sa.Column('requester', sa.String(length=100), nullable=False),
        sa.Column('datasets', sa.JSON(), nullable=False),
        sa.Column('sql', sa.Text(), nullable=False),
        sa.Column('justification', sa.Text(), nullable=False),
        sa.Column('failed_checks', sa.JSON(), nullable=False),
        sa.Column('columns', sa.JSON(), nullable=False),
        sa.Column('rows', sa.JSON(), nullable=False),
        sa.Column('row_count', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sandbox_releases_session_id', 'sandbox_releases', ['session_id'], unique=False)
    op.create_index('ix_sandbox_releases_requester', 'sandbox_releases', ['requester'], unique=False)
    op.create_index('ix_sandbox_releases_status', 'sandbox_releases', ['status'], unique=False)

    op.create_table(
        'sandbox_release_reviews',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('release_id', sa.Integer(), nullable=False),
        sa.Column('department_code', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('decided_by', sa.String(length=100), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['release_id'], ['sandbox_releases.id']),
        sa.ForeignKeyConstraint(['department_code'], ['departments.code']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sandbox_release_reviews_release_id', 'sandbox_release_reviews',
                    ['release_id'], unique=False)
    op.create_index('ix_sandbox_release_reviews_department_code', 'sandbox_release_reviews',
                    ['department_code'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_sandbox_release_reviews_department_code', table_name='sandbox_release_reviews')
    op.drop_index('ix_sandbox_release_reviews_release_id', table_name='sandbox_release_reviews')
    op.drop_table('sandbox_release_reviews')
    op.drop_index('ix_sandbox_releases_status', table_name='sandbox_releases')
    op.drop_index('ix_sandbox_releases_requester', table_name='sandbox_releases')
    op.drop_index('ix_sandbox_releases_session_id', table_name='sandbox_releases')
    op.drop_table('sandbox_releases')
    op.drop_index('ix_sandbox_sessions_owner', table_name='sandbox_sessions')
    op.drop_table('sandbox_sessions')
