"""The PySide6 desktop program. Views hold layout only; every change goes through app.services."""
