"""every admission has its ground (R-33), or says why an imported one has none

Adds ``movement.ground_unrecorded``: the reason an admission has no recorded ground, which only a record
that predates the program may have (imported from the organisation's register or from a journal file).
Admissions already stored without a ground were entered before the program required one; they are
marked so ('before_grounds'). Then a check constraint holds the rule in the database itself: an
admission has its ground or that reason (one of the two), other movements neither.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

#: the same expression as app.db.models.ADMISSION_GROUND_CHECK at the time of this migration
CHECK = ("(kind = 'admission' AND (admission_ground IS NULL) <> (ground_unrecorded IS NULL)) OR "
         "(kind <> 'admission' AND admission_ground IS NULL AND ground_unrecorded IS NULL)")


def upgrade() -> None:
    with op.batch_alter_table('movement') as batch:
        batch.add_column(sa.Column('ground_unrecorded', sa.Enum('register_import', 'journal_import', 'before_grounds',
                                                                name='groundunrecorded', native_enum=False,
                                                                length=32), nullable=True))
    movement = sa.table('movement', sa.column('kind', sa.String), sa.column('admission_ground', sa.String),
                        sa.column('ground_unrecorded', sa.String))
    op.get_bind().execute(movement.update().where(movement.c.kind == 'admission',
                                                  movement.c.admission_ground.is_(None))
                          .values(ground_unrecorded='before_grounds'))
    op.get_bind().execute(movement.update().where(movement.c.kind != 'admission')
                          .values(admission_ground=None))
    with op.batch_alter_table('movement') as batch:
        batch.create_check_constraint(op.f('ck_movement_admission_ground'), sa.text(CHECK))


def downgrade() -> None:
    with op.batch_alter_table('movement') as batch:
        batch.drop_constraint(op.f('ck_movement_admission_ground'), type_='check')
        batch.drop_column('ground_unrecorded')
