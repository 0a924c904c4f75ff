"""R-06: the queue applications a portal file placed out of turn, unchecked, stand in the order of arrival

Until 9afb382 the queue import set an application's priority to "out of turn" from the file's yes/no
column alone, its reason «кезектен тыс (портал деректері бойынша)» / «вне очереди (по данным портала)»
(the text rendered in the importing user's language) and no ground: no check of R-06 (an orphan or a child
left without parental care, 18 or older, leaving a children's organisation, in a stationary organisation
only) ever ran on them, yet they stood before everyone. The import now registers such an application in
the order of arrival with the portal's claim noted (``app.services.exchange.out_of_turn_claim``); this
migration does the same to the applications imported before, while they are still in the queue (waiting
or offered a place: the settled ones are history and keep what happened): priority "ordinary", the claim
in the language the old note was written in, the version moved on (a window open on the old row is
refused as a conflict), and one audit entry each by "system", so that the change is in the person's
history. The staff record a real ground with "Out of turn", which checks it. Applications marked out of
turn by a person (paper, or with a ground) are not touched.

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

#: the note the old import wrote, in each language it could render it in (kk, ru, the untranslated msgid)
LEGACY = {"кезектен тыс (портал деректері бойынша)": "kk", "вне очереди (по данным портала)": "ru",
          "out of turn on the portal": "en"}
#: app.services.exchange.out_of_turn_claim as the catalogs render it at this migration: (language, stationary)
CLAIM = {
    ("kk", True): "порталда кезектен тыс деп белгіленген: негізі «Кезектен тыс» арқылы жазылғанша (R-06) түсу "
                  "ретімен тұрады",
    ("kk", False): "порталда кезектен тыс деп белгіленген; кезектен тыс қабылдау (R-06) тек стационарлық ұйымда "
                   "болады: түсу ретімен тұрады",
    ("ru", True): "отмечено на портале как внеочередное: стоит в порядке поступления, пока основание не записано "
                  "(R-06) через «Вне очереди»",
    ("ru", False): "отмечено на портале как внеочередное; внеочередной приём (R-06) есть только в стационарной "
                   "организации: стоит в порядке поступления",
    ("en", True): "marked out of turn on the portal: it stands in the order of arrival until its ground is recorded "
                  "(R-06) with \"Out of turn\"",
    ("en", False): "marked out of turn on the portal; out-of-turn admission (R-06) exists only in a stationary "
                   "organisation: it stands in the order of arrival",
}
ACTION = "queue.out_of_turn_unchecked"


def _jsonable(value):
    """A column value as the audit snapshots write it (app.services.base.snapshot): dates as ISO text."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def upgrade() -> None:
    conn = op.get_bind()
    org_type = conn.execute(sa.text("SELECT org_type FROM organisation ORDER BY id LIMIT 1")).scalar()
    stationary = org_type in (None, "stationary")
    rows = conn.execute(sa.text(
        "SELECT * FROM queue_application WHERE priority = 'out_of_turn' AND out_of_turn_ground IS NULL "
        "AND source = 'portal' AND outcome IN ('waiting', 'offered') ORDER BY id")).mappings().all()
    audit = sa.table("audit_log", sa.column("at", sa.DateTime), sa.column("username", sa.String),
                     sa.column("action", sa.String), sa.column("entity", sa.String),
                     sa.column("entity_id", sa.Integer), sa.column("before", sa.JSON), sa.column("after", sa.JSON))
    at = dt.datetime.now().replace(microsecond=0)
    entries = []
    for row in rows:
        lang = LEGACY.get((row["priority_reason"] or "").strip())
        if lang is None:  # a note somebody wrote: not the import's
            continue
        claim = CLAIM[lang, stationary]
        conn.execute(sa.text("UPDATE queue_application SET priority = 'ordinary', priority_reason = :claim, "
                             "version = version + 1 WHERE id = :id"), {"claim": claim, "id": row["id"]})
        before = {key: _jsonable(value) for key, value in row.items()}
        after = {**before, "priority": "ordinary", "priority_reason": claim, "version": row["version"] + 1}
        entries.append({"at": at, "username": "system", "action": ACTION, "entity": "queue_application",
                        "entity_id": row["id"], "before": before, "after": after})
    if entries:
        conn.execute(audit.insert(), entries)


def downgrade() -> None:
    # what the file claimed is in each application's note and in the audit entry; nobody's place is given back
    # unchecked
    pass

