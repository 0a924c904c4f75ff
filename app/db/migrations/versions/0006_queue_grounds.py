"""the queue's grounds: direct admission while people wait (R-03), out of turn (R-06), the
postponement notice (R-07)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _enum(*values: str) -> sa.Enum:
    return sa.Enum(*values, native_enum=False, length=32)


def upgrade() -> None:
    with op.batch_alter_table('movement') as batch:
        batch.add_column(sa.Column('direct_ground', _enum('transfer', 'court', 'portal', 'other'), nullable=True))
        batch.add_column(sa.Column('direct_ground_text', sa.String(length=500), nullable=True))
    with op.batch_alter_table('queue_application') as batch:
        batch.add_column(sa.Column('out_of_turn_ground', _enum('orphan', 'no_parental_care'), nullable=True))
        batch.add_column(sa.Column('out_of_turn_from', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('out_of_turn_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('postponement_cause', _enum('illness', 'hospitalisation'), nullable=True))
        batch.add_column(sa.Column('notice_received_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('notice_from', _enum('recipient', 'legal_representative'), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('queue_application') as batch:
        for name in ('notice_from', 'notice_received_on', 'postponement_cause', 'out_of_turn_on',
                     'out_of_turn_from', 'out_of_turn_ground'):
            batch.drop_column(name)
    with op.batch_alter_table('movement') as batch:
        batch.drop_column('direct_ground_text')
        batch.drop_column('direct_ground')
