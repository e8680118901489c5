"""The Textual app: a shell of six screens (home and the five steps) over one store."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from icp_tui.domain.column_mapping import ImportKind
from icp_tui.paths import resource_dir
from icp_tui.screens.base import IcpScreen
from icp_tui.screens.finder import FinderScreen
from icp_tui.screens.help import HelpScreen
from icp_tui.screens.home import HomeScreen
from icp_tui.screens.import_csv import TITLES as IMPORT_TITLES
from icp_tui.screens.import_csv import ImportScreen
from icp_tui.screens.import_export import ExportScreen, ExportTarget
from icp_tui.screens.prospect import RecordKind, RecordScreen
from icp_tui.screens.steps import STEP_SCREENS, STEP_TITLES
from icp_tui.store import StoreError, WorkspaceStore
from icp_tui.store.lifecycle import exit_status, handle_exit_signals_in_loop

log = logging.getLogger(__name__)

STORE_CHECK_SECONDS = 1.0
"""How often the app collects what the store's writer thread found: other sessions' writes
and failed saves."""

IMPORT_KINDS: dict[str, ImportKind] = {"step1": "accounts", "step5": "prospects"}
"""Modes whose `i` key imports a CSV file, and what it imports."""


def stylesheets() -> list[str | PurePath]:
    """Return the app's .tcss files, in load order."""
    folder = resource_dir("styles")
    return list(sorted(folder.glob("*.tcss")))


class IcpApp(App[int]):
    """The icp-tui application."""

    TITLE = "icp-tui"
    ENABLE_COMMAND_PALETTE = True
    MODES: ClassVar[dict[str, type[Screen[None]]]] = {  # type: ignore[assignment]
        "home": HomeScreen,
        **{f"step{number}": screen for number, screen in STEP_SCREENS.items()},
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "go_home", "Home", tooltip="Show progress and the profile"),
        *[
            Binding(str(n), f"go_step({n})", f"Step {n}", show=False, tooltip=STEP_TITLES[n])
            for n in range(1, 6)
        ],
        # ctrl+f works inside text fields too, so a prospect is one key away while typing.
        Binding("ctrl+f", "find", "Find prospect", priority=True),
        Binding("slash", "find", "Find prospect", show=False, key_display="/"),
        Binding(
            "i", "import_here", "Import", tooltip="Import accounts (step 1) or prospects (step 5)"
        ),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, store: WorkspaceStore) -> None:
        super().__init__(css_path=stylesheets())
        self.store = store
        self._started = time.perf_counter()
        self._shown_save_error: StoreError | None = None

    def on_mount(self) -> None:
        self.switch_mode("home")
        if self.store.read_only:
            self.notify(
                f"{self.store.path} is open read-only because {self.store.read_only_reason}: "
                "you can look, but changes will not be saved.",
                title="Read-only store",
                severity="warning",
                timeout=10,
                markup=False,
            )
        # SIGTERM and SIGHUP (a dropped SSH connection) end the app like a quit, so the
        # terminal is restored and the store is closed, which writes pending changes.
        handle_exit_signals_in_loop(asyncio.get_running_loop(), self._exit_on_signal)
        self.set_interval(STORE_CHECK_SECONDS, self._show_store_news)
        log.info("first screen shown after %.3f s", time.perf_counter() - self._started)

    def _exit_on_signal(self, signum: int) -> None:
        log.info("exiting on signal %d", signum)
        self.exit(exit_status(signum))

    def _show_store_news(self) -> None:
        changes = self.store.take_changes()
        if changes:
            self.notify(changes.summary(), title="Store changed", markup=False)
            if isinstance(self.screen, IcpScreen):
                self.screen.refresh_data()
        error = self.store.save_error
        if error is not None and error is not self._shown_save_error:
            self._shown_save_error = error
            self.notify(str(error), title="Not saved", severity="error", timeout=30, markup=False)

    def action_go_home(self) -> None:
        self.switch_mode("home")

    def action_go_step(self, number: int) -> None:
        self.switch_mode(f"step{number}")

    def open_record(self, kind: RecordKind, record_id: str) -> None:
        """Open a prospect or a past account in its own screen."""
        self.push_screen(RecordScreen(kind, record_id))

    def action_find(self) -> None:
        """Open the prospect finder; the chosen prospect opens at its first unknown trait."""
        # Over a dialog (the finder itself, help, an override) the key does nothing, so the
        # dialog is closed first and screens never pile up behind it.
        if isinstance(self.screen, ModalScreen):
            return

        def open_found(record_id: str | None) -> None:
            if record_id is None:
                return
            # One record screen at a time, so Escape always leads back to where the user was.
            if isinstance(self.screen, RecordScreen):
                self.pop_screen()
            self.open_record("prospect", record_id)

        self.push_screen(FinderScreen(self.store), open_found)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_here":
            # Only on the step screen itself, not on a screen opened above it.
            return self.current_mode in IMPORT_KINDS and len(self.screen_stack) == 1
        return True

    def action_import_here(self) -> None:
        if self.current_mode in IMPORT_KINDS:
            self.open_import(IMPORT_KINDS[self.current_mode])

    def open_import(self, kind: ImportKind) -> None:
        self.push_screen(ImportScreen(kind))

    def open_export(self, target: ExportTarget) -> None:
        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Wrote {path}", title="Export")

        self.push_screen(ExportScreen(target, self.store), written)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Home: progress and profile", "Show the home screen", self.action_go_home
        )
        for number, title in STEP_TITLES.items():
            yield SystemCommand(
                f"Step {number}: {title}",
                f"Open step {number}",
                lambda number=number: self.action_go_step(number),
            )
        yield SystemCommand("Find prospect", "Find a prospect by name", self.action_find)
        for kind, title in IMPORT_TITLES.items():
            yield SystemCommand(
                title,
                "Read a CSV file, check the mapping, then import",
                lambda kind=kind: self.open_import(kind),
            )
        yield SystemCommand(
            "Export profile",
            "Write the profile as a card (.md) or a profile file (.json)",
            lambda: self.open_export("profile"),
        )
        yield SystemCommand(
            "Export prospects as CSV",
            "Write prospects with fit, tier, states and red flags",
            lambda: self.open_export("prospects"),
        )
        yield SystemCommand("Help", "Keys and guidance for this screen", self.action_help)
        yield from super().get_system_commands(screen)


def run_app(store: WorkspaceStore) -> int:
    """Run the app on `store` until the user quits; return the exit status."""
    app = IcpApp(store)
    status = app.run()
    return status or 0
