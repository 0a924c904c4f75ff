"""journal entry numbers: column 1 of the Annex 2 journal, kept once given (R-09, issue 9 point 13)

An entry of the journal is a queue application or an admission that did not come from the
queue; an admission from the queue keeps its application's number. Existing entries are numbered
in the order they happened (queue applications by their receipt, admissions by their date).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN and CREATE UNIQUE INDEX: no table rebuild needed (a rebuild of
    # queue_application, which movement references, is what batch mode would do)
    op.add_column('queue_application', sa.Column('journal_no', sa.Integer(), nullable=True))
    op.add_column('movement', sa.Column('journal_no', sa.Integer(), nullable=True))
    _number_existing_entries(op.get_bind())
    op.create_index('ix_queue_application_journal_no', 'queue_application', ['journal_no'], unique=True)
    op.create_index('ix_movement_journal_no', 'movement', ['journal_no'], unique=True)


def _number_existing_entries(conn) -> None:
    apps = conn.execute(sa.text("SELECT id, received_at FROM queue_application")).all()
    adms = conn.execute(sa.text("SELECT id, event_date, queue_application_id FROM movement "
                                "WHERE kind = 'admission'")).all()
    known = {a.id for a in apps}
    entries = [(str(a.received_at)[:10], str(a.received_at), 0, a.id, 'app') for a in apps]
    entries += [(str(m.event_date)[:10], str(m.event_date), 1, m.id, 'adm') for m in adms
                if m.queue_application_id not in known]
    number = {}
    for n, (_day, _when, _rank, id_, table) in enumerate(sorted(entries), start=1):
        number[table, id_] = n
    for (table, id_), n in number.items():
        name = 'queue_application' if table == 'app' else 'movement'
        conn.execute(sa.text(f"UPDATE {name} SET journal_no = :n WHERE id = :id"), {"n": n, "id": id_})
    for m in adms:  # an admission from the queue keeps its application's number
        if m.queue_application_id in known:
            conn.execute(sa.text("UPDATE movement SET journal_no = :n WHERE id = :id"),
                         {"n": number['app', m.queue_application_id], "id": m.id})


def downgrade() -> None:
    op.drop_index('ix_movement_journal_no', table_name='movement')
    op.drop_index('ix_queue_application_journal_no', table_name='queue_application')
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.drop_column('journal_no')
    with op.batch_alter_table('queue_application', schema=None) as batch_op:
        batch_op.drop_column('journal_no')
