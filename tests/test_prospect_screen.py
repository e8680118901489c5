"""The record screen: typing traits updates the fit meter, the red flags and the store."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from icp_tui.app import IcpApp
from icp_tui.domain.models import Decision, State
from icp_tui.screens.prospect import RecordScreen
from icp_tui.store import WorkspaceStore
from icp_tui.widgets.fit_meter import FitMeter
from icp_tui.widgets.red_flags import RedFlagPanel
from icp_tui.widgets.trait_field import TraitField
from tests.prospect_workspace import build_store

SIZE = (80, 24)


def open_prospect(app: IcpApp, name: str) -> None:
    prospect = app.store.prospect_named(name)
    assert prospect is not None
    app.open_record("prospect", prospect.id)


def meter(app: IcpApp) -> FitMeter:
    return app.screen.query_one(FitMeter)


def stored_traits(store: WorkspaceStore, name: str) -> dict[str, object]:
    prospect = store.prospect_named(name)
    assert prospect is not None
    return dict(prospect.traits)


async def focus_field(pilot: Pilot[int], key: str) -> Input:
    field = pilot.app.screen.query_one(f"#trait-{key}", Input)
    field.focus()
    await pilot.pause()
    return field


def flag_shown(app: IcpApp, key: str) -> bool:
    return app.screen.query_one(f"#flag-{key}").display


def status_of(app: IcpApp, key: str) -> str:
    return str(app.screen.query_one(f"#field-{key} .trait-status", Static).render())


async def test_screen_focuses_first_unknown_characteristic(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()

        assert isinstance(app.screen, RecordScreen)
        assert app.focused is not None
        assert app.focused.id == "trait-partnership"


async def test_typing_scale_updates_meter_and_store(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        before = meter(app).score
        await pilot.press("5")
        await pilot.pause()
        after = meter(app).score

        assert before is not None and after is not None
        assert before.fit == 60.0
        assert after.fit == 80.0
        assert after.psychographic_fit == 50.0
        assert after.known == 80.0
        assert after.tier == "strong"
        assert "80.0%" in str(meter(app).render())
        assert stored_traits(store, "Acme Clinics")["partnership"] == 5


async def test_meter_rows_show_mark_word_value(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Globex Retail")
        await pilot.pause()
        shown = str(meter(app).render())

        assert "✘ mismatch Healthcare or biotech" in shown
        assert "Retail · wants one of Healthcare" in shown
        assert "? unknown  Based in Europe" in shown
        assert "✔ match" in shown
        assert "incomplete" in shown


async def test_scale_arrows_step_value(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        await pilot.press("right", "right")
        await pilot.pause()

        assert stored_traits(store, "Acme Clinics")["partnership"] == 4
        await pilot.press("left", "left", "left", "left")
        await pilot.pause()
        assert stored_traits(store, "Acme Clinics")["partnership"] == 1


async def test_number_field_shows_reading(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        await focus_field(pilot, "annual_revenue")
        await pilot.press(*"12.5 million")
        await pilot.pause()

        assert stored_traits(store, "Acme Clinics")["annual_revenue"] == 12_500_000
        assert status_of(app, "annual_revenue") == "read as 12,500,000"


async def test_invalid_number_says_what_leaving_restores(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        before = stored_traits(store, "Acme Clinics")["employees"]
        field = await focus_field(pilot, "employees")
        field.value = ""
        await pilot.press(*"5 people")
        await pilot.pause()
        status = status_of(app, "employees")

        assert status.startswith("Employees:")
        assert "'5 people'" in status
        assert status.endswith(f"leaving the field puts back {before}")
        assert app.screen.query_one("#field-employees").has_class("-invalid")
        # "5" was saved as typed, but while the text cannot be read the value from before
        # the edit is back, in the store and in the meter.
        assert stored_traits(store, "Acme Clinics")["employees"] == before
        assert meter(app).score is not None
        assert before in [result.value for result in meter(app).score.results]


async def test_invalid_text_abandons_edit_on_leaving(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        before = stored_traits(store, "Acme Clinics")["employees"]
        field = await focus_field(pilot, "employees")
        field.value = ""
        await pilot.press(*"12abc", "tab")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]

        assert field.value == str(before)
        assert stored_traits(store, "Acme Clinics")["employees"] == before
        assert any(
            message.startswith("Employees: '12abc' has an unknown unit") for message in messages
        )
        assert any(
            message.endswith(f"Not kept: the value is back to {before}.") for message in messages
        )


async def test_known_record_opens_at_first_field(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        for attribute in ("partnership", "adoption"):
            await focus_field(pilot, attribute)
            await pilot.press(*"4")
        app.pop_screen()
        await pilot.pause()
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        first = app.screen.query(TraitField).first()

        assert app.focused is first.input
        # A digit typed at once goes to that field, not to the step keys.
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)


async def test_negative_number_rejected(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        await focus_field(pilot, "contract_size")
        await pilot.press(*"-5k")
        await pilot.pause()

        assert "negative" in status_of(app, "contract_size")
        assert "contract_size" not in stored_traits(store, "Acme Clinics")


async def test_clearing_field_makes_trait_unknown(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        await focus_field(pilot, "geography")
        await pilot.press("end", *["backspace"] * len("Europe"))
        await pilot.pause()
        score = meter(app).score

        assert "geography" not in stored_traits(store, "Acme Clinics")
        assert score is not None
        assert score.results[2].state is State.UNKNOWN


async def test_category_suggests_workspace_values(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Globex Retail")
        await pilot.pause()
        await pilot.press("n", "o", "r")
        await pilot.pause()
        # The right arrow takes the suggestion "North America" from Contoso Bio.
        await pilot.press("right")
        await pilot.pause()

        assert stored_traits(store, "Globex Retail")["geography"] == "North America"


async def test_red_flags_list_mismatch_and_unknown(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Globex Retail")
        await pilot.pause()
        panel = app.screen.query_one(RedFlagPanel)
        summary = str(panel.query_one("#flags-summary", Static).render())

        assert summary == "4 red flags, 4 without a strategy"
        assert flag_shown(app, "industry")
        assert flag_shown(app, "geography")
        assert not flag_shown(app, "employees")


async def test_friction_marked_when_demographics_match(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        heading = app.screen.query_one("#flag-partnership .flag-heading", Static)

        assert "[friction]" in str(heading.render())


async def test_strategy_survives_flag_returning(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Globex Retail")
        await pilot.pause()
        app.screen.query_one("#strategy-industry", TextArea).focus()
        await pilot.press(*"Show the retail pilot", "enter", *"then the ROI")
        await pilot.pause()
        plan = "Show the retail pilot\nthen the ROI"
        globex = store.prospect_named("Globex Retail")
        assert globex is not None
        assert globex.strategies["industry"] == plan

        field = await focus_field(pilot, "industry")
        field.value = "Healthcare"
        await pilot.pause()
        assert not flag_shown(app, "industry")
        globex = store.prospect_named("Globex Retail")
        assert globex is not None
        assert globex.strategies["industry"] == plan

        field.value = "Retail"
        await pilot.pause()
        assert flag_shown(app, "industry")
        assert app.screen.query_one("#strategy-industry", TextArea).text == plan
        summary = str(app.screen.query_one("#flags-summary", Static).render())
        assert summary == "4 red flags, 3 without a strategy"


async def test_override_sets_state_with_reason(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Globex Retail")
        await pilot.pause()
        await focus_field(pilot, "industry")
        await pilot.press("ctrl+o")
        await pilot.pause()
        # The list starts at match, the opposite of the computed mismatch.
        await pilot.press("enter", *"retail arm is a clinic chain", "enter")
        await pilot.pause()
        globex = store.prospect_named("Globex Retail")
        score = meter(app).score

        assert globex is not None
        assert globex.overrides["industry"].state is State.MATCH
        assert globex.overrides["industry"].reason == "retail arm is a clinic chain"
        assert score is not None
        assert score.results[1].state is State.MATCH
        assert score.results[1].computed is State.MISMATCH
        assert "by hand, computed mismatch" in str(meter(app).render())

        await pilot.press("ctrl+r")
        await pilot.pause()
        globex = store.prospect_named("Globex Retail")
        assert globex is not None
        assert "industry" not in globex.overrides


async def test_override_without_reason_rejected(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Globex Retail")
        await pilot.pause()
        await focus_field(pilot, "industry")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#override-error", Static).render())

        assert error.startswith("Reason:")
        globex = store.prospect_named("Globex Retail")
        assert globex is not None
        assert not globex.overrides


async def test_decision_and_reason_saved(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Globex Retail")
        await pilot.pause()
        select = app.screen.query_one("#decision", Select)
        select.focus()
        await pilot.pause()
        # Open the list, move from Undecided to Invest long-term, choose it.
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        app.screen.query_one("#decision-reason", Input).focus()
        await pilot.press(*"big logo, slow buyer")
        await pilot.pause()
        globex = store.prospect_named("Globex Retail")

        assert globex is not None
        assert globex.decision is Decision.INVEST_LONG_TERM
        assert globex.decision_reason == "big logo, slow buyer"


async def test_account_screen_scores_past_account(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        account = store.account_named("Contoso Bio")
        assert account is not None
        app.open_record("account", account.id)
        await pilot.pause()
        score = meter(app).score
        title = str(app.screen.query_one("#record-title", Static).render())

        assert score is not None
        assert score.fit == 40.0
        assert "Contoso Bio · best account" in title
        assert "most like Northwind Health" in title
        assert app.screen.title == "Past account"
        assert not app.screen.query("#decision-form")


async def test_title_shows_closest_best_customer(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        title = str(app.screen.query_one("#record-title", Static).render())

        assert "most like Northwind Health: 3 of 5" in title


async def test_markup_in_name_shown_literally(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    prospect = store.prospect_named("Globex Retail")
    assert prospect is not None
    store.save_prospect(prospect.model_copy(update={"name": "[bold]Globex[/bold] \x1b[31m"}))
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_record("prospect", prospect.id)
        await pilot.pause()
        title = str(app.screen.query_one("#record-title", Static).render())

        assert title.startswith("[bold]Globex[/bold] \\x1b[31m")


async def test_number_shown_as_read_after_tab(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        field = await focus_field(pilot, "annual_revenue")
        await pilot.press("5", "M", "tab")
        await pilot.pause()

        assert field.value == "5,000,000"
        assert status_of(app, "annual_revenue") == ""
        assert stored_traits(store, "Acme Clinics")["annual_revenue"] == 5_000_000


async def test_profile_change_rebuilds_fields(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store.json")
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        profile = store.profile()
        reordered = (*profile.characteristics[3:], *profile.characteristics[:3])
        store.save_profile(profile.model_copy(update={"characteristics": reordered}))
        # Help covers the screen; closing it shows the screen again with the new profile.
        await pilot.press("f1", "escape")
        await pilot.pause()
        fields = [field.attribute.key for field in app.screen.query(TraitField)]
        score = meter(app).score

        assert fields[:5] == ["partnership", "adoption", "employees", "industry", "geography"]
        assert score is not None
        assert score.results[0].characteristic.attribute == "partnership"


async def test_read_only_store_notifies_once(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    build_store(path).close()
    path.chmod(0o444)
    store = WorkspaceStore.open(path)
    assert store.read_only
    app = IcpApp(store)
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        await pilot.press("4", "5")
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        score = meter(app).score

        assert len(errors) == 1
        assert "read-only" in errors[0].message
        assert "partnership" not in stored_traits(store, "Acme Clinics")
        assert score is not None
        assert score.results[3].value == 5


async def test_red_flags_summary_singular(tmp_path: Path) -> None:
    app = IcpApp(build_store(tmp_path / "store.json"))
    async with app.run_test(size=SIZE) as pilot:
        open_prospect(app, "Acme Clinics")
        await pilot.pause()
        # Partnership has focus; a match leaves adoption as the one unknown.
        await pilot.press("5")
        await pilot.pause()
        summary = str(app.screen.query_one("#flags-summary", Static).render())

        assert summary == "1 red flag, 1 without a strategy"
