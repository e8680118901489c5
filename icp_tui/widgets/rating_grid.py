"""The accounts-by-axes grid of step 3: one keystroke rates an account on an axis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from icp_tui.domain.attributes import SCALE_MAX, SCALE_MIN, Attribute
from icp_tui.domain.models import PastAccount
from icp_tui.widgets.literal import literal
from icp_tui.widgets.marks import ACCOUNT_TIER_MARKS
from icp_tui.widgets.table_cells import relayout_after_rebuild

NAME_COLUMN_WIDTH = 18
AXIS_COLUMN_WIDTH = 9
"""Axis labels are cut to this width so five axes fit in 80 columns."""


def short_label(label: str) -> Text:
    text = Text(label)
    text.truncate(AXIS_COLUMN_WIDTH, overflow="ellipsis")
    return text


class RatingGrid(DataTable[Text]):
    """Rows are accounts, columns are scale attributes; digits 1 to 5 rate the cell.

    While the grid has focus its digit keys rate instead of switching steps, because a
    focused widget's bindings come before the app's.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # One footer entry stands for the five digits, shown on the first.
        *[
            Binding(
                str(n),
                f"rate({n})",
                "Rate" if n == SCALE_MIN else f"Rate {n}",
                show=n == SCALE_MIN,
                key_display=f"{SCALE_MIN}-{SCALE_MAX}" if n == SCALE_MIN else None,
                tooltip="Rate the account on the axis under the cursor",
            )
            for n in range(SCALE_MIN, SCALE_MAX + 1)
        ],
        Binding("x", "rate(0)", "Clear"),
        Binding("delete", "rate(0)", "Clear rating", show=False),
    ]

    @dataclass
    class Rated(Message):
        """The user rated `account_id` on `attribute_key`; `rating` None clears the rating."""

        account_id: str
        attribute_key: str
        rating: int | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.border_title = "Ratings: accounts by axis (1 to 5)"
        self.border_subtitle = "★ best  ☆ near miss  ✗ poor  · other"

    def show(self, accounts: Sequence[PastAccount], axes: Sequence[Attribute]) -> None:
        """Rebuild the grid, keeping the cursor on the same cell where it still exists."""
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        self.add_column("Account", key="name", width=NAME_COLUMN_WIDTH)
        for axis in axes:
            self.add_column(short_label(axis.label), key=axis.key, width=AXIS_COLUMN_WIDTH)
        for account in accounts:
            mark, _word = ACCOUNT_TIER_MARKS[account.tier]
            cells = [Text(f"{mark} ").append_text(literal(account.name))]
            for axis in axes:
                value = account.traits.get(axis.key)
                cells.append(Text("-" if value is None else str(value), justify="center"))
            self.add_row(*cells, key=account.id)
        if self.row_count:
            column = max(cursor.column, 1) if axes else 0
            self.move_cursor(row=min(cursor.row, self.row_count - 1), column=column)
        relayout_after_rebuild(self)

    def action_rate(self, rating: int) -> None:
        if not self.row_count:
            return
        cell = self.coordinate_to_cell_key(self.cursor_coordinate)
        attribute_key = str(cell.column_key.value)
        if attribute_key == "name":
            self.notify("Move right onto an axis to rate it.", severity="warning")
            return
        self.post_message(self.Rated(str(cell.row_key.value), attribute_key, rating or None))
