"""Exporting from the app: the profile card or file, or the scored prospects, to a path."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from icp_tui.commands.export import export_text
from icp_tui.store import WorkspaceStore
from icp_tui.widgets.literal import literal

log = logging.getLogger(__name__)

ExportTarget = Literal["profile", "prospects"]

PROMPTS: dict[ExportTarget, str] = {
    "profile": "Export the profile: a path ending in .md writes the one-page card, .json the "
    "profile file that `icp-tui import profile` reads.",
    "prospects": "Export the prospects with fit, tier, states and red flags as CSV.",
}


def export_format(target: ExportTarget, path: Path) -> str:
    """Return the export format for `path`: JSON for a .json profile, else the default."""
    if target == "prospects":
        return "csv"
    return "json" if path.suffix.casefold() == ".json" else "markdown"


class ExportScreen(ModalScreen[Path | None]):
    """A path prompt that writes the export and closes with the path written."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, target: ExportTarget, store: WorkspaceStore) -> None:
        super().__init__()
        self.target = target
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body"):
            yield Static(PROMPTS[self.target], markup=False)
            default = "profile.md" if self.target == "profile" else "prospects.csv"
            yield Input(value=default, id="export-path")
            yield Static("", id="export-error", markup=False)
            yield Static("Enter writes the file; Escape cancels.", classes="hint", markup=False)

    @on(Input.Submitted, "#export-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.show_error("Type the path of the file to write.")
            return
        path = Path(text).expanduser()
        try:
            content = export_text(self.store, self.target, export_format(self.target, path))
            path.write_text(content, encoding="utf-8", newline="")
        except OSError as error:
            log.warning("export to a file failed: %s", error)
            self.show_error(f"{path} cannot be written: {error.strerror or error}")
            return
        self.dismiss(path)

    def show_error(self, text: str) -> None:
        self.query_one("#export-error", Static).update(literal(text, "bold"))
