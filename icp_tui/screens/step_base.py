"""The base of the five step screens: a main area, the findings and the step's checklist."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.widgets import Static

from icp_tui.screens.base import IcpScreen
from icp_tui.widgets.checklist import ChecklistItem, StepChecklist
from icp_tui.widgets.findings import FindingsPanel

STEP_TITLES: dict[int, str] = {
    1: "Choose best past customers",
    2: "Extract demographics",
    3: "Rate psychographics",
    4: "Write the five-characteristic profile",
    5: "Qualify and plan prospects",
}

STEP_SHORT_TITLES: dict[int, str] = {
    1: "Best past customers",
    2: "Demographics",
    3: "Psychographics",
    4: "Five-characteristic profile",
    5: "Qualify prospects",
}
"""Titles for the header and the home screen, where an 80-column line has little room."""


class StepScreen(IcpScreen):
    """A step of the method: `compose_main` fills the main area, `refresh_step` the data."""

    STEP: ClassVar[int] = 0
    GUIDANCE: ClassVar[str] = ""
    """One or two lines under the title: what to do on this step."""
    CHECKLIST: ClassVar[tuple[ChecklistItem, ...]] = ()

    def compose_body(self) -> ComposeResult:
        with Container(id="step-body"):
            with Container(id="step-main"):
                if self.GUIDANCE:
                    yield Static(self.GUIDANCE, classes="guidance", markup=False)
                yield from self.compose_main()
            with Vertical(id="step-side"):
                yield FindingsPanel(id="findings")
                yield StepChecklist(self.STEP, self.CHECKLIST, id="checklist")

    def compose_main(self) -> ComposeResult:
        yield from ()

    def refresh_data(self) -> None:
        self.show_ticks()
        self.refresh_step()

    def on_screen_resume(self) -> None:
        # Textual also runs IcpScreen's handler, which refreshes the data.
        # Focusing a table can scroll the body past the guidance; a step opens at its top.
        body = self.query_one("#step-body")
        self.call_after_refresh(body.scroll_home, animate=False)

    def refresh_step(self) -> None:
        """Reload the step's own widgets from the store."""

    def show_ticks(self) -> None:
        checklist = self.store.checklist()
        self.query_one(StepChecklist).show_ticks(checklist.ticks.get(self.STEP, []))

    def on_step_checklist_tick_toggled(self, event: StepChecklist.TickToggled) -> None:
        event.stop()
        self.save(lambda: self.store.set_tick(event.step, event.item_id, event.ticked))
        self.show_ticks()

    @property
    def findings_panel(self) -> FindingsPanel:
        return self.query_one(FindingsPanel)
