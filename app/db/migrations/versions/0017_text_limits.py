"""every text column has a length; the IIN-less person is found by the date of birth (issue 11)

The free-text columns created as unbounded TEXT (a diagnosis, a plan's correction note, an
activity's title …) become VARCHAR(4000) (app.domain.limits.LONG_TEXT), so that every text has
one limit, checked by the program the same way on both engines. SQLite does not enforce a
VARCHAR length and keeps the same storage for both, so its tables are left as they are (no
rebuild); on PostgreSQL the columns are altered — a value already longer stops the upgrade with
the table and column named, rather than be cut.

An index on ``resident.birth_date``: an imported person without an IIN is matched by name and date
of birth (issue 11 point 1).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

LONG_TEXT = 4000  # app.domain.limits.LONG_TEXT at the time of this migration
COLUMNS = (
    ('organisation', 'removal_grounds'), ('resident', 'diagnosis'), ('resident', 'parents_info'),
    ('plan', 'correction_note'), ('plan_activity', 'title'), ('plan_activity', 'title_kk'),
    ('plan_activity', 'title_ru'), ('activity_catalog', 'title_kk'), ('activity_catalog', 'title_ru'),
    ('monitoring_row', 'positive_text'), ('monitoring_row', 'no_change_reason'), ('monitoring_row', 'correction'),
    ('plan', 'return_note'), ('checklist_answer', 'note'),  # added by 0012 and 0014 as TEXT
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        for table, column in COLUMNS:
            longest = bind.execute(sa.text(f'SELECT max(char_length({column})) FROM {table}')).scalar()
            if longest is not None and longest > LONG_TEXT:
                raise RuntimeError(f'{table}.{column} holds a text of {longest} characters, more than {LONG_TEXT}; '
                                   'shorten it, then start the program again')
            op.alter_column(table, column, type_=sa.String(LONG_TEXT), existing_type=sa.Text())
    op.create_index('ix_resident_birth_date', 'resident', ['birth_date'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_resident_birth_date', table_name='resident')
    if op.get_bind().dialect.name != 'sqlite':
        for table, column in COLUMNS:
            op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(LONG_TEXT))
