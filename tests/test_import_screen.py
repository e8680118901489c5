"""The in-app import: path prompt, mapping preview and correction, import and report."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from icp_tui.app import IcpApp
from icp_tui.screens.import_csv import ImportScreen
from icp_tui.screens.import_export import ExportScreen
from icp_tui.store import WorkspaceStore

ACCOUNTS = 'account,sector,revenue,owner\nAcme,technolgy,1100.04,Jo\nBeta,medical,"2,5",Al\n'


def open_store(tmp_path: Path) -> WorkspaceStore:
    return WorkspaceStore.open(tmp_path / "store.json")


async def settle(app: IcpApp, pilot: Pilot[int]) -> None:
    """Wait for the workers, and for the workers those start, to finish."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def read_file(app: IcpApp, path: Path) -> ImportScreen:
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = str(path)
    await app.workers.wait_for_complete()
    return screen


async def test_import_key_on_step_one(tmp_path: Path) -> None:
    app = IcpApp(open_store(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "i")

        assert isinstance(app.screen, ImportScreen)
        assert app.screen.kind == "accounts"
        assert isinstance(app.focused, Input)


async def test_import_key_inactive_on_home(tmp_path: Path) -> None:
    app = IcpApp(open_store(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("i")

        assert not isinstance(app.screen, ImportScreen)


async def test_import_preview_edit_and_import(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(ACCOUNTS.replace('"2,5"', "2.5"), encoding="utf-8")
    store = open_store(tmp_path)
    app = IcpApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "i")
        screen = await read_file(app, path)
        await pilot.press("enter")
        await settle(app, pilot)
        table = screen.query_one("#import-mapping", DataTable)

        assert table.row_count == 4
        assert str(table.get_row_at(0)[1]) == "name"
        assert str(table.get_row_at(3)[1]) == "not imported"
        assert screen.report_lines[0].startswith("Preview: nothing is written")
        assert "Past accounts: 2 new, 0 updated, 0 rows with problems." in screen.report_lines
        assert store.accounts() == []

        table.move_cursor(row=2)
        await pilot.press("enter")
        editor = screen.query_one("#import-target", Input)
        assert app.focused is editor
        editor.value = "annual_revenue:millions"
        await pilot.press("enter")
        await pilot.pause()

        assert str(table.get_row_at(2)[1]) == "annual_revenue (millions)"

        await pilot.press("ctrl+r")
        await settle(app, pilot)

        acme = store.account_named("Acme")
        assert acme is not None
        assert acme.traits == {"industry": "technolgy", "annual_revenue": 1_100_040_000}
        assert len(store.accounts()) == 2


async def test_import_with_problem_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text("name,employees\nAcme,10\nBeta,lots\n", encoding="utf-8")
    store = open_store(tmp_path)
    app = IcpApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "i")
        screen = await read_file(app, path)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        report = "\n".join(screen.report_lines)

        assert store.accounts() == []
        assert "row 3, column 'employees', value 'lots'" in report
        assert "Nothing was imported: 1 row has problems." in report

        await pilot.press("ctrl+t", "ctrl+r")
        await settle(app, pilot)

        assert [a.name for a in store.accounts()] == ["Acme"]
        assert "Imported 1 record." in screen.report_lines


async def test_import_missing_file_reported(tmp_path: Path) -> None:
    app = IcpApp(open_store(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("5", "i")
        screen = await read_file(app, tmp_path / "absent.csv")
        await pilot.press("enter")
        await settle(app, pilot)
        status = str(screen.query_one("#import-status").render())

        assert screen.kind == "prospects"
        assert "absent.csv: cannot be read" in status


async def test_export_profile_from_palette_screen(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = IcpApp(store)
    target = tmp_path / "card.md"
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_export("profile")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()

        assert not isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8").startswith("# Ideal customer profile")
