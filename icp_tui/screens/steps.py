"""The five step screens, by number, and their titles."""

from __future__ import annotations

from icp_tui.screens.step1 import Step1Screen
from icp_tui.screens.step2 import Step2Screen
from icp_tui.screens.step3 import Step3Screen
from icp_tui.screens.step4 import Step4Screen
from icp_tui.screens.step5 import Step5Screen
from icp_tui.screens.step_base import STEP_TITLES, StepScreen

__all__ = ["STEP_SCREENS", "STEP_TITLES", "StepScreen"]

STEP_SCREENS: dict[int, type[StepScreen]] = {
    1: Step1Screen,
    2: Step2Screen,
    3: Step3Screen,
    4: Step4Screen,
    5: Step5Screen,
}
