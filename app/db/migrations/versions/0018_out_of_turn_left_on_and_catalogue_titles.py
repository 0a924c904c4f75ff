"""R-06: the day an out-of-turn applicant left (or will leave) the children's organisation; issue 9
point 23: the catalogue titles of saved activities in both languages

``queue_application.out_of_turn_left_on`` (nullable: applications recorded before it have none; a new
out-of-turn claim needs it, see ``app.domain.queue.check_out_of_turn``).

Activities saved without their catalogue titles (the demo passed only the Kazakh title) whose title is
exactly the Kazakh or the Russian title of a catalogue entry of the same kind of service get that
entry's two titles, so that a plan printed in the other language shows the catalogue's title in it (the
first such entry, by id, when several match). Typed activities are left as typed.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

_MATCH = ("FROM activity_catalog c WHERE c.kind = plan_activity.kind "
          "AND (c.title_kk = plan_activity.title OR c.title_ru = plan_activity.title)")


def upgrade() -> None:
    with op.batch_alter_table('queue_application') as batch:
        batch.add_column(sa.Column('out_of_turn_left_on', sa.Date(), nullable=True))
    op.execute(
        "UPDATE plan_activity SET "
        f"title_kk = (SELECT c.title_kk {_MATCH} ORDER BY c.id LIMIT 1), "
        f"title_ru = (SELECT c.title_ru {_MATCH} ORDER BY c.id LIMIT 1) "
        f"WHERE title_kk IS NULL AND title_ru IS NULL AND EXISTS (SELECT 1 {_MATCH})")


def downgrade() -> None:
    # the titles filled in stay: they are what the activity was picked as
    with op.batch_alter_table('queue_application') as batch:
        batch.drop_column('out_of_turn_left_on')
