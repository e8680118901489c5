"""Per attribute, the values of the best accounts side by side, the verdict and the proposal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from icp_tui.domain.attributes import Attribute, TraitValue
from icp_tui.domain.models import Criterion, PastAccount, format_number
from icp_tui.widgets.table_cells import cut, relayout_after_rebuild

ACCOUNT_COLUMN_WIDTH = 12
ATTRIBUTE_COLUMN_WIDTH = 16
VERDICT_COLUMN_WIDTH = 15
PROPOSAL_COLUMN_WIDTH = 20
"""Column widths, cut so that some best accounts' values still show at 80 columns. The
findings panel gives the full verdict and proposal of the row under the cursor."""


@dataclass(frozen=True, slots=True)
class AttributeVerdict:
    """The evidence on one attribute, as the table shows it."""

    verdict: str
    """consistent, pattern or varies."""
    reason: str
    proposal: Criterion | None = None
    coverage: str = ""
    """How many best and poor accounts the proposal covers, e.g. "5/6 best, 1/4 poor"."""


def value_text(value: TraitValue | None) -> Text:
    """Return an account's value for a cell of at most `ACCOUNT_COLUMN_WIDTH` cells."""
    if value is None:
        return Text("?", style="dim")
    if isinstance(value, str):
        return cut(value, ACCOUNT_COLUMN_WIDTH)
    return Text(format_number(value))


class EvidenceTable(DataTable[Text]):
    """One row per attribute: the best accounts' values, the poor ones, verdict and proposal.

    Its keys run the screen's `take` and `write` actions on the attribute under the cursor.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "screen.take", "Take proposal"),
        Binding("w", "screen.write", "Write criterion"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.border_title = "Best accounts side by side"

    def show(
        self,
        attributes: Sequence[Attribute],
        best: Sequence[PastAccount],
        poor: Sequence[PastAccount],
        verdicts: Mapping[str, AttributeVerdict] | None,
    ) -> None:
        """Rebuild the table; `verdicts` None means the evidence logic gave no verdicts."""
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column("Attribute", key="attribute", width=ATTRIBUTE_COLUMN_WIDTH)
        self.add_column("Verdict", key="verdict", width=VERDICT_COLUMN_WIDTH)
        self.add_column("Proposal", key="proposal", width=PROPOSAL_COLUMN_WIDTH)
        for account in best:
            self.add_column(cut(account.name, ACCOUNT_COLUMN_WIDTH), key=f"best-{account.id}")
        self.add_column("Poor accounts", key="poor")
        for attribute in attributes:
            verdict = (verdicts or {}).get(attribute.key)
            poor_values = [
                value_text(a.traits.get(attribute.key)) for a in poor if attribute.key in a.traits
            ]
            self.add_row(
                cut(attribute.label, ATTRIBUTE_COLUMN_WIDTH),
                cut(verdict.verdict if verdict else "-", VERDICT_COLUMN_WIDTH),
                cut(
                    verdict.proposal.describe() if verdict and verdict.proposal else "-",
                    PROPOSAL_COLUMN_WIDTH,
                ),
                *[value_text(a.traits.get(attribute.key)) for a in best],
                Text(", ").join(poor_values) if poor_values else Text("-", style="dim"),
                key=attribute.key,
            )
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))
        relayout_after_rebuild(self)

    def current_attribute(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return str(row_key.value)
