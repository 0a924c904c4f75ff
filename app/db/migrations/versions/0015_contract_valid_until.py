"""the service contract's term as a date (R-28), so its expiry is a deadline

The register entry (R-28) keeps the service contract's signing date and term; the term was kept as
free text (``contract_term``), which no deadline can be computed from. ``contract_valid_until`` keeps
the last day of the contract; the text stays for what the contract says.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('organisation') as batch:
        batch.add_column(sa.Column('contract_valid_until', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('organisation') as batch:
        batch.drop_column('contract_valid_until')
