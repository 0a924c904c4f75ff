"""R-06: what a portal file says of an application's turn is kept apart from its place; the applications an
older import placed out of turn unchecked stand in the order of arrival

Adds ``queue_application.portal_out_of_turn``: the portal's file marks the application out of turn. A file
carries none of what R-06 needs (the ground, the children's organisation, the day the person left it), so
such an application stands in the order of arrival until the staff record its ground with "Out of turn",
which checks it; the queue shows the claim in the user's language from this mark.

Until 9afb382 the queue import set the priority to "out of turn" from the file's mark alone, its reason
«кезектен тыс (портал деректері бойынша)» / «вне очереди (по данным портала)» (the text rendered in the
importing user's language) and no ground: no check of R-06 ever ran on them, yet they stood before everyone.
Those still in the queue (waiting, or offered a place; the settled ones are history and keep what happened)
become ordinary with the mark, their version moved on (a window open on the old row is refused as a
conflict), one audit entry each by "system", so that the change is in the person's history. From 9afb382
the import wrote the claim itself as the reason, in the importer's language: those get the mark instead of
the text. Applications a person placed out of turn (paper, or with a ground) are not touched.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

#: the note the import before 9afb382 wrote, in each language it could render it in (kk, ru, the msgid)
LEGACY = ("кезектен тыс (портал деректері бойынша)", "вне очереди (по данным портала)", "out of turn on the portal")
#: the claim the import wrote as the reason from 9afb382 (app.services.exchange.out_of_turn_claim then), as the
#: catalogs rendered it: kk, ru and the msgid, stationary or not
CLAIMS = (
    "порталда кезектен тыс деп белгіленген: негізі «Кезектен тыс» арқылы жазылғанша (R-06) түсу ретімен тұрады",
    "порталда кезектен тыс деп белгіленген; кезектен тыс қабылдау (R-06) тек стационарлық ұйымда болады: түсу "
    "ретімен тұрады",
    "отмечено на портале как внеочередное: стоит в порядке поступления, пока основание не записано (R-06) через "
    "«Вне очереди»",
    "отмечено на портале как внеочередное; внеочередной приём (R-06) есть только в стационарной организации: стоит в "
    "порядке поступления",
    "marked out of turn on the portal: it stands in the order of arrival until its ground is recorded (R-06) with "
    "\"Out of turn\"",
    "marked out of turn on the portal; out-of-turn admission (R-06) exists only in a stationary organisation: it "
    "stands in the order of arrival",
)
ACTION = "queue.out_of_turn_unchecked"


def _jsonable(value):
    """A column value as the audit snapshots write it (app.services.base.snapshot): dates as ISO text."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def upgrade() -> None:
    with op.batch_alter_table('queue_application') as batch:
        batch.add_column(sa.Column('portal_out_of_turn', sa.Boolean(), nullable=False, server_default=sa.false()))
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT * FROM queue_application WHERE priority = 'out_of_turn' AND out_of_turn_ground IS NULL "
        "AND source = 'portal' AND outcome IN ('waiting', 'offered') ORDER BY id")).mappings().all()
    audit = sa.table("audit_log", sa.column("at", sa.DateTime), sa.column("username", sa.String),
                     sa.column("action", sa.String), sa.column("entity", sa.String),
                     sa.column("entity_id", sa.Integer), sa.column("before", sa.JSON), sa.column("after", sa.JSON))
    at = dt.datetime.now().replace(microsecond=0)
    entries = []
    for row in rows:
        if (row["priority_reason"] or "").strip() not in LEGACY:  # a note somebody wrote: not the import's
            continue
        conn.execute(sa.text("UPDATE queue_application SET priority = 'ordinary', priority_reason = NULL, "
                             "portal_out_of_turn = :mark, version = version + 1 WHERE id = :id"),
                     {"mark": True, "id": row["id"]})
        before = {**{key: _jsonable(value) for key, value in row.items()}, "portal_out_of_turn": False}
        after = {**before, "priority": "ordinary", "priority_reason": None, "portal_out_of_turn": True,
                 "version": row["version"] + 1}
        entries.append({"at": at, "username": "system", "action": ACTION, "entity": "queue_application",
                        "entity_id": row["id"], "before": before, "after": after})
    if entries:
        conn.execute(audit.insert(), entries)
    claimed = sa.table("queue_application", sa.column("source", sa.String), sa.column("priority", sa.String),
                       sa.column("priority_reason", sa.String), sa.column("portal_out_of_turn", sa.Boolean))
    conn.execute(claimed.update().where(claimed.c.source == "portal", claimed.c.priority == "ordinary",
                                        claimed.c.priority_reason.in_(CLAIMS))
                 .values(priority_reason=None, portal_out_of_turn=True))


def downgrade() -> None:
    # the applications put in the order of arrival stay there (the audit entries say what they were); the mark goes
    with op.batch_alter_table('queue_application') as batch:
        batch.drop_column('portal_out_of_turn')
