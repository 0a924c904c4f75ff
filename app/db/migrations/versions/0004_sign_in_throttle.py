"""failed sign-ins counted per user name (five make it wait 5 minutes), and a session epoch per account
that a password reset raises, ending the sessions opened before (issue 10 point 6)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_failure',
                    sa.Column('name_key', sa.String(length=100), nullable=False),
                    sa.Column('failures', sa.Integer(), nullable=False),
                    sa.Column('last_at', sa.DateTime(), nullable=False),
                    sa.Column('locked_until', sa.DateTime(), nullable=True),
                    sa.PrimaryKeyConstraint('name_key', name=op.f('pk_sign_in_failure')))
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
    op.drop_table('sign_in_failure')
