"""Form dialogs: the message for a rejected value, and how fields take typed text."""

from __future__ import annotations

from textual.widgets import Input, Static

from icp_tui.app import IcpApp
from icp_tui.screens.dialogs import NameForm
from icp_tui.screens.profile_forms import CharacteristicForm


def form_error(app: IcpApp) -> str:
    return str(app.screen.query_one("#form-error", Static).render())


async def test_rename_too_long_name_message(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "e")
        app.screen.query_one("#name", Input).value = "N" * 201
        await pilot.press("enter")

        assert isinstance(app.screen, NameForm)
        assert form_error(app) == (
            f"Not saved: prospects: name: longer than 200 characters (201): '{'N' * 40}\u2026'"
        )


async def test_characteristic_label_placeholder_neutral(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "e")
        label = app.screen.query_one("#label", Input)

        assert isinstance(app.screen, CharacteristicForm)
        assert label.placeholder == "empty: made from the criterion"


async def test_characteristic_weight_typing_replaces(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "e")
        weight = app.screen.query_one("#weight", Input)
        assert weight.value == "1"

        # Tab from the field before the weight, as a person reaches it.
        app.screen.query_one("#max", Input).focus()
        await pilot.press("tab", *"10")

        assert weight.has_focus
        assert weight.value == "10"
