"""The workspace store: the only code that reads or writes the store file."""

from icp_tui.store.errors import ReadOnlyStoreError, StoreError
from icp_tui.store.merge import StoreChanges
from icp_tui.store.repository import SCHEMA_VERSION, WorkspaceStore

__all__ = ["SCHEMA_VERSION", "ReadOnlyStoreError", "StoreChanges", "StoreError", "WorkspaceStore"]
