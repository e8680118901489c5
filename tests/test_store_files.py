"""Store files that cannot be used as they are: corrupt, too new, unreadable, read-only, old."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from icp_tui.domain.models import Prospect
from icp_tui.store import SCHEMA_VERSION, ReadOnlyStoreError, StoreError, WorkspaceStore
from icp_tui.store.schema import migrate_file

RUNNING_AS_ROOT = os.geteuid() == 0


def write_store(path: Path, prospects: list[dict[str, object]]) -> bytes:
    """Write a version-1 store holding `prospects` and return its bytes."""
    data = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "name": "Files", "currency": "USD"}},
        "prospects": {str(n): record for n, record in enumerate(prospects, start=1)},
    }
    content = json.dumps(data).encode()
    path.write_bytes(content)
    return content


def valid_prospect(name: str) -> dict[str, object]:
    return Prospect(name=name, traits={"employees": 300}).model_dump(mode="json")


@pytest.fixture
def restore_permissions(tmp_path: Path) -> Iterator[None]:
    """Give the owner back write access, so pytest can remove the temporary folder."""
    yield
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IRWXU)


def assert_rejected_untouched(path: Path, match: str) -> None:
    before = path.read_bytes()
    modified = path.stat().st_mtime_ns
    with pytest.raises(StoreError, match=match) as caught:
        WorkspaceStore.open(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == modified


def test_not_json_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text("this is not JSON")
    assert_rejected_untouched(path, "not valid JSON")


def test_truncated_store_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    content = write_store(path, [valid_prospect(f"Prospect {n}") for n in range(20)])
    path.write_bytes(content[: len(content) // 2])
    assert_rejected_untouched(path, "may be truncated")


def test_empty_file_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(b"")
    assert_rejected_untouched(path, "is empty")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("[1, 2, 3]", "it is a JSON array"),
        ('"text"', "it is a JSON string"),
        ('{"meta": []}', "table 'meta' is a JSON array"),
        ('{"prospects": {"1": "Acme"}}', "record '1' of table 'prospects' is a JSON string"),
        ('{"orders": {"1": {"total": 3}}}', "not an icp-tui store .*'orders'"),
        ("{}", "not an icp-tui store .*empty"),
        ('{"meta": {"1": {"schema_version": "one"}}}', "invalid schema version 'one'"),
    ],
)
def test_wrong_shape_rejected(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "store.json"
    path.write_text(content)
    assert_rejected_untouched(path, match)


def test_record_without_id_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    write_store(path, [{"name": "Acme", "traits": {}}])
    assert_rejected_untouched(
        path, 'prospects record "1": id is missing; it must be non-empty text'
    )


@pytest.mark.parametrize(
    ("name", "match"),
    [
        (None, 'prospects record "3": name is missing \\(null\\); it must be text$'),
        (7, 'prospects record "3": name is a JSON number \\(7\\); it must be text$'),
        (["A"], 'prospects record "3": name is a JSON array \\(\\["A"\\]\\); it must be text$'),
    ],
)
def test_record_name_not_text_rejected(tmp_path: Path, name: object, match: str) -> None:
    path = tmp_path / "store.json"
    records = [
        valid_prospect("Acme"),
        valid_prospect("Beta"),
        {**valid_prospect("C"), "name": name},
    ]
    write_store(path, records)
    assert_rejected_untouched(path, match)


def test_record_name_messages_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    write_store(path, [{**valid_prospect("Acme"), "name": None}])
    with pytest.raises(StoreError) as caught:
        WorkspaceStore.open(path)
    assert "None" not in str(caught.value)
    assert "[1]" not in str(caught.value)


def test_never_json_not_called_truncated(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text("hello")
    with pytest.raises(StoreError, match="not valid JSON") as caught:
        WorkspaceStore.open(path)
    assert "truncated" not in str(caught.value)


def test_duplicate_record_id_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    record = valid_prospect("Acme")
    write_store(path, [record, {**record, "name": "Acme copy"}])
    assert_rejected_untouched(path, "two records with id")


def test_newer_schema_version_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    assert_rejected_untouched(path, f"schema version {SCHEMA_VERSION + 1}.*upgrade icp-tui")


def test_folder_in_place_of_store_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.mkdir()
    with pytest.raises(StoreError, match="cannot be read: it is a folder") as caught:
        WorkspaceStore.open(path)
    assert str(path) in str(caught.value)
    assert path.is_dir()


@pytest.mark.skipif(
    RUNNING_AS_ROOT,
    reason="root reads files whatever their permissions, so chmod 000 cannot make a store "
    "unreadable; test_folder_in_place_of_store_rejected covers the read failure instead",
)
def test_unreadable_store_rejected(tmp_path: Path, restore_permissions: None) -> None:
    path = tmp_path / "store.json"
    write_store(path, [valid_prospect("Acme")])
    path.chmod(0)
    with pytest.raises(StoreError, match="cannot be read: Permission denied"):
        WorkspaceStore.open(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0


def test_invalid_record_reported_when_read(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    bad = {**valid_prospect("Broken Ltd"), "traits": {"partnership": 9}}
    content = write_store(path, [valid_prospect("Fine Ltd"), bad])
    with WorkspaceStore.open(path) as store:
        assert store.prospect_named("Fine Ltd") is not None
        with pytest.raises(
            StoreError, match=r"prospects record 'Broken Ltd'.*partnership"
        ) as caught:
            store.prospects()
        assert str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_read_only_file_opens_read_only(tmp_path: Path, restore_permissions: None) -> None:
    path = tmp_path / "store.json"
    content = write_store(path, [valid_prospect("Acme")])
    path.chmod(0o444)
    with WorkspaceStore.open(path) as store:
        assert store.read_only
        assert store.read_only_reason == f"the file {path} is read-only"
        assert store.prospect_named("Acme") is not None
    assert path.read_bytes() == content


def test_read_only_folder_opens_read_only(tmp_path: Path, restore_permissions: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "store.json"
    write_store(path, [valid_prospect("Acme")])
    folder.chmod(0o555)
    with WorkspaceStore.open(path) as store:
        assert store.read_only
        assert store.read_only_reason == f"the folder {folder} is read-only"


def test_read_only_store_rejects_every_edit(tmp_path: Path, restore_permissions: None) -> None:
    path = tmp_path / "store.json"
    content = write_store(path, [valid_prospect("Acme")])
    path.chmod(0o444)
    with WorkspaceStore.open(path) as store:
        acme = store.prospect_named("Acme")
        assert acme is not None
        edits = {
            "save_prospect": lambda: store.save_prospect(Prospect(name="New")),
            "delete_prospect": lambda: store.delete_prospect(acme.id),
            "save_many": lambda: store.save_many(prospects=[Prospect(name="New")]),
            "set_workspace_name": lambda: store.set_workspace_name("Renamed"),
            "set_tick": lambda: store.set_tick(1, "item", True),
            "save_profile": lambda: store.save_profile(store.profile()),
        }
        for name, edit in edits.items():
            with pytest.raises(ReadOnlyStoreError, match="read-only because the file") as caught:
                edit()
            assert "not saved" in str(caught.value), name
        assert store.prospect_named("New") is None
    assert path.read_bytes() == content
    assert not (tmp_path / "store.json.lock").exists()


def test_missing_store_not_created_in_read_only_folder(
    tmp_path: Path, restore_permissions: None
) -> None:
    tmp_path.chmod(0o555)
    path = tmp_path / "store.json"
    with pytest.raises(StoreError, match="cannot be created because the folder"):
        WorkspaceStore.open(path)
    assert not path.exists()


def version_0_store(path: Path) -> bytes:
    """Write a store in the version-0 layout: no schema version and records without ids."""
    data = {
        "meta": {"1": {"name": "Early workspace"}},
        "prospects": {
            "1": {"name": "Acme", "traits": {"employees": 300}},
            "2": {"name": "Globex", "traits": {"industry": "Retail"}},
        },
        "accounts": {"1": {"name": "Initech", "tier": "best"}},
    }
    content = json.dumps(data).encode()
    path.write_bytes(content)
    return content


def test_version_0_store_migrated(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    version_0_store(path)
    with WorkspaceStore.open(path) as store:
        prospects = {p.name: p for p in store.prospects()}
        assert set(prospects) == {"Acme", "Globex"}
        assert prospects["Acme"].traits == {"employees": 300}
        assert len({p.id for p in prospects.values()}) == 2
        assert store.account_named("Initech") is not None
        assert store.workspace_name == "Early workspace"
    on_disk = json.loads(path.read_text())
    assert on_disk["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert all(record["id"] for record in on_disk["prospects"].values())


def test_version_0_migration_keeps_backup(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    original = version_0_store(path)
    WorkspaceStore.open(path).close()
    backups = list(tmp_path.glob("store.json.schema-0-*.bak"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == original
    WorkspaceStore.open(path).close()
    assert len(list(tmp_path.glob("store.json.schema-0-*.bak"))) == 1


def test_migration_skipped_when_already_done(tmp_path: Path) -> None:
    # A second session that saw version 0 migrates only if no other session did it first.
    path = tmp_path / "store.json"
    version_0_store(path)
    WorkspaceStore.open(path).close()
    migrated = path.read_bytes()
    migrate_file(path, 0)
    assert path.read_bytes() == migrated
    assert len(list(tmp_path.glob("*.bak"))) == 1


def test_version_0_read_only_not_migrated(tmp_path: Path, restore_permissions: None) -> None:
    path = tmp_path / "store.json"
    original = version_0_store(path)
    path.chmod(0o444)
    with WorkspaceStore.open(path) as store:
        assert store.read_only
        assert "older schema version 0" in (store.read_only_reason or "")
        assert store.prospect_named("Acme") is not None
    assert path.read_bytes() == original
    assert not list(tmp_path.glob("*.bak"))
