"""Two sessions on one store: in this process, and in two processes at once."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from icp_tui.domain.models import Prospect
from icp_tui.store import StoreChanges, WorkspaceStore
from icp_tui.store.merge import merge_record

REPOSITORY = Path(__file__).resolve().parents[1]


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.json"


@pytest.fixture
def sessions(path: Path) -> Iterator[tuple[WorkspaceStore, WorkspaceStore]]:
    """Two sessions on one store that both hold the prospect Acme."""
    first = WorkspaceStore.open(path)
    first.save_prospect(Prospect(name="Acme", traits={"employees": 300}))
    first.flush()
    second = WorkspaceStore.open(path)
    yield first, second
    second.close()
    first.close()


def collect_changes(store: WorkspaceStore) -> StoreChanges:
    collected = StoreChanges()
    collected.extend(store.take_changes())
    return collected


# The three-way merge of one record


def test_merge_keeps_both_fields() -> None:
    base = {"name": "Acme", "notes": "", "traits": {"employees": 300}}
    ours = {**base, "notes": "call back"}
    theirs = {**base, "traits": {"employees": 300, "industry": "Retail"}}
    merged, conflicts = merge_record(base, ours, theirs)
    assert merged == {
        "name": "Acme",
        "notes": "call back",
        "traits": {"employees": 300, "industry": "Retail"},
    }
    assert conflicts == []


def test_merge_same_field_ours_wins() -> None:
    base = {"name": "Acme", "traits": {"employees": 300}}
    ours = {"name": "Acme", "traits": {"employees": 400}}
    theirs = {"name": "Acme", "traits": {"employees": 500}}
    merged, conflicts = merge_record(base, ours, theirs)
    assert merged == ours
    assert conflicts == ["traits.employees"]


def test_merge_removed_key_kept_removed() -> None:
    base = {"name": "Acme", "traits": {"employees": 300, "industry": "Retail"}}
    ours = {"name": "Acme", "traits": {"employees": 300}}
    theirs = {"name": "Acme Inc", "traits": {"employees": 300, "industry": "Retail"}}
    merged, conflicts = merge_record(base, ours, theirs)
    assert merged == {"name": "Acme Inc", "traits": {"employees": 300}}
    assert conflicts == []


def test_merge_deletion_against_edit() -> None:
    base = {"name": "Acme", "notes": ""}
    merged, conflicts = merge_record(base, None, {"name": "Acme", "notes": "edited"})
    assert merged is None
    assert conflicts == ["record"]


def test_merge_their_deletion_kept() -> None:
    base = {"name": "Acme", "notes": ""}
    merged, conflicts = merge_record(base, base, None)
    assert merged is None
    assert conflicts == []


# Two sessions in one process


def test_second_session_sees_new_record(sessions: tuple[WorkspaceStore, ...]) -> None:
    first, second = sessions
    first.save_prospect(Prospect(name="Globex"))
    first.flush()
    changes = second.reload()
    assert [(c.table, c.name, c.change) for c in changes.records] == [
        ("prospects", "Globex", "added")
    ]
    assert second.prospect_named("Globex") is not None


def test_watcher_notices_other_write(sessions: tuple[WorkspaceStore, ...]) -> None:
    first, second = sessions
    acme = first.prospect_named("Acme")
    assert acme is not None
    first.save_prospect(acme.model_copy(update={"notes": "met at the fair"}))
    first.flush()
    collected = StoreChanges()
    # The writer thread checks the file every second; no reload() call here.
    assert wait_until(lambda: bool(collected.extend(second.take_changes()) or collected))
    assert [c.name for c in collected.records] == ["Acme"]
    reloaded = second.prospect_named("Acme")
    assert reloaded is not None
    assert reloaded.notes == "met at the fair"
    assert "Another session changed Acme." in collected.summary()


def test_different_records_both_kept(path: Path, sessions: tuple[WorkspaceStore, ...]) -> None:
    first, second = sessions
    with FileLock(f"{path}.lock"):
        # Both writers wait for the lock, so each writes over the other's version.
        first.save_prospect(Prospect(name="From first"))
        second.save_prospect(Prospect(name="From second"))
        time.sleep(0.5)
    first.flush()
    second.flush()
    with WorkspaceStore.open(path) as reopened:
        assert sorted(p.name for p in reopened.prospects()) == ["Acme", "From first", "From second"]


def test_different_fields_both_kept(path: Path, sessions: tuple[WorkspaceStore, ...]) -> None:
    first, second = sessions
    first_acme = first.prospect_named("Acme")
    second_acme = second.prospect_named("Acme")
    assert first_acme is not None
    assert second_acme is not None
    with FileLock(f"{path}.lock"):
        first.save_prospect(first_acme.model_copy(update={"notes": "budget approved"}))
        second.save_prospect(
            second_acme.model_copy(update={"traits": {"employees": 300, "partnership": 4}})
        )
        time.sleep(0.5)
    first.flush()
    second.flush()
    with WorkspaceStore.open(path) as reopened:
        acme = reopened.prospect_named("Acme")
        assert acme is not None
        assert acme.notes == "budget approved"
        assert acme.traits == {"employees": 300, "partnership": 4}


def test_same_field_later_write_wins(path: Path, sessions: tuple[WorkspaceStore, ...]) -> None:
    first, second = sessions
    stores = {"first": first, "second": second}
    with FileLock(f"{path}.lock"):
        for name, store in stores.items():
            acme = store.prospect_named("Acme")
            assert acme is not None
            store.save_prospect(acme.model_copy(update={"notes": f"from {name}"}))
        time.sleep(0.5)
    for store in stores.values():
        store.flush()
    for store in stores.values():
        store.reload()
    reports = {name: collect_changes(store) for name, store in stores.items()}
    final = {name: store.prospect_named("Acme") for name, store in stores.items()}
    assert final["first"] == final["second"]
    assert final["first"] is not None
    later = final["first"].notes.removeprefix("from ")
    earlier = "first" if later == "second" else "second"
    assert [c.field for c in reports[later].conflicts] == ["notes"]
    assert "the value saved from this session was kept" in reports[later].summary()
    assert [c.name for c in reports[earlier].records] == ["Acme"]
    assert reports[earlier].conflicts == []


def test_deleted_record_stays_deleted(path: Path, sessions: tuple[WorkspaceStore, ...]) -> None:
    first, second = sessions
    acme = first.prospect_named("Acme")
    assert acme is not None
    first.delete_prospect(acme.id)
    first.flush()
    second.save_prospect(Prospect(name="Globex"))
    second.flush()
    with WorkspaceStore.open(path) as reopened:
        assert [p.name for p in reopened.prospects()] == ["Globex"]


# Two processes at once

EDITOR = """
import sys
from pathlib import Path
from icp_tui.store import WorkspaceStore

