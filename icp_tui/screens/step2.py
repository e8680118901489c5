"""Step 2: what the best accounts share on objective facts (demographics)."""

from __future__ import annotations

from textual.app import ComposeResult

from icp_tui.domain.attributes import AttributeKind
from icp_tui.screens.evidence_step import EvidenceStepScreen
from icp_tui.screens.step_base import STEP_SHORT_TITLES
from icp_tui.widgets.checklist import ChecklistItem
from icp_tui.widgets.evidence_table import EvidenceTable


class Step2Screen(EvidenceStepScreen):
    """Demographic attributes of the best accounts side by side, with verdicts and proposals."""

    STEP = 2
    KIND = AttributeKind.DEMOGRAPHIC
    SCREEN_NAME = f"Step 2: {STEP_SHORT_TITLES[2]}"
    GUIDANCE = (
        "Where the best accounts agree on a fact, it belongs in the profile; keep ranges "
        "wide enough that no best account drops out on a detail."
    )
    CHECKLIST = (
        ChecklistItem("facts", "Fill in industry, size and region for every best account"),
        ChecklistItem("compare", "Compare the best accounts' values row by row"),
        ChecklistItem("poor", "Check which criteria the poor accounts also meet"),
        ChecklistItem("take", "Take one or two demographic criteria into the profile"),
    )
    HELP = """\
Demographics are the facts anyone can observe: industry, revenue, employees, region,
decision timeline, contract size, buying frequency.

Each row shows one attribute: the verdict (consistent, a pattern, or varies), the
proposed criterion with how many best and poor accounts it covers, then the value of
every best and near-miss account, and the poor accounts' values last. A `?` is a value
not entered yet: edit the account in step 1 to fill it in.

- `t` takes the proposed criterion into the profile draft (step 4).
- `w` writes your own criterion for the attribute under the cursor.

Beware of criteria so narrow that a good account fails them on a superficial detail.
"""

    def compose_main(self) -> ComposeResult:
        yield EvidenceTable(id="evidence")

    def refresh_step(self) -> None:
        self.show_evidence()
