"""From an empty store to a profile and a scored prospect, with keys only."""

from __future__ import annotations

from textual.widgets import DataTable

from icp_tui.app import IcpApp
from icp_tui.domain.models import AccountTier, Criterion
from icp_tui.screens.prospect import RecordScreen
from icp_tui.store import WorkspaceStore

FIELDS_BEFORE_INDUSTRY = 6
"""Tab presses from the name field to the industry field of the account form."""


async def test_empty_store_to_scored_prospect(store: WorkspaceStore) -> None:
    app = IcpApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a", *"Acme Health")
        await pilot.press(*["tab"] * FIELDS_BEFORE_INDUSTRY, *"Healthcare", "ctrl+s")
        account = store.account_named("Acme Health")
        assert account is not None
        assert account.traits == {"industry": "Healthcare"}

        await pilot.press("b")
        assert store.account(account.id).tier is AccountTier.BEST

        await pilot.press("4", "enter", "tab", *"Healthcare", "ctrl+s")
        profile = store.profile()
        assert len(profile.characteristics) == 1
        assert profile.characteristics[0].criterion == Criterion(one_of=("Healthcare",))

        await pilot.press("5", "a", *"Bravo Clinics", "enter")
        assert isinstance(app.screen, RecordScreen)
        # The prospect screen opens on the first unknown characteristic: industry.
        await pilot.press(*"Healthcare")
        await pilot.pause()
        prospect = store.prospect_named("Bravo Clinics")
        assert prospect is not None
        assert prospect.traits == {"industry": "Healthcare"}

        await pilot.press("escape")
        table = app.screen.query_one("#prospects", DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == "Bravo Clinics"
        assert row[1] == "100%"
        assert row[2] == "strong"
