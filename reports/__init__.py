"""Printed forms: one module per form, taking plain data (reports.model) and returning PDF
bytes. No Qt and no database here.

- reports.journal    Annex 2, electronic journal (A4 landscape)
- reports.casefile   Annex 3, case file cover + inventory + acceptance-transfer act
- reports.plan       Annex 4, individual plan (also ``render_batch`` for batch printing)
- reports.monitoring Annex 5, monitoring journal
- reports.queue      queue list and roster on a date
- reports.folder     personal folder: cover, inventory, plan, monitoring journal with contents
- reports.staffing   the staff list against the minimum staffing norms (Order 308 Annex 1; R-29, R-36)

Each module has ``render(data, lang) -> bytes``; ``data=None`` prints the blank form.
Shared pieces live in reports.common (wording, dates, form pieces, PDF builder) and
reports.layout (line breaking and the text/table flowables); reports.samples holds demo data.
"""
