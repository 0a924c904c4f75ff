"""the staffing profile and the staff list, for the minimum staffing norms (R-29, R-36)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'staffing_profile',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('notes', sa.JSON(), nullable=True),
        sa.Column('recipients', sa.Integer(), nullable=True),
        *[sa.Column(name, sa.Integer(), nullable=False, server_default='0')
          for name in ('nurse_posts', 'orderly_posts', 'supervision_posts', 'care_groups', 'study_groups',
                       'labour_profiles', 'vehicles', 'tractors')],
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_profile')),
    )
    op.create_table(
        'staff_list_row',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('position_no', sa.Integer(), nullable=False),
        sa.Column('fte', sa.Numeric(6, 2), nullable=False),
        sa.Column('note', sa.String(length=300), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint('position_no BETWEEN 1 AND 78', name=op.f('ck_staff_list_row_position_no')),
        sa.CheckConstraint('fte > 0', name=op.f('ck_staff_list_row_fte')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_list_row')),
    )
    op.create_index('ix_staff_list_row_position_no', 'staff_list_row', ['position_no'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_staff_list_row_position_no', table_name='staff_list_row')
    op.drop_table('staff_list_row')
    op.drop_table('staffing_profile')
