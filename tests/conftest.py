"""Fixtures for the app's tests: a real store in a temporary folder and an app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from icp_tui.app import IcpApp
from icp_tui.settings import CONFIG_ENV
from icp_tui.store import WorkspaceStore
from tests.workspace_fixture import make_store


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's settings file in its own temporary folder."""
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setenv(CONFIG_ENV, str(path))
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkspaceStore]:
    """The fixed test workspace in a fresh store file."""
    workspace = make_store(tmp_path)
    yield workspace
    workspace.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[WorkspaceStore]:
    workspace = WorkspaceStore.open(tmp_path / "empty.json")
    yield workspace
    workspace.close()


@pytest.fixture
def app(store: WorkspaceStore) -> IcpApp:
    return IcpApp(store)
