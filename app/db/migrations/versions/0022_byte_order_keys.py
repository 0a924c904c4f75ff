"""PostgreSQL: the resident's IIN, search key and name key compared byte by byte (collation "C")

The three are keys the program makes: the IIN's twelve digits, the casefolded name and IIN searched by
substring, the name's place in Kazakh alphabetical order coded as digits (app.domain.names). In the
database's collation (the server's locale: "C.UTF-8" here, "Russian_Russia.1251" or "Kazakh_Kazakhstan"
on a Windows server) every comparison of their indexes went through the locale's rules; their order is the
same byte by byte, which is what "C" compares. Writing 100,000 people, the server's inserts into resident
took 1.39 s against 1.64 s (bench/RESULTS.md, session 7). Equality, LIKE and the order of these columns
are unchanged; their indexes are built again. SQLite compares bytes already.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

#: column → its type at 0021
COLUMNS = {"iin": "varchar(12)", "search_key": "varchar(400)", "name_key": "varchar(604)"}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column, kind in COLUMNS.items():
        op.execute(f'ALTER TABLE resident ALTER COLUMN {column} TYPE {kind} COLLATE "C"')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column, kind in COLUMNS.items():
        op.execute(f'ALTER TABLE resident ALTER COLUMN {column} TYPE {kind} COLLATE "default"')
