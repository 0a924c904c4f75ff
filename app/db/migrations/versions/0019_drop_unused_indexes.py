"""two indexes no query uses, written to by every new resident and event

``ix_resident_name`` (last name, first name, id) served the residents list's order until 0016 ordered it by
``name_key`` (Kazakh alphabetical order, its own index ``ix_resident_name_key``); nothing reads it since.
``ix_movement_resident_id`` (resident) is the first column of the unique index on (resident, seq), which
finds a resident's events as well. Each of 100,000 rows an import adds went into both (issue 11 point 6).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_resident_name', table_name='resident')
    op.drop_index('ix_movement_resident_id', table_name='movement')


def downgrade() -> None:
    op.create_index('ix_movement_resident_id', 'movement', ['resident_id'], unique=False)
    op.create_index('ix_resident_name', 'resident', ['last_name', 'first_name', 'id'], unique=False)
