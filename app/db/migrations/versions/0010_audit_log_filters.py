"""indexes for the audit log viewer's filters: a record's entries (the resident card's History tab),
a user's entries, an action's entries — each newest first (issue 10 point 7)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_log_entity', 'audit_log', ['entity', 'entity_id', 'at'], unique=False)
    op.create_index('ix_audit_log_username', 'audit_log', ['username', 'at'], unique=False)
    op.create_index('ix_audit_log_action', 'audit_log', ['action', 'at'], unique=False)
    # a person's entries about other records (a movement, a plan, a queue application): the resident_id
    # their snapshots hold, written as app.services.audit.resident_key writes it
    for snapshot in ('after', 'before'):
        op.execute(f"CREATE INDEX ix_audit_log_{snapshot}_resident ON audit_log ({_resident_key(snapshot)})")


def _resident_key(snapshot: str) -> str:
    if op.get_bind().dialect.name == 'postgresql':
        return f"(CAST(({snapshot} ->> 'resident_id') AS INTEGER))"
    return f"CAST(json_extract(\"{snapshot}\", '$.resident_id') AS INTEGER)"


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_audit_log_before_resident")
    op.execute("DROP INDEX IF EXISTS ix_audit_log_after_resident")
    op.drop_index('ix_audit_log_action', table_name='audit_log')
    op.drop_index('ix_audit_log_username', table_name='audit_log')
    op.drop_index('ix_audit_log_entity', table_name='audit_log')
