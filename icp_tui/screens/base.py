"""The base of every full screen: header, body and footer, plus help text."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from icp_tui.domain.errors import InvalidInput
from icp_tui.store import StoreError

if TYPE_CHECKING:
    from icp_tui.app import IcpApp
    from icp_tui.store import WorkspaceStore

log = logging.getLogger(__name__)

FIELD_TAB_BINDINGS = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
]
"""Tab and shift+Tab for screens of text fields. As priority bindings they move focus before
the next key is handed to a field, so "4 Tab 5" arriving in one burst fills two fields."""

WIDE_COLUMNS = 120
"""From this terminal width on, screens put their panels side by side (CSS class `wide`)."""


class IcpScreen(Screen[None]):
    """A full screen of the app; subclasses give `compose_body`, `SCREEN_NAME` and `HELP`."""

    SCREEN_NAME: ClassVar[str] = ""
    """Shown in the header beside the workspace name, e.g. "Step 1: Choose best past customers"."""
    HELP: ClassVar[str] = ""
    """Markdown shown by `?` and F1: what the screen is for and how to use it."""

    @property
    def icp_app(self) -> IcpApp:
        from icp_tui.app import IcpApp

        assert isinstance(self.app, IcpApp)
        return self.app

    @property
    def store(self) -> WorkspaceStore:
        return self.icp_app.store

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield from self.compose_body()
        # The palette key is in every screen's help; its footer entry would push the
        # screen's own keys past 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        # The screen comes first: a long workspace name is cut at 80 columns, the step is not.
        self.title = self.SCREEN_NAME
        self.sub_title = self.store.workspace_name
        self.set_class(self.size.width >= WIDE_COLUMNS, "wide")
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE_COLUMNS, "wide")

    def refresh_data(self) -> None:
        """Reload what the screen shows from the store; called whenever it becomes active."""

    def save(self, change: Callable[[], object]) -> bool:
        """Run a store change; on failure show why and return False (nothing was saved)."""
        try:
            change()
        except (InvalidInput, StoreError) as error:
            log.warning("change not saved: %s", error)
            self.notify(str(error), title="Not saved", severity="error", timeout=8, markup=False)
            return False
        return True
