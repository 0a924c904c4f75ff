"""three indexes kept only for the rows their queries ask for (issue 11 point 6)

Every new row went into each of these indexes, though their queries read a small part of them:
``ix_resident_birth_date`` finds a person without an IIN by name and date of birth (an import's identity,
issue 11 point 1): only people without an IIN now; ``ix_resident_unit_id`` finds the people placed in a
unit (R-36): only people placed in one (most are in the main part, no unit); the two expression indexes
of 0010 find a person's entries about other records (a movement, a plan) by the ``resident_id`` of their
snapshots: only entries about other records now (an entry about the person is found by its entity). Writing
100,000 people on PostgreSQL, the server's inserts into resident took 1.64 s with the full indexes and 1.16 s
with these, into audit_log 1.00 s and 0.60 s (bench/RESULTS.md). The queries say the same conditions, so
the indexes still serve them (tests/services/test_audit.py, tests/db/test_migrations.py).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def _resident_key(snapshot: str) -> str:
    """As 0010 wrote it (app.services.audit.resident_key)."""
    if op.get_bind().dialect.name == 'postgresql':
        return f"(CAST(({snapshot} ->> 'resident_id') AS INTEGER))"
    return f"CAST(json_extract(\"{snapshot}\", '$.resident_id') AS INTEGER)"


def upgrade() -> None:
    op.drop_index('ix_resident_birth_date', table_name='resident')
    op.execute("CREATE INDEX ix_resident_birth_date ON resident (birth_date) WHERE iin IS NULL")
    op.drop_index('ix_resident_unit_id', table_name='resident')
    op.execute("CREATE INDEX ix_resident_unit_id ON resident (unit_id) WHERE unit_id IS NOT NULL")
    for snapshot in ('after', 'before'):
        op.execute(f"DROP INDEX ix_audit_log_{snapshot}_resident")
        op.execute(f"CREATE INDEX ix_audit_log_{snapshot}_resident ON audit_log ({_resident_key(snapshot)}) "
                   "WHERE entity <> 'resident'")


def downgrade() -> None:
    for snapshot in ('after', 'before'):
        op.execute(f"DROP INDEX ix_audit_log_{snapshot}_resident")
        op.execute(f"CREATE INDEX ix_audit_log_{snapshot}_resident ON audit_log ({_resident_key(snapshot)})")
    op.drop_index('ix_resident_unit_id', table_name='resident')
    op.create_index('ix_resident_unit_id', 'resident', ['unit_id'], unique=False)
    op.drop_index('ix_resident_birth_date', table_name='resident')
    op.create_index('ix_resident_birth_date', 'resident', ['birth_date'], unique=False)
