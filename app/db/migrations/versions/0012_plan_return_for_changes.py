"""the director may return a completed plan for changes, with a comment (issue 12 point 9)

Adds ``plan.return_note``, ``plan.returned_on`` and ``plan.returned_by``: the last return of the plan to its
authors, which the plan screen and the editor show while the plan is a draft again. Every return is also
in the audit trail.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan') as batch:
        batch.add_column(sa.Column('return_note', sa.Text(), nullable=True))
        batch.add_column(sa.Column('returned_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('returned_by', sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan') as batch:
        batch.drop_column('returned_by')
        batch.drop_column('returned_on')
        batch.drop_column('return_note')
