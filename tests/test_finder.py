"""The prospect finder: narrowing by name, opening with Enter, adding with n."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from icp_tui import app as app_module
from icp_tui.app import IcpApp
from icp_tui.domain.models import NAME_MAX_LENGTH
from icp_tui.screens.finder import FinderScreen, NameIndex
from icp_tui.screens.home import HomeScreen
from icp_tui.screens.prospect import RecordScreen
from icp_tui.store import WorkspaceStore
from tests.bursts import type_burst
from tests.prospect_workspace import build_store

SIZE = (80, 24)


def index_of(names: list[str]) -> NameIndex:
    return NameIndex((f"id-{number}", name) for number, name in enumerate(names))


def test_index_lists_prefix_matches_first() -> None:
    index = index_of(["Big Acme", "Acme", "Acorn", "Nacme Ltd"])

    found = index.search("acme")

    assert found.ids == ["id-1", "id-0", "id-3"]
    assert found.total == 3


def test_index_ignores_case_and_spaces() -> None:
    index = index_of(["Northwind Health"])

    assert index.search("  NORTHWIND   health ").ids == ["id-0"]


def test_index_caps_listed_matches() -> None:
    index = index_of([f"Filler {n:03d}" for n in range(120)])

    found = index.search("fil", limit=50)

    assert len(found.ids) == 50
    assert found.total == 120


def test_index_widens_after_shorter_query() -> None:
    index = index_of(["Acme", "Acorn", "Beta"])
    index.search("acm")

    found = index.search("ac")

    assert found.ids == ["id-0", "id-1"]


def test_index_lists_names_alphabetically() -> None:
    index = index_of(["Zeta", "alpha", "Mid"])

    assert index.search("").ids == ["id-1", "id-2", "id-0"]


def test_index_sorts_accented_names_with_plain() -> None:
    index = index_of(["Zeta", "Åkesson", "Beta"])

    assert index.search("").ids == ["id-1", "id-2", "id-0"]


def test_index_empty_query_lists_all() -> None:
    index = index_of(["Acme", "Beta"])

    assert index.search("").total == 2


async def test_finder_narrows_as_letters_typed(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json", prospects=60))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FinderScreen)
        results = app.screen.query_one(OptionList)
        assert results.option_count == 50

        await pilot.press("g", "l")
        await pilot.pause()
        assert results.option_count == 1
        assert str(app.screen.query_one("#finder-count", Static).render()) == "1 match"
        await pilot.press("backspace", "backspace", "i")
        await pilot.pause()
        assert " matches" in str(app.screen.query_one("#finder-count", Static).render())


async def test_finder_enter_opens_first_unknown(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"glob", "enter")
        await pilot.pause()

        assert isinstance(app.screen, RecordScreen)
        assert app.focused is not None
        assert app.focused.id == "trait-geography"


async def test_finder_tab_moves_to_next_field(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"glob", "enter", "tab")
        await pilot.pause()

        assert app.focused is not None
        assert app.focused.id == "trait-partnership"


async def test_launch_to_changed_trait_keystrokes(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    name_letters = list("acme")
    other_keys = ["ctrl+f", "enter", "4"]
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press(other_keys[0], *name_letters, *other_keys[1:])
        await pilot.pause()
        acme = store.prospect_named("Acme Clinics")

        assert acme is not None
        assert acme.traits["partnership"] == 4
        assert len(other_keys) <= 6


async def test_slash_opens_finder_outside_fields(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()

        assert isinstance(app.screen, FinderScreen)


async def test_slash_typed_inside_text_field(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"glob", "enter", *"EU/UK")
        await pilot.pause()
        globex = store.prospect_named("Globex Retail")

        assert isinstance(app.screen, RecordScreen)
        assert globex is not None
        assert globex.traits["geography"] == "EU/UK"


async def test_ctrl_f_works_inside_text_field(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"glob", "enter", "ctrl+f")
        await pilot.pause()

        assert isinstance(app.screen, FinderScreen)


async def test_finder_adds_prospect_when_none_match(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"Initech", "enter")
        await pilot.pause()
        initech = store.prospect_named("Initech")

        assert initech is not None
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record_id == initech.id


async def test_finder_n_on_results_adds_prospect(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"Acme Labs", "tab", "n")
        await pilot.pause()

        assert store.prospect_named("Acme Labs") is not None
        assert store.prospect_named("Acme Clinics") is not None
        assert isinstance(app.screen, RecordScreen)


async def test_finder_ctrl_n_adds_prospect(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"Acme", "ctrl+n")
        await pilot.pause()

        assert store.prospect_named("Acme") is not None


async def test_finder_escape_cancels(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"acme", "escape")
        await pilot.pause()

        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query(Input).filter("#finder-query")


async def test_finder_replaces_open_record(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"glob", "enter", "ctrl+f", *"acme", "enter")
        await pilot.pause()
        acme = app.store.prospect_named("Acme Clinics")

        assert isinstance(app.screen, RecordScreen)
        assert acme is not None
        assert app.screen.record_id == acme.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_finder_burst_digit_reaches_first_unknown(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await type_burst(app, pilot, ["ctrl+f", *"acme", "enter", "4"])
        acme = store.prospect_named("Acme Clinics")

        assert isinstance(app.screen, RecordScreen)
        assert acme is not None
        assert acme.traits["partnership"] == 4


async def test_finder_burst_adds_no_prospect(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    count = len(store.prospects())
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await type_burst(app, pilot, ["ctrl+f", *"acme", "enter", "4"])

        assert len(store.prospects()) == count
        assert store.prospect_named("acme4") is None


async def test_finder_burst_tab_moves_before_next_digit(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await type_burst(app, pilot, ["ctrl+f", *"acme", "enter", "4", "tab", "5"])
        acme = store.prospect_named("Acme Clinics")

        assert acme is not None
        assert acme.traits["partnership"] == 4
        assert acme.traits["adoption"] == 5


async def test_finder_burst_letters_skip_home_bindings(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        # "q" quits on the home screen; typed right after ctrl+f it belongs to the query.
        await type_burst(app, pilot, ["ctrl+f", *"qu"])

        assert isinstance(app.screen, FinderScreen)
        assert app.screen.query_one("#finder-query", Input).value == "qu"


async def test_finder_burst_enter_on_no_match_releases_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a limit of a minute, only the finder's own release can deliver the keys in time.
    monkeypatch.setattr(app_module, "KEY_HOLD_LIMIT", 60.0)
    app = IcpApp(WorkspaceStore.open(tmp_path / "empty.json"))
    async with app.run_test(size=SIZE) as pilot:
        await type_burst(app, pilot, ["ctrl+f", "enter", "x"])

        assert isinstance(app.screen, FinderScreen)
        assert app.screen.query_one("#finder-query", Input).value == "x"


async def test_finder_too_long_name_shows_error(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    count = len(store.prospects())
    app = IcpApp(store)
    # Notifications are drawn only when asked for; drawing is where markup was misread.
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+f")
        # pydantic's message for this error contains "[type=...]", which markup misreads.
        app.screen.query_one("#finder-query", Input).value = "Long" * 51
        await pilot.press("ctrl+n")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]

        assert isinstance(app.screen, FinderScreen)
        assert any("longer than 200 characters" in message for message in messages)
        assert not any("pydantic" in message for message in messages)
        assert len(store.prospects()) == count


async def test_finder_query_stops_at_name_limit(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        query = app.screen.query_one("#finder-query", Input)
        query.value = "N" * NAME_MAX_LENGTH
        await pilot.press("x")

        await pilot.pause()
        count = str(app.screen.query_one("#finder-count", Static).render())

        assert len(query.value) == NAME_MAX_LENGTH
        assert count.endswith(f"Names are at most {NAME_MAX_LENGTH} characters.")
