"""plan lateness trace (R-15) and deadline settings only stricter than the acts

Adds to ``plan`` each step's due date as it stood when the step was taken (draw-up step and due date,
completion due date, approval due date), so that a plan drawn up, completed or approved late keeps that
fact. Drops from the organisation's deadline settings the terms the acts fix (R-14's one-year plan
period, R-20's quarterly monitoring) and any number looser than the act's (R-15, R-21): those fall back
to the act.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

#: the acts' numbers at the time of this migration (003 item 35 4)-5)); a stored setting above is looser
_ACT = {"plan_draw_up_calendar_days": 5, "plan_renew_working_days": 1, "plan_complete_working_days": 2,
        "plan_approve_working_days": 0, "monitoring_record_working_days": 1}


def upgrade() -> None:
    with op.batch_alter_table('plan') as batch:
        batch.add_column(sa.Column('draw_up_step', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('draw_up_due', sa.Date(), nullable=True))
        batch.add_column(sa.Column('complete_due', sa.Date(), nullable=True))
        batch.add_column(sa.Column('approve_due', sa.Date(), nullable=True))
    org = sa.table('organisation', sa.column('id', sa.Integer), sa.column('deadline_settings', sa.JSON))
    conn = op.get_bind()
    for org_id, settings in conn.execute(sa.select(org.c.id, org.c.deadline_settings)).all():
        if isinstance(settings, str):
            settings = json.loads(settings)
        settings = dict(settings or {})
        kept: dict[str, Any] = {k: v for k, v in settings.items()
                if k in _ACT and isinstance(v, int) and 0 <= v <= _ACT[k]}
        if kept.get("plan_complete_working_days", 2) + kept.get("plan_approve_working_days", 0) > 2:
            kept.pop("plan_approve_working_days", None)
        if "sources" in settings:
            kept["sources"] = {k: v for k, v in (settings["sources"] or {}).items() if k in kept}
        if kept != settings:
            conn.execute(org.update().where(org.c.id == org_id).values(deadline_settings=kept))


def downgrade() -> None:
    with op.batch_alter_table('plan') as batch:
        batch.drop_column('approve_due')
        batch.drop_column('complete_due')
        batch.drop_column('draw_up_due')
        batch.drop_column('draw_up_step')
