"""indexes for the residents list: the name order and the search key

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_resident_name', 'resident', ['last_name', 'first_name', 'id'], unique=False)
    op.create_index('ix_resident_search_key', 'resident', ['search_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_resident_search_key', table_name='resident')
    op.drop_index('ix_resident_name', table_name='resident')
