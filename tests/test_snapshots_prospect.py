"""Snapshots of the record screen at 80 x 24."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from icp_tui.app import IcpApp
from tests.prospect_workspace import build_store

SnapCompare = Callable[..., bool]


def test_prospect_with_flags_snapshot(snap_compare: SnapCompare, tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    globex = store.prospect_named("Globex Retail")
    assert globex is not None
    store.save_prospect(
        globex.model_copy(update={"strategies": {"industry": "Lead with the clinic pilot"}})
    )
    app = IcpApp(store)

    async def open_globex(pilot: Pilot[int]) -> None:
        app.open_record("prospect", globex.id)
        await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_globex)
