"""Shared building blocks of the screens and dialogs (ARCHITECTURE.md, room ``ui/widgets``)."""
