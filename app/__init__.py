"""Qamqor core: domain rules, persistence and services. No Qt import anywhere under app/."""

__version__ = "0.1.0"
