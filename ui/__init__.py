"""The PySide6 desktop program. Views hold layout only; every change goes through app.services.

The PySide6 release is pinned (pyproject.toml, requirements.lock): 6.12.0 dropped a reference to
``None`` on every Qt method returning nothing, and to ``True``/``False`` on every signal emitted from
Python; on Python 3.11 the interpreter aborted after about 1,500 actions. tests/ui/test_long_day.py
drives the main window through thousands of actions and fails if a reference is lost again.
"""
