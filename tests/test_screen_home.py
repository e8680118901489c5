"""The home screen: progress, profile card, tier chart, best-fit prospects and red flags."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from icp_tui.app import IcpApp
from icp_tui.screens.prospect import RecordScreen
from icp_tui.store import WorkspaceStore


def panel_text(app: IcpApp, panel_id: str) -> str:
    return str(app.screen.query_one(panel_id, Static).render())


async def test_profile_card_lists_labels(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)):
        card = panel_text(app, "#home-profile")
        assert "1. [D] Healthcare or biotech" in card
        assert "3. [P] Wants a long-term partner" in card
        assert "2 more to write in step 4." in card


async def test_progress_shows_ticks_and_data(app: IcpApp, workspace: WorkspaceStore) -> None:
    workspace.set_tick(4, "five", True)
    async with app.run_test(size=(80, 24)):
        progress = panel_text(app, "#home-progress")
        assert "5 best, 1 near miss, 2 poor" in progress
        assert "3 of 5 characteristics written" in progress
        assert "1/5 ticks" in progress


async def test_progress_marks_finished_step(app: IcpApp, workspace: WorkspaceStore) -> None:
    for item in ("traits", "unknowns", "plans", "decide"):
        workspace.set_tick(5, item, True)
    async with app.run_test(size=(80, 24)):
        assert "[x] 5 Qualify prospects" in panel_text(app, "#home-progress")


async def test_tier_chart_counts_prospects(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)):
        chart = panel_text(app, "#home-tiers")
        assert "strong      1" in chart
        assert "weak        4" in chart


async def test_unplanned_flags_counted(app: IcpApp, workspace: WorkspaceStore) -> None:
    prospect = workspace.prospect("prospect-01")
    assert prospect is not None
    workspace.save_prospect(
        prospect.model_copy(update={"strategies": {"employees": "Start with one division"}})
    )
    async with app.run_test(size=(80, 24)):
        flags = panel_text(app, "#home-flags")
        assert "8 red flags without a plan yet" in flags
        assert "Kestrel Bio: 200 to 2,000 employees" not in flags
        assert "? unknown Kestrel Bio: Wants a long-term partner" in flags


async def test_escape_codes_shown_literally(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)):
        table = app.screen.query_one("#home-best", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "Nimbus \\x1b[31mRed\\x1b[0m Corp" in names


async def test_enter_opens_best_prospect(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#home-best", DataTable).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record_id == "prospect-00"


async def test_empty_store_home_guides(store: WorkspaceStore) -> None:
    app = IcpApp(store)
    async with app.run_test(size=(80, 24)):
        assert "write them in step 4" in panel_text(app, "#home-profile")
        assert "0 red flags without a plan yet" in panel_text(app, "#home-flags")
