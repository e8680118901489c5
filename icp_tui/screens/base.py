"""The base of every full screen: header, body and footer, plus help text."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

if TYPE_CHECKING:
    from icp_tui.app import IcpApp
    from icp_tui.store import WorkspaceStore


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
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.title = f"icp-tui: {self.store.workspace_name}"
        self.sub_title = self.SCREEN_NAME
        self.refresh_data()

    def refresh_data(self) -> None:
        """Reload what the screen shows from the store; called whenever it becomes active."""