path, prefix = Path(sys.argv[1]), sys.argv[2]
with WorkspaceStore.open(path) as store:
    mine = [p for p in store.prospects() if p.name.startswith(prefix)]
    print("ready", flush=True)
    sys.stdin.readline()
    for number, prospect in enumerate(mine):
        store.save_prospect(prospect.model_copy(update={"notes": f"edited by {prefix}"}))
        if number % 4 == 0:
            store.flush()
"""


def test_two_processes_keep_all_edits(path: Path) -> None:
    with WorkspaceStore.open(path) as store:
        store.save_many(
            prospects=[Prospect(name=f"{prefix}-{n}") for prefix in "AB" for n in range(200)]
        )
    editors = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(path), prefix],
            cwd=REPOSITORY,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for prefix in "AB"
    ]
    for editor in editors:
        assert editor.stdout is not None
        assert editor.stdout.readline() == "ready\n"
    for editor in editors:
        # Released together, so both processes write while the other is writing.
        assert editor.stdin is not None
        editor.stdin.write("go\n")
        editor.stdin.flush()
    for editor in editors:
        assert editor.wait(timeout=120) == 0
    with WorkspaceStore.open(path) as reopened:
        notes = {p.name: p.notes for p in reopened.prospects()}
    assert len(notes) == 400
    assert [name for name, note in notes.items() if note != f"edited by {name[0]}"] == []


INSERTER = """
import sys
from pathlib import Path
from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore

path, prefix = Path(sys.argv[1]), sys.argv[2]
with WorkspaceStore.open(path) as store:
    for number in range(200):
        store.save_prospect(Prospect(name=f"{prefix}-{number}"))
        if number % 4 == 0:
            store.flush()
"""


def test_two_processes_keep_all_inserts(path: Path) -> None:
    WorkspaceStore.open(path).close()
    inserters = [
        subprocess.Popen([sys.executable, "-c", INSERTER, str(path), prefix], cwd=REPOSITORY)
        for prefix in "AB"
    ]
    for inserter in inserters:
        assert inserter.wait(timeout=120) == 0
    with WorkspaceStore.open(path) as reopened:
        names = {p.name for p in reopened.prospects()}
    assert names == {f"{prefix}-{n}" for prefix in "AB" for n in range(200)}


def test_removal_reported_to_other_session(sessions: tuple[WorkspaceStore, ...]) -> None:
    first, second = sessions
    acme = first.prospect_named("Acme")
    assert acme is not None
    first.delete_prospect(acme.id)
    first.flush()
    changes = second.reload()
    assert [(c.name, c.change) for c in changes.records] == [("Acme", "removed")]
    assert second.prospect_named("Acme") is None


def test_removed_file_written_again(path: Path) -> None:
    with WorkspaceStore.open(path) as store:
        store.save_prospect(Prospect(name="Acme"))
        store.flush()
        path.unlink()
        assert store.reload().records == []
        store.save_prospect(Prospect(name="Globex"))
        store.flush()
    with WorkspaceStore.open(path) as reopened:
        assert sorted(p.name for p in reopened.prospects()) == ["Acme", "Globex"]
