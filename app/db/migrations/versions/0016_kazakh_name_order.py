"""a stored sort key of each name for Kazakh alphabetical order (issue 12, point 3)

Adds ``name_key`` to ``resident``, ``staff`` and ``app_user``: the full name coded by
app.domain.names.name_key so that ORDER BY puts Ә after А, Ө after О, Ұ and Ү after У, І after Ы on
SQLite and PostgreSQL alike (neither engine's own ordering knows the Kazakh alphabet). The keys of the
rows already stored are computed here, with the same function the services use, and each key is indexed
with the row id (the lists are ordered by name then id).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

from app.domain.names import NAME_KEY_LENGTH, name_key

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

#: table → the columns its name is made of, in order
NAMES = {
    'resident': ('last_name', 'first_name', 'middle_name'),
    'staff': ('full_name',),
    'app_user': ('full_name',),
}


def upgrade() -> None:
    bind = op.get_bind()
    for table, parts in NAMES.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('name_key', sa.String(length=NAME_KEY_LENGTH), nullable=False,
                                       server_default=''))
        t = sa.table(table, sa.column('id', sa.Integer), sa.column('name_key', sa.String),
                     *[sa.column(p, sa.String) for p in parts])
        keys = [{'row_id': row[0], 'key': name_key(*row[1:])}
                for row in bind.execute(sa.select(t.c.id, *[t.c[p] for p in parts]))]
        if keys:
            bind.execute(t.update().where(t.c.id == sa.bindparam('row_id')).values(name_key=sa.bindparam('key')), keys)
        op.create_index(f'ix_{table}_name_key', table, ['name_key', 'id'], unique=False)


def downgrade() -> None:
    for table in NAMES:
        op.drop_index(f'ix_{table}_name_key', table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('name_key')
