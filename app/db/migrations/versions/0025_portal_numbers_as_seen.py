"""the portal numbers stored with the invisible characters pasted text brings, stored as they are seen

A portal application's number is the portal's, and the portal writes none of the invisible formatting characters
(app.domain.limits.INVISIBLE); one typed or pasted into the queue form before 0024's version kept them (a zero-width
space, a direction mark). A file's number is read as seen, so the queue import did not find that application and
refused the person as "already in the queue" (issue 11 point 1: the same file imported twice changes nothing).
Such a number is stored as seen, the application's version moved on (a window open on the old row is refused as a
conflict), with one audit entry by "system", so that the change is in the application's history. A number that
would then be another application's, or nothing at all, is left as it was: the staff see both in the queue.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

from app.domain.limits import INVISIBLE, clean

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

ACTION = "queue.portal_number_as_seen"


def upgrade() -> None:
    conn = op.get_bind()
    stored = conn.execute(sa.text("SELECT id, portal_number, version, resident_id FROM queue_application "
                                  "WHERE portal_number IS NOT NULL ORDER BY id")).all()
    taken = {number for _id, number, _version, _resident in stored}
    audit = sa.table("audit_log", sa.column("at", sa.DateTime), sa.column("username", sa.String),
                     sa.column("action", sa.String), sa.column("entity", sa.String),
                     sa.column("entity_id", sa.Integer), sa.column("before", sa.JSON), sa.column("after", sa.JSON))
    at = dt.datetime.now().replace(microsecond=0)
    entries = []
    for app_id, number, version, resident in stored:
        if not INVISIBLE.search(number):
            continue
        seen = clean(number)
        if seen is None or seen in taken:
            continue
        taken.add(seen)
        conn.execute(sa.text("UPDATE queue_application SET portal_number = :seen, version = :version "
                             "WHERE id = :id"), {"seen": seen, "version": version + 1, "id": app_id})
        entries.append({"at": at, "username": "system", "action": ACTION, "entity": "queue_application",
                        "entity_id": app_id,  # the person's history shows it (audit_log's index of resident_id)
                        "before": {"resident_id": resident, "portal_number": number, "version": version},
                        "after": {"resident_id": resident, "portal_number": seen, "version": version + 1}})
    if entries:
        conn.execute(audit.insert(), entries)


def downgrade() -> None:
    """Nothing to undo: the audit entries keep the numbers as they were stored."""
