"""The Textual app: a shell of six screens (home and the five steps) over one store."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.timer import Timer

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
from icp_tui.screens.score_cache import ScoreCache
from icp_tui.screens.steps import STEP_SCREENS, STEP_TITLES
from icp_tui.settings import TERMINAL_THEME, Settings, load_settings, save_settings, settings_path
from icp_tui.store import StoreError, WorkspaceStore
from icp_tui.store.lifecycle import exit_status, handle_exit_signals_in_loop

log = logging.getLogger(__name__)

SCREEN_COMMANDS: tuple[tuple[str, str, int, str], ...] = (
    ("Add a past account", "Step 1: a form for a new past account", 1, "add"),
    ("Add an attribute of your own", "Step 3: a new axis or attribute", 3, "add_attribute"),
    ("Edit the tier thresholds", "Step 4: where strong, good and partial fit begin", 4, "tiers"),
    ("Add a prospect", "Step 5: a new prospect by name", 5, "add"),
)
"""Palette entries for the main actions: title, help, step number and the step's action."""

STORE_CHECK_SECONDS = 1.0
"""How often the app collects what the store's writer thread found: other sessions' writes
and failed saves."""

IMPORT_KINDS: dict[str, ImportKind] = {"step1": "accounts", "step5": "prospects"}
"""Modes whose `i` key imports a CSV file, and what it imports."""


def stylesheets() -> list[str | PurePath]:
    """Return the app's .tcss files, in load order."""
    folder = resource_dir("styles")
    return list(sorted(folder.glob("*.tcss")))


KEY_HOLD_LIMIT = 2.0
"""Seconds keys are held back at most while a screen opens (see `IcpApp.hold_keys`).

Every path that opens or keeps a screen releases them sooner. The limit is a safeguard
for a path that does not, and leaves time for a slow machine to open a screen.
"""


class ReplayKeys(Message):
    """Deliver the keys held back while a screen opened."""

    def __init__(self, hold: int) -> None:
        super().__init__()
        self.hold = hold
        """The number of the hold this message ends. A later hold ignores the message."""


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
        # The footer has room for one entry for the five step keys, shown on key 1.
        *[
            Binding(
                str(n),
                f"go_step({n})",
                "Steps" if n == 1 else f"Step {n}",
                show=n == 1,
                key_display="1-5" if n == 1 else None,
                tooltip="Open step 1 to 5" if n == 1 else STEP_TITLES[n],
            )
            for n in range(1, 6)
        ],
        # ctrl+f works inside text fields too, so a prospect is one key away while typing.
        # A short footer word keeps the step keys, help and quit within 80 columns.
        Binding("ctrl+f", "find", "Find", priority=True, tooltip="Find a prospect by name"),
        Binding("slash", "find", "Find prospect", show=False, key_display="/"),
        # Listed in the help and the palette; in the footer it would push quit past 80 columns.
        Binding(
            "i",
            "import_here",
            "Import",
            show=False,
            tooltip="Import accounts (step 1) or prospects (step 5)",
        ),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, store: WorkspaceStore, settings_file: Path | None = None) -> None:
        super().__init__(css_path=stylesheets())
        self.store = store
        self.scores = ScoreCache()
        self.settings_file = settings_file or settings_path()
        self.settings = load_settings(self.settings_file)
        self._started = time.perf_counter()
        self._shown_save_error: StoreError | None = None
        self._held_keys: list[events.Key] | None = None
        self._hold_number = 0
        self._hold_timer: Timer | None = None

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            log.warning(
                "theme %r from the settings is unknown; keeping the default", self.settings.theme
            )
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

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification, always as plain text.

        Messages carry names, file paths, cell values and error text, in which "[" would
        be read as markup. One such name crashed the app, and no notification uses markup.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings = Settings(theme=theme)
            save_settings(self.settings_file, self.settings)

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

    async def action_find(self) -> None:
        """Open the prospect finder; the chosen prospect opens at its first unknown trait."""
        # Over a dialog (the finder itself, help, an override) the key does nothing, so the
        # dialog is closed first and screens never pile up behind it.
        if isinstance(self.screen, ModalScreen):
            return

        async def open_found(record_id: str | None) -> None:
            if record_id is not None:
                # One record screen at a time, so Escape always leads back to where the
                # user was.
                if isinstance(self.screen, RecordScreen):
                    await self.pop_screen()
                await self.push_screen(RecordScreen("prospect", record_id))
            self.release_keys()

        self.hold_keys()
        await self.push_screen(FinderScreen(self.store, on_stay=self.release_keys), open_found)
        self.release_keys()

    # Keys typed while a screen opens

    def hold_keys(self) -> None:
        """Hold back keys until `release_keys`, or for KEY_HOLD_LIMIT seconds at most.

        On a call, "ctrl+f acme Enter 4" may arrive faster than the finder and then the
        prospect open. Without holding, letters reach the screen being left, where they
        are bindings (q quits), and the 4 lands in the finder's query.
        """
        if self._held_keys is None:
            self._held_keys = []
            self._hold_number += 1
            self._hold_timer = self.set_timer(KEY_HOLD_LIMIT, self.release_keys)

    def release_keys(self) -> None:
        """Deliver the held keys, in order, after what is already queued (such as focus)."""
        if self._held_keys is not None:
            self.post_message(ReplayKeys(self._hold_number))

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
        elif self._held_keys is not None:
            self._held_keys.append(event)
        else:
            await self._deliver(event)

    async def _deliver(self, key: events.Key) -> None:
        await super().on_event(key)
        if key.key == "enter" and isinstance(self.screen, FinderScreen):
            # Enter opens the chosen prospect, so the keys after it are for its fields.
            self.hold_keys()

    async def on_replay_keys(self, message: ReplayKeys) -> None:
        if message.hold != self._hold_number or self._held_keys is None:
            # A second release of a hold already ended, which must not end a newer one.
            return
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held_keys = self._held_keys, None
        for position, key in enumerate(held):
            await self._deliver(key)
            if self._held_keys is not None:
                # That key opens another screen: the rest wait for it, ahead of newer keys.
                self._held_keys[:0] = held[position + 1 :]
                return

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
        for title, help_text, number, action in SCREEN_COMMANDS:
            yield SystemCommand(
                title,
                help_text,
                lambda number=number, action=action: self.run_step_action(number, action),
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
        yield SystemCommand(
            "Theme: terminal colours",
            "Draw with the terminal's own 16 colours (kept for next time)",
            lambda: setattr(self, "theme", TERMINAL_THEME),
        )
        yield from super().get_system_commands(screen)

    def run_step_action(self, number: int, action: str) -> None:
        """Open step `number` and run one of its actions there, as its key would."""
        self.switch_mode(f"step{number}")
        self.call_after_refresh(self._run_screen_action, action)

    async def _run_screen_action(self, action: str) -> None:
        await self.screen.run_action(action)


def run_app(store: WorkspaceStore) -> int:
    """Run the app on `store` until the user quits; return the exit status."""
    app = IcpApp(store)
    status = app.run()
    return status or 0
