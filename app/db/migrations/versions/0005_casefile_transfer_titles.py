"""case file and plan printing: the transfer's receiving organisation (R-12), catalogue activity
titles in both languages, the dates the plan's signatures were recorded (R-18)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receiving_organisation', sa.String(length=500), nullable=True))
    with op.batch_alter_table('plan_activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_kk', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('title_ru', sa.Text(), nullable=True))
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature_dates', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('signature_dates')
    with op.batch_alter_table('plan_activity', schema=None) as batch_op:
        batch_op.drop_column('title_ru')
        batch_op.drop_column('title_kk')
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.drop_column('receiving_organisation')
