"""the residents' search keys made again without the invisible characters pasted names brought

A name pasted from a web page, a PDF or a word processor may hold a zero-width space, a soft hyphen, a direction
mark (app.domain.limits.INVISIBLE). The program now takes them out of what is stored and of the search key
(``fold``); a key stored before kept them, so that a search for «айгүл» missed «Ай<U+200B>гүл». The keys that
differ from the key the services now make are written again, with the same function. The names themselves are left
as stored: they are the user's data, changed only by an edit, which takes the characters out (app.db.limits).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from app.db.models import make_search_key

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    t = sa.table('resident', sa.column('id', sa.Integer), sa.column('search_key', sa.String),
                 *[sa.column(c, sa.String) for c in ('last_name', 'first_name', 'middle_name', 'iin')])
    keys = []
    for row in bind.execute(sa.select(t.c.id, t.c.search_key, t.c.last_name, t.c.first_name, t.c.middle_name,
                                      t.c.iin)):
        key = make_search_key(row.last_name, row.first_name, row.middle_name, row.iin)
        if key != row.search_key:
            keys.append({'row_id': row.id, 'key': key})
    if keys:
        bind.execute(t.update().where(t.c.id == sa.bindparam('row_id')).values(search_key=sa.bindparam('key')), keys)


def downgrade() -> None:
    """Nothing to undo: a key without the invisible characters finds what the key with them found."""
