"""Saving: the background writer, flush, exit on signals, and names in a plain C locale."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from icp_tui.domain.models import Prospect
from icp_tui.store import StoreError, WorkspaceStore

REPOSITORY = Path(__file__).resolve().parents[1]


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def names_on_disk(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [record["name"] for record in data.get("prospects", {}).values()]


def test_new_store_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_prospect(Prospect(name="Acme"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_write_keeps_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    WorkspaceStore.open(path).close()
    path.chmod(0o640)
    with WorkspaceStore.open(path) as store:
        store.save_prospect(Prospect(name="Acme"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_writer_thread_named(tmp_path: Path) -> None:
    with WorkspaceStore.open(tmp_path / "store.json"):
        names = [thread.name for thread in threading.enumerate()]
        assert "icp-tui-store-writer" in names


def test_change_written_without_flush(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_prospect(Prospect(name="Acme"))
        # The file is replaced a moment before the writer records it as saved.
        assert wait_until(lambda: not store.unsaved)
        assert names_on_disk(path) == ["Acme"]


def test_save_returns_before_write(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        with FileLock(f"{path}.lock"):
            # The writer cannot write while the lock is held, yet saving returns.
            store.save_prospect(Prospect(name="Acme"))
            assert store.unsaved
            assert names_on_disk(path) == []
        store.flush()
        assert names_on_disk(path) == ["Acme"]


def test_flush_times_out_when_locked(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        with FileLock(f"{path}.lock"):
            store.save_prospect(Prospect(name="Acme"))
            with pytest.raises(StoreError, match=r"not saved within 0\.5 seconds"):
                store.flush(timeout=0.5)
        store.flush()
        assert names_on_disk(path) == ["Acme"]


def test_close_writes_pending_changes(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    store = WorkspaceStore.open(path)
    for number in range(50):
        store.save_prospect(Prospect(name=f"Prospect {number}"))
    store.close()
    assert len(names_on_disk(path)) == 50


def test_corrupted_by_others_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_prospect(Prospect(name="Acme"))
        store.flush()
        path.write_text("{broken")
        store.save_prospect(Prospect(name="Globex"))
        with pytest.raises(StoreError, match="not valid JSON"):
            store.flush()
        assert store.save_error is not None
        with pytest.raises(StoreError, match="not valid JSON"):
            store.save_prospect(Prospect(name="Initech"))
        with pytest.raises(StoreError, match="not valid JSON"):
            store.close()
    assert path.read_text() == "{broken"


def test_stale_temporary_files_removed(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    WorkspaceStore.open(path).close()
    leftover = tmp_path / ".store.json.abc123"
    leftover.write_bytes(b'{"half": ')
    with WorkspaceStore.open(path) as store:
        store.save_prospect(Prospect(name="Acme"))
    assert not leftover.exists()


SIGNALLED = """
import sys, time
from pathlib import Path
from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore
from icp_tui.store.lifecycle import raise_system_exit_on_signals

raise_system_exit_on_signals()
with WorkspaceStore.open(Path(sys.argv[1])) as store:
    store.save_prospect(Prospect(name="Saved on the way out"))
    print("saved", flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_exit_signal_writes_pending(tmp_path: Path, signum: int) -> None:
    path = tmp_path / "store.json"
    WorkspaceStore.open(path).close()
    with FileLock(f"{path}.lock"):
        # Holding the lock keeps the change unsaved until the signal has arrived.
        child = subprocess.Popen(
            [sys.executable, "-c", SIGNALLED, str(path)],
            cwd=REPOSITORY,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "saved\n"
        child.send_signal(signum)
        time.sleep(0.3)
    assert child.wait(timeout=30) == 128 + signum
    assert names_on_disk(path) == ["Saved on the way out"]


NAMES = ["Zoë Ünïcode GmbH", "Société Générale \u2013 Lyon", "東京商事", "Ärzte \u200b& Co 🙂"]

WRITE_NAMES = """
import sys
from pathlib import Path
from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore

with WorkspaceStore.open(Path(sys.argv[1])) as store:
    for escaped in sys.argv[2:]:
        name = escaped.encode("ascii").decode("unicode_escape")
        store.save_prospect(Prospect(name=name, notes=name))
"""

READ_NAMES = """
import sys
from pathlib import Path
from icp_tui.store import WorkspaceStore

with WorkspaceStore.open(Path(sys.argv[1])) as store:
    for prospect in store.prospects():
        print(ascii(prospect.name), ascii(prospect.notes))
"""


def test_non_ascii_names_with_lang_c(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    environment = {
        **os.environ,
        "LANG": "C",
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
    }
    # Arguments go through the filesystem encoding, which is ASCII with surrogateescape
    # under LANG=C, so pass them escaped and let the child decode them.
    escaped = [name.encode("unicode_escape").decode("ascii") for name in NAMES]
    subprocess.run(
        [sys.executable, "-c", WRITE_NAMES, str(path), *escaped],
        cwd=REPOSITORY,
        env=environment,
        check=True,
    )
    result = subprocess.run(
        [sys.executable, "-c", READ_NAMES, str(path)],
        cwd=REPOSITORY,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    expected = [f"{name!a} {name!a}" for name in NAMES]
    assert result.stdout.splitlines() == expected
    assert names_on_disk(path) == NAMES
