"""Pure rules of the product: no database, no I/O, no Qt.

Every regulatory rule lives here once and cites its id from ../shared/domain/RULES.md.
"""
