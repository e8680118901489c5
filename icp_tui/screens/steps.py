"""The five step screens, by number, and their titles."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from icp_tui.screens.base import IcpScreen

STEP_TITLES: dict[int, str] = {
    1: "Choose best past customers",
    2: "Extract demographics",
    3: "Rate psychographics",
    4: "Write the five-characteristic profile",
    5: "Qualify and plan prospects",
}


class StepScreen(IcpScreen):
    """A step of the method."""

    STEP: int = 0

    def compose_body(self) -> ComposeResult:
        yield Static(f"Step {self.STEP}: {STEP_TITLES[self.STEP]}", classes="step-title")


def _step_screen(number: int) -> type[StepScreen]:
    # TODO: replace with the real step screens.
    return type(
        f"Step{number}Screen",
        (StepScreen,),
        {"STEP": number, "SCREEN_NAME": f"Step {number}: {STEP_TITLES[number]}"},
    )


STEP_SCREENS: dict[int, type[StepScreen]] = {n: _step_screen(n) for n in STEP_TITLES}
