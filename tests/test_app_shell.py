"""The app shell: step keys, help, the command palette, quitting and the theme setting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Markdown

from icp_tui.app import IcpApp
from icp_tui.screens.help import HelpScreen
from icp_tui.screens.home import HomeScreen
from icp_tui.screens.step1 import Step1Screen
from icp_tui.screens.step5 import Step5Screen
from icp_tui.settings import load_settings
from icp_tui.store import WorkspaceStore


async def test_digit_keys_open_steps(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("1")
        assert isinstance(app.screen, Step1Screen)
        await pilot.press("5")
        assert isinstance(app.screen, Step5Screen)
        await pilot.press("0")
        assert isinstance(app.screen, HomeScreen)


async def test_digits_in_text_field_are_typed(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "slash", "3", "0")
        assert isinstance(app.screen, Step5Screen)
        assert app.screen.query_one("#filter", Input).value == "30"


async def test_header_names_workspace_and_step(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        assert app.screen.title == "Step 3: Psychographics"
        assert app.screen.sub_title == "Test workspace"


async def test_help_lists_screen_keys_only(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query(Markdown)[1].source
        assert "`a` Add" in keys
        assert "Mark near miss" in keys
        assert "Page Down" not in keys
        await pilot.press("escape")
        assert isinstance(app.screen, Step1Screen)


async def test_f1_opens_help_for_grid(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "f1")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query(Markdown)[1].source
        assert "`1-5` Rate" in keys
        assert "`x` Clear" in keys


async def test_palette_offers_steps_and_actions(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Step 3: Rate psychographics" in titles
        assert "Add a prospect" in titles
        assert "Theme: terminal colours" in titles


async def test_palette_action_opens_form(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.run_step_action(5, "add")
        await pilot.pause()
        await pilot.press(*"Orchid Labs", "enter")
        await pilot.pause()
        assert app.store.prospect_named("Orchid Labs") is not None


async def test_q_quits_with_status_zero(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
    assert app.return_code in (None, 0)


async def test_theme_kept_between_sessions(
    workspace: WorkspaceStore, private_settings: Path
) -> None:
    first = IcpApp(workspace)
    async with first.run_test(size=(80, 24)) as pilot:
        first.theme = "ansi-dark"
        await pilot.pause()
    assert load_settings(private_settings).theme == "ansi-dark"
    second = IcpApp(workspace)
    async with second.run_test(size=(80, 24)):
        assert second.theme == "ansi-dark"


async def test_unknown_theme_falls_back(workspace: WorkspaceStore, private_settings: Path) -> None:
    private_settings.parent.mkdir(parents=True)
    private_settings.write_text('{"theme": "no-such-theme"}', encoding="utf-8")
    app = IcpApp(workspace)
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-dark"


def test_old_terminal_theme_name_read(private_settings: Path) -> None:
    private_settings.parent.mkdir(parents=True)
    private_settings.write_text('{"theme": "textual-ansi"}', encoding="utf-8")
    assert load_settings(private_settings).theme == "ansi-dark"


def test_corrupt_settings_give_defaults(private_settings: Path) -> None:
    private_settings.parent.mkdir(parents=True)
    private_settings.write_text("{not json", encoding="utf-8")
    assert load_settings(private_settings).theme == "textual-dark"
