"""The workspace store: the only code that touches TinyDB."""

from icp_tui.store.errors import ReadOnlyStoreError, StoreError
from icp_tui.store.repository import SCHEMA_VERSION, WorkspaceStore

__all__ = ["SCHEMA_VERSION", "ReadOnlyStoreError", "StoreError", "WorkspaceStore"]
