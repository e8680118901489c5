"""Commands that write nothing leave no store file behind when none existed before."""

from __future__ import annotations

import errno
import json
import stat
from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.domain.models import PastAccount
from icp_tui.store import WorkspaceStore, sync

GOOD_ACCOUNTS = "name,industry\nAcme,Retail\n"
BAD_ACCOUNTS = "name,employees\nAcme,many\n"
DEALS = "account,stage,value\nAcme,Won,100\n"
PROFILE = {
    "format": "icp-profile",
    "version": 1,
    "name": "P",
    "characteristics": [
        {"label": "Retail", "attribute": "industry", "criterion": {"one_of": ["Retail"]}}
    ],
}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def leftovers(store_path: Path) -> list[str]:
    """Return what exists of the store, its lock file and its folder."""
    candidates = [store_path, store_path.with_name(store_path.name + ".lock"), store_path.parent]
    return [str(path) for path in candidates if path.exists()]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "new-folder" / "store.json"


@pytest.mark.parametrize(
    ("kind", "text"),
    [("accounts", GOOD_ACCOUNTS), ("prospects", GOOD_ACCOUNTS), ("deals", DEALS)],
)
def test_import_dry_run_creates_no_store(
    tmp_path: Path, store_path: Path, kind: str, text: str
) -> None:
    source = write(tmp_path, f"{kind}.csv", text)
    status = main(["import", kind, str(source), "--dry-run", "--store", str(store_path)])

    assert status == 0
    assert leftovers(store_path) == []


def test_import_failed_creates_no_store(tmp_path: Path, store_path: Path) -> None:
    source = write(tmp_path, "accounts.csv", BAD_ACCOUNTS)
    status = main(["import", "accounts", str(source), "--store", str(store_path)])

    assert status == 2
    assert leftovers(store_path) == []


def test_import_unreadable_file_creates_no_store(tmp_path: Path, store_path: Path) -> None:
    status = main(["import", "accounts", str(tmp_path / "nope.csv"), "--store", str(store_path)])

    assert status == 2
    assert leftovers(store_path) == []


def test_import_profile_dry_run_creates_no_store(tmp_path: Path, store_path: Path) -> None:
    source = write(tmp_path, "profile.json", json.dumps(PROFILE))
    status = main(["import", "profile", str(source), "--dry-run", "--store", str(store_path)])

    assert status == 0
    assert leftovers(store_path) == []


def test_import_profile_failed_creates_no_store(tmp_path: Path, store_path: Path) -> None:
    broken = {**PROFILE, "characteristics": [{"label": "X", "attribute": "colour"}]}
    source = write(tmp_path, "profile.json", json.dumps(broken))
    status = main(["import", "profile", str(source), "--store", str(store_path)])

    assert status == 2
    assert leftovers(store_path) == []


def test_export_creates_no_store(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["export", "profile", "--format", "json", "--store", str(store_path)])
    capsys.readouterr()

    assert status == 0
    assert leftovers(store_path) == []


def test_import_creates_store_and_folder(tmp_path: Path, store_path: Path) -> None:
    source = write(tmp_path, "accounts.csv", GOOD_ACCOUNTS)
    status = main(["import", "accounts", str(source), "--store", str(store_path)])

    assert status == 0
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600
    with WorkspaceStore.open(store_path) as store:
        assert [a.name for a in store.accounts()] == ["Acme"]


def test_store_create_on_write_waits_for_change(tmp_path: Path) -> None:
    path = tmp_path / "later" / "store.json"
    store = WorkspaceStore.open(path, create_on_write=True)
    store.flush()
    created_before_change = path.exists()
    store.save_account(PastAccount(name="Acme"))
    store.close()

    assert created_before_change is False
    assert path.exists()
    with WorkspaceStore.open(path) as reopened:
        assert reopened.workspace_name == "My workspace"
        assert [a.name for a in reopened.accounts()] == ["Acme"]


def test_store_create_on_write_merges_other_session(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    deferred = WorkspaceStore.open(path, create_on_write=True)
    with WorkspaceStore.open(path) as other:
        other.save_account(PastAccount(name="From the other session"))
    deferred.save_account(PastAccount(name="From the deferred session"))
    deferred.close()

    with WorkspaceStore.open(path) as store:
        names = sorted(a.name for a in store.accounts())
    assert names == ["From the deferred session", "From the other session"]


def test_import_failed_write_reported_once(
    tmp_path: Path,
    store_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sync, "replace_file", full_disk)
    source = write(tmp_path, "accounts.csv", GOOD_ACCOUNTS)
    status = main(["import", "accounts", str(source), "--store", str(store_path)])
    captured = capsys.readouterr()
    reported = [line for line in captured.err.splitlines() if line.startswith("icp-tui: ")]

    assert status == 2
    assert reported == [f"icp-tui: store {store_path} could not be saved: No space left on device"]
    assert "Imported" not in captured.out
