"""The store inside the app: other sessions' changes shown, signals ending the app cleanly."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from icp_tui.app import IcpApp
from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore

REPOSITORY = Path(__file__).resolve().parents[1]


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


async def test_app_shows_other_session_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.json"
    store = WorkspaceStore.open(path)
    app = IcpApp(store)
    shown: list[str] = []
    original_notify = app.notify

    def record_notify(message: str, **options: object) -> None:
        shown.append(message)
        original_notify(message, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", record_notify)
    try:
        async with app.run_test() as pilot:
            with WorkspaceStore.open(path) as other:
                other.save_prospect(Prospect(name="Globex [bold]"))
            for _ in range(60):
                await pilot.pause(0.1)
                if shown:
                    break
    finally:
        store.close()
    assert shown == ["Another session changed Globex [bold]."]
    assert store.prospect_named("Globex [bold]") is not None


APP_WITH_PENDING_CHANGE = """
import sys
from pathlib import Path
from icp_tui.app import run_app
from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore

path, status_file = Path(sys.argv[1]), Path(sys.argv[2])
store = WorkspaceStore.open(path)
store.save_prospect(Prospect(name="Typed before the signal"))
status = run_app(store)
store.close()
status_file.write_text(str(status))
"""


@pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is needed to give the app a terminal"
)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_app_signal_saves_and_exits(tmp_path: Path, signum: int) -> None:
    path = tmp_path / "store.json"
    status_file = tmp_path / "status"
    WorkspaceStore.open(path).close()
    tmux = ["tmux", "-S", str(tmp_path / "tmux.sock")]
    # The shell ignores SIGHUP so that it survives the signal and the app's status is kept.
    command = f"trap '' HUP; {sys.executable} -c '{APP_WITH_PENDING_CHANGE}' {path} {status_file}"
    app_pid: int | None = None
    try:
        with FileLock(f"{path}.lock"):
            # Holding the lock keeps the app's change unsaved until after the signal.
            subprocess.run(
                [*tmux, "new-session", "-d", "-x", "80", "-y", "24", "-c", str(REPOSITORY)],
                check=True,
            )
            subprocess.run([*tmux, "set-option", "-g", "remain-on-exit", "on"], check=True)
            subprocess.run([*tmux, "send-keys", command, "Enter"], check=True)

            def app_started() -> bool:
                screen = subprocess.run(
                    [*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=True
                ).stdout
                return "Home" in screen and "Quit" in screen

            assert wait_until(app_started)
            shell_pid = subprocess.run(
                [*tmux, "display-message", "-p", "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            children = Path(f"/proc/{shell_pid}/task/{shell_pid}/children").read_text().split()
            assert len(children) == 1
            app_pid = int(children[0])
            os.kill(app_pid, signum)
            time.sleep(0.5)
        assert wait_until(status_file.exists)
        assert status_file.read_text() == str(128 + signum)
        names = [r["name"] for r in json.loads(path.read_text())["prospects"].values()]
        assert names == ["Typed before the signal"]
        alternate = subprocess.run(
            [*tmux, "display-message", "-p", "#{alternate_on}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert alternate == "0"
    finally:
        if app_pid is not None and Path(f"/proc/{app_pid}").exists():
            # The app ignores SIGHUP from the closing terminal if the handler is missing.
            os.kill(app_pid, signal.SIGKILL)
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
