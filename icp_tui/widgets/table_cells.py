"""Helpers for data tables: cells cut to a width, and a layout fix after a rebuild."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from icp_tui.widgets.literal import literal


def relayout_after_rebuild(table: DataTable[Text]) -> None:
    """Lay the table out again once it has measured its new rows.

    NOTE: in Textual 8.2.8 a table with `height: auto` whose columns were cleared and added
    again can keep a height of zero inside a fixed-height container, because it measures
    rows only when idle. A layout refresh after that measurement gives it its height.
    """
    table.call_after_refresh(table.refresh, layout=True)


def cut(text: str, width: int) -> Text:
    """Return `text` shown literally and cut to `width` cells, marked with … when cut."""
    shown = literal(text)
    shown.truncate(width, overflow="ellipsis")
    return shown
