"""Step 1: marking accounts and the add, edit and delete forms, checked in the workspace."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from icp_tui.app import IcpApp
from icp_tui.domain.models import AccountTier, PastAccount
from icp_tui.screens.account_form import AccountForm
from icp_tui.screens.dialogs import ConfirmScreen
from icp_tui.screens.prospect import RecordScreen
from icp_tui.screens.step1 import Step1Screen
from icp_tui.store import WorkspaceStore


def cursor_account_id(app: IcpApp) -> str:
    table = app.screen.query_one("#accounts", DataTable)
    row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    return str(row_key.value)


async def test_mark_keys_set_tier(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        table = app.screen.query_one("#accounts", DataTable)
        table.move_cursor(row=table.row_count - 1)
        account_id = cursor_account_id(app)
        await pilot.press("p")
        assert app.store.account(account_id).tier is AccountTier.POOR
        await pilot.press("n")
        assert app.store.account(account_id).tier is AccountTier.NEAR_MISS
        await pilot.press("b")
        assert app.store.account(account_id).tier is AccountTier.BEST
        await pilot.press("o")
        assert app.store.account(account_id).tier is AccountTier.OTHER


async def test_cursor_follows_marked_account(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        table = app.screen.query_one("#accounts", DataTable)
        table.move_cursor(row=table.row_count - 1)
        account_id = cursor_account_id(app)
        await pilot.press("b")
        assert cursor_account_id(app) == account_id


async def test_add_form_saves_valid_account(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a")
        assert isinstance(app.screen, AccountForm)
        app.screen.query_one("#name", Input).value = "Osprey Clinics"
        app.screen.query_one("#profitability", Input).value = "4"
        app.screen.query_one("#renewals", Input).value = "3"
        app.screen.query_one("#trait-employees", Input).value = "1,200"
        app.screen.query_one("#trait-annual_revenue", Input).value = "5M"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, Step1Screen)
        saved = app.store.account_named("Osprey Clinics")
        assert saved is not None
        assert saved.profitability == 4
        assert saved.renewals == 3
        assert saved.traits["employees"] == 1200
        assert saved.traits["annual_revenue"] == 5_000_000


async def test_invalid_rating_saves_nothing(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a")
        app.screen.query_one("#name", Input).value = "Osprey Clinics"
        app.screen.query_one("#profitability", Input).value = "7"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm)
        message = str(app.screen.query_one("#form-error", Static).render())
        assert "Profitability" in message
        assert "'7'" in message
        assert app.store.account_named("Osprey Clinics") is None


async def test_invalid_number_names_field(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a")
        app.screen.query_one("#name", Input).value = "Osprey Clinics"
        app.screen.query_one("#trait-employees", Input).value = "lots"
        await pilot.press("ctrl+s")
        message = str(app.screen.query_one("#form-error", Static).render())
        assert "Employees" in message
        assert "lots" in message
        assert app.store.account_named("Osprey Clinics") is None


async def test_duplicate_name_rejected_inline(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a")
        app.screen.query_one("#name", Input).value = "cedar clinics"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm)
        message = str(app.screen.query_one("#form-error", Static).render())
        assert "already used" in message
        assert len(app.store.accounts()) == 10


async def test_escape_cancels_form(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a", *"Zebra Co", "escape")
        assert isinstance(app.screen, Step1Screen)
        assert app.store.account_named("Zebra Co") is None


async def test_edit_form_changes_measures(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        account_id = cursor_account_id(app)
        before = app.store.account(account_id)
        await pilot.press("e")
        assert isinstance(app.screen, AccountForm)
        app.screen.query_one("#referrals", Input).value = "9"
        await pilot.press("ctrl+s")
        after = app.store.account(account_id)
        assert after.referrals == 9
        assert after.name == before.name
        assert after.traits.get("partnership") == before.traits.get("partnership")


async def test_delete_asks_then_removes(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        account_id = cursor_account_id(app)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.store.account(account_id) is not None
        await pilot.press("d", "y")
        assert app.store.account(account_id) is None


async def test_enter_opens_account_record(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        account_id = cursor_account_id(app)
        await pilot.press("enter")
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.kind == "account"
        assert app.screen.record_id == account_id


async def test_space_ticks_checklist(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "tab", "tab", "space")
        assert app.store.checklist().ticks[1] == ["list"]
        await pilot.press("space")
        assert app.store.checklist().ticks[1] == []


async def test_markup_in_name_shown_literally(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        table = app.screen.query_one("#accounts", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "Iris Media [bold]x[/bold]" in names


async def test_accounts_ranked_by_relationship(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        table = app.screen.query_one("#accounts", DataTable)
        assert str(table.get_row_at(0)[0]) == "Cedar Clinics"
        assert str(table.get_row_at(0)[2]) == "84"
        assert str(table.get_row_at(table.row_count - 1)[0]) == "Granite Retail"


async def test_findings_warn_without_near_miss(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        table = app.screen.query_one("#accounts", DataTable)
        table.move_cursor(row=table.get_row_index("account-05"))
        await pilot.press("o")
        panel = str(app.screen.query_one("#findings").render())
        assert "! warning" in panel
        assert "near miss" in panel


async def test_empty_store_shows_hint(store: WorkspaceStore) -> None:
    app = IcpApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        hint = app.screen.query_one(".empty-hint", Static)
        assert hint.display
        assert "press a to add one" in str(hint.render())
        await pilot.press("a", *"Acme", "ctrl+s")
        assert not hint.display


async def test_findings_one_account_singular(store: WorkspaceStore) -> None:
    store.save_account(PastAccount(name="Acme", tier=AccountTier.BEST))
    app = IcpApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        panel = str(app.screen.query_one("#findings").render())

        assert "1 account: 1 best, 0 near miss, 0 poor" in panel


async def test_panel_explains_cursor_score(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "down")
        panel = str(app.screen.query_one("#findings").render())
        assert "Northwind Health: Relationship score 82" in panel
        assert "Profitability 5 of 5: raised it by" in panel
