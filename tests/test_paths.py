"""Choosing the store: --store, then ICP_TUI_STORE, then the user data directory."""

from __future__ import annotations

from pathlib import Path

from icp_tui.paths import default_store_path, resolve_store_path, resource_dir


def test_store_argument_wins() -> None:
    chosen = resolve_store_path("/tmp/a.json", {"ICP_TUI_STORE": "/tmp/b.json"})
    assert chosen == Path("/tmp/a.json")


def test_environment_variable_second() -> None:
    assert resolve_store_path(None, {"ICP_TUI_STORE": "/tmp/b.json"}) == Path("/tmp/b.json")


def test_default_in_user_data_directory(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_store_path() == tmp_path / "icp-tui" / "workspace.json"
    assert resolve_store_path(None, {}) == tmp_path / "icp-tui" / "workspace.json"


def test_bundled_folders_found() -> None:
    assert (resource_dir("styles") / "app.tcss").is_file()
    assert resource_dir("sample_data").is_dir()
