"""The installed `icp-tui --demo` driven in tmux: every step with keys, read from the pane.

The test runs its own tmux server on a private socket (`tmux -L`), so it never touches a
server the user has running.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

WAIT_SECONDS = 20.0
"""Maximum wait for a screen, in seconds; a cold start on a slow CI machine takes a few."""


class Terminal:
    """An 80x24 tmux session on a private server, running one command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *arguments: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *arguments],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        return result.stdout

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "e2e", command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def send(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "e2e", key)

    def wait_for(self, *texts: str) -> str:
        """Return the screen once it shows every text; fail with the screen otherwise."""
        deadline = time.monotonic() + WAIT_SECONDS
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.2)
        pytest.fail(f"screen never showed {texts!r}; it showed:\n{screen}")

    def session_alive(self) -> bool:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "has-session", "-t", "e2e"],
            capture_output=True,
            check=False,
            timeout=10,
        )
        return result.returncode == 0


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed, so the installed app cannot be driven")
    session = Terminal(f"icp-e2e-{uuid.uuid4().hex[:12]}")
    yield session
    # Only the private server this test started is stopped.
    subprocess.run(["tmux", "-L", session.socket, "kill-server"], capture_output=True, check=False)


def test_demo_walks_five_steps(terminal: Terminal, icp_tui_command: str, tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    terminal.start(f"env ICP_TUI_CONFIG={settings} TERM=xterm-256color {icp_tui_command} --demo")

    home = terminal.wait_for("Home", "Progress", "Prospects by tier")
    assert "Crewline ideal customer" in home
    assert "1-5 Steps" in home

    terminal.send("1")
    step1 = terminal.wait_for("Step 1: Best past customers", "Past accounts")
    assert "★ best" in step1
    assert "near miss" in step1
    assert "5 best, 1 near miss, 4 poor" in step1
    terminal.send("o")
    terminal.wait_for("4 best, 1 near miss, 4 poor")
    terminal.send("b")
    terminal.wait_for("5 best, 1 near miss, 4 poor")

    terminal.send("2")
    step2 = terminal.wait_for("Step 2: Demographics", "Best accounts side by side")
    assert "Industry" in step2
    assert "Take proposal" in step2

    terminal.send("3")
    step3 = terminal.wait_for("Step 3: Psychographics", "Ratings")
    assert "1-5 Rate" in step3
    # In the grid a digit rates the cell; the screen stays on step 3.
    terminal.send("5")
    time.sleep(0.5)
    assert "Step 3: Psychographics" in terminal.screen()
    terminal.send("Tab", "4")
    step4 = terminal.wait_for("Step 4: Five-characteristic profile", "Accounts by characteristic")
    assert "Edit slot" in step4

    terminal.send("5")
    step5 = terminal.wait_for("Step 5: Qualify prospects", "Prospects by fit")
    assert "Showing 28 of 28 prospects" in step5
    terminal.send("Enter")
    terminal.wait_for("Red flags", "Fit")
    terminal.send("Escape")
    terminal.wait_for("Step 5: Qualify prospects", "Prospects by fit")

    terminal.send("0")
    terminal.wait_for("Home", "Progress")
    terminal.send("q")
    deadline = time.monotonic() + WAIT_SECONDS
    while terminal.session_alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not terminal.session_alive()


def test_demo_call_burst_lands_in_fields(terminal: Terminal, icp_tui_command: str) -> None:
    terminal.start(f"env TERM=xterm-256color {icp_tui_command} --demo")
    terminal.wait_for("Home", "Progress")

    # One send-keys call: the keys reach the app as fast as a terminal can send them, faster
    # than the finder and the prospect's screen open.
    terminal.tmux("send-keys", "-t", "e2e", "C-f", "summ", "Enter", "4", "Tab", "3")
    screen = terminal.wait_for("Summit Sprinkler & Alarm", "Known 100.0%")
    fields = {line[:17].strip(): line[17:34].strip() for line in screen.splitlines()}

    # Orientation was Summit's one unknown characteristic, so the prospect opened there.
    assert fields["Orientation"] == "4"
    assert fields["Annual revenue"] == "3"
