"""the indexes a queue import's dry run could leave dropped on SQLite, built again

A queue import into tables holding fewer rows than the file adds dropped their secondary indexes while
writing and built them again at the end (app.db.bulk.indexes_built_after, since removed). On SQLite the drop ran before
the driver had begun the transaction, so it was committed at once: a dry run, or a write refused midway,
rolled back only the building again, and the indexes stayed dropped (the data was whole; lists and
searches of residents, the queue and the audit log were slower). Fixed in the same change; this builds
again any of them a database lacks, as 0019 left them. PostgreSQL never dropped them.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

#: the secondary (not unique) indexes of resident, queue_application and audit_log at 0019
INDEXES = (
    "ix_resident_birth_date ON resident (birth_date)",
    "ix_resident_name_key ON resident (name_key, id)",
    "ix_resident_search_key ON resident (search_key)",
    "ix_resident_status ON resident (status)",
    "ix_resident_unit_id ON resident (unit_id)",
    "ix_queue_application_outcome ON queue_application (outcome)",
    "ix_queue_application_resident_id ON queue_application (resident_id)",
    "ix_audit_log_action ON audit_log (action, at)",
    "ix_audit_log_at ON audit_log (at)",
    "ix_audit_log_entity ON audit_log (entity, entity_id, at)",
    "ix_audit_log_username ON audit_log (username, at)",
    "ix_audit_log_after_resident ON audit_log (CAST(json_extract(\"after\", '$.resident_id') AS INTEGER))",
    "ix_audit_log_before_resident ON audit_log (CAST(json_extract(\"before\", '$.resident_id') AS INTEGER))",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for index in INDEXES:
        op.execute(f"CREATE INDEX IF NOT EXISTS {index}")


def downgrade() -> None:
    pass  # the indexes belong to 0019's schema
