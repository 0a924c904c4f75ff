"""organisation units (R-27, R-36), a resident's unit, the ground of an admission (R-33)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'org_unit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('supported_living', 'palliative', name='unitkind', native_enum=False,
                                  length=32), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('places', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_org_unit')),
    )
    with op.batch_alter_table('resident') as batch:
        batch.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch.create_index('ix_resident_unit_id', ['unit_id'], unique=False)
        batch.create_foreign_key('fk_resident_unit_id_org_unit', 'org_unit', ['unit_id'], ['id'])
    with op.batch_alter_table('movement') as batch:
        batch.add_column(sa.Column('admission_ground', sa.Enum('cannot_self_care', 'no_obliged_relatives',
                                                               'relatives_cannot_care', 'pension_age',
                                                               'child_musculoskeletal', name='admissionground',
                                                               native_enum=False, length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('movement') as batch:
        batch.drop_column('admission_ground')
    with op.batch_alter_table('resident') as batch:
        batch.drop_constraint('fk_resident_unit_id_org_unit', type_='foreignkey')
        batch.drop_index('ix_resident_unit_id')
        batch.drop_column('unit_id')
    op.drop_table('org_unit')
