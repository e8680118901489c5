"""Errors raised by the store, each naming the store file and the reason."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A store that cannot be used: unreadable, corrupt, of the wrong shape or too new."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"store {path} {reason}")
        self.path = path
        self.reason = reason


class ReadOnlyStoreError(StoreError):
    """A change was attempted on a store that was opened read-only."""
