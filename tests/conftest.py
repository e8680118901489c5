"""Shared fixtures: a temporary store, a settings folder, and the installed command."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from icp_tui.app import IcpApp
from icp_tui.settings import CONFIG_ENV
from icp_tui.store import WorkspaceStore
from tests.workspace_fixture import make_store


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the user data and config folders at a temporary place for every test."""
    home = tmp_path_factory.mktemp("home")
    saved = {
        key: os.environ.get(key) for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "ICP_TUI_STORE")
    }
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ.pop("ICP_TUI_STORE", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkspaceStore]:
    """An empty workspace store in a temporary folder."""
    opened = WorkspaceStore.open(tmp_path / "store.json")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's app settings file (the theme) in its own temporary folder."""
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setenv(CONFIG_ENV, str(path))
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[WorkspaceStore]:
    """The fixed test workspace of `tests/workspace_fixture.py` in a fresh store file."""
    filled = make_store(tmp_path / "workspace")
    yield filled
    filled.close()


@pytest.fixture
def app(workspace: WorkspaceStore) -> IcpApp:
    """The app over the fixed test workspace."""
    return IcpApp(workspace)


def shared_data_dir() -> Path:
    """Return the folder of real input files, beside the checkout as CI lays it out."""
    beside_checkout = Path(__file__).resolve().parents[2] / "shared" / "data"
    if beside_checkout.is_dir():
        return beside_checkout
    return Path("/work/shared/data")


@pytest.fixture
def maven_crm() -> Path:
    """The real CRM export (accounts, pipeline) from Maven Analytics, read-only."""
    folder = shared_data_dir() / "maven-crm"
    if not folder.is_dir():
        pytest.fail(f"real input not found at {folder}; it lies in shared/data beside the checkout")
    return folder


def installed_command() -> str | None:
    """Return the installed `icp-tui` script: beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / "icp-tui"
    if beside.exists():
        return str(beside)
    return shutil.which("icp-tui")


@pytest.fixture
def icp_tui_command() -> str:
    """The installed command; in CI its absence is a failure, elsewhere a skip."""
    command = installed_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("icp-tui is not installed in this environment; .ci/run installs it")
        pytest.skip("icp-tui is not installed here; run `pip install .` to test the command")
    return command
