"""the inspector's checklist: a movement's proving document, the last portal reconciliation, staff answers
(issue 13 point 2)

- movement.doc_kind / doc_number / doc_date: the document that proves a suspension (temporary departure)
  or a termination (discharge, transfer) of the services — checklist item 4 (Joint Order 401/69 Annex 3);
- portal_reconciliation: each reconciliation of the roster with the portal's (R-30) with its date and the
  people it found different — checklist item 3 judges the last one and tells how old it is;
- checklist_answer: the staff answers to items 5–20 (not required / complies / does not comply), with the
  note, the answer's date, who answered and when.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN: no rebuild of movement (nullable columns)
    op.add_column('movement', sa.Column('doc_kind', sa.String(length=32), nullable=True))
    op.add_column('movement', sa.Column('doc_number', sa.String(length=100), nullable=True))
    op.add_column('movement', sa.Column('doc_date', sa.Date(), nullable=True))
    op.create_table(
        'portal_reconciliation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_at', sa.DateTime(), nullable=False),
        sa.Column('run_on', sa.Date(), nullable=False),
        sa.Column('run_by', sa.String(length=100), nullable=False),
        sa.Column('source', sa.String(length=500), nullable=True),
        sa.Column('in_both', sa.Integer(), nullable=False),
        sa.Column('differences', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_portal_reconciliation')),
    )
    op.create_index('ix_portal_reconciliation_run_on', 'portal_reconciliation', ['run_on', 'id'])
    op.create_table(
        'checklist_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_no', sa.Integer(), nullable=False),
        sa.Column('answer', sa.String(length=32), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('answered_on', sa.Date(), nullable=False),
        sa.Column('answered_by', sa.String(length=300), nullable=False),
        sa.Column('username', sa.String(length=100), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_answer')),
        sa.UniqueConstraint('item_no', name=op.f('uq_checklist_answer_item_no')),
    )


def downgrade() -> None:
    op.drop_table('checklist_answer')
    op.drop_index('ix_portal_reconciliation_run_on', table_name='portal_reconciliation')
    op.drop_table('portal_reconciliation')
    with op.batch_alter_table('movement') as batch:
        batch.drop_column('doc_date')
        batch.drop_column('doc_number')
        batch.drop_column('doc_kind')
