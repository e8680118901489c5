"""Help for the current screen: its guidance and the keys that work there."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

from icp_tui.screens.base import IcpScreen


def _own_keys(node: object) -> bool:
    """Tell whether `node`'s keys belong in the help: the app's, the screen's and our widgets'.

    Framework widgets such as the scroll container and the table bring their cursor keys,
    which would crowd out the keys that matter on this screen.
    """
    return isinstance(node, App | Screen) or type(node).__module__.startswith("icp_tui.")


class HelpScreen(ModalScreen[None]):
    """A modal with the help of the screen beneath it; Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False, key_display="?"),
        Binding("f1", "dismiss", "Close", show=False),
    ]

    def __init__(self, beneath: Screen[object]) -> None:
        super().__init__()
        self._beneath = beneath

    def compose(self) -> ComposeResult:
        text = self._beneath.HELP if isinstance(self._beneath, IcpScreen) else ""
        title = getattr(self._beneath, "SCREEN_NAME", "") or "icp-tui"
        with VerticalScroll(id="help-body"):
            yield Static(f"Help: {title}", id="help-title", markup=False)
            yield Markdown(text or "No help for this screen.")
            yield Markdown(self._keys_markdown())
            yield Static("Escape closes this help.", classes="hint", markup=False)

    def _keys_markdown(self) -> str:
        lines = ["**Keys here**", ""]
        seen: set[str] = set()
        for node, binding, enabled, tooltip in self._beneath.active_bindings.values():
            if not binding.description or binding.action in seen or not _own_keys(node):
                continue
            seen.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            note = f" - {tooltip}" if tooltip else ""
            dimmed = "" if enabled else " (not available now)"
            lines.append(f"- `{key}` {binding.description}{note}{dimmed}")
        lines += [
            "",
            "**Everywhere** (outside a text field): `0` home, `1` to `5` the steps, "
            "`ctrl+p` command palette, `q` quit. Every change is saved as you make it.",
        ]
        return "\n".join(lines)
