"""The bundled demo workspace and the CRM-shaped prospect files in sample_data.

A new user sees the demo first, so these tests hold it to the method. The best-customer
selection includes a near miss, and the poor accounts differ from the best ones. The profile
has five characteristics of both kinds, and the prospects spread across every tier.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from icp_tui.domain.attributes import STANDARD_ATTRIBUTES, AttributeKind
from icp_tui.domain.models import AccountTier, Decision, PastAccount, State
from icp_tui.domain.scoring import ProfileScorer
from icp_tui.paths import demo_workspace_file, resource_dir
from icp_tui.store.repository import WorkspaceStore
from icp_tui.store.workspace_file import open_demo_store

SELECTION_TIERS = (AccountTier.BEST, AccountTier.NEAR_MISS)


@pytest.fixture
def demo_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkspaceStore]:
    # open_demo_store makes its own temporary folder. Pointing tempfile at tmp_path puts that
    # folder where pytest removes it.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    store = open_demo_store(demo_workspace_file())
    yield store
    store.close()


def selection(store: WorkspaceStore) -> list[PastAccount]:
    return [a for a in store.accounts() if a.tier in SELECTION_TIERS]


def accounts_of_tier(store: WorkspaceStore, tier: AccountTier) -> list[PastAccount]:
    return [a for a in store.accounts() if a.tier is tier]


def revenue(account: PastAccount) -> float:
    value = account.traits["annual_revenue"]
    assert isinstance(value, int | float)
    return value


# Workspace


def test_demo_store_lands_in_temporary_folder(demo_store: WorkspaceStore, tmp_path: Path) -> None:
    assert demo_store.path.is_relative_to(tmp_path)


def test_demo_workspace_name_loaded(demo_store: WorkspaceStore) -> None:
    assert demo_store.workspace_name.startswith("Crewline demo")


def test_demo_custom_attribute_loaded(demo_store: WorkspaceStore) -> None:
    custom = demo_store.catalogue().custom()
    assert [a.key for a in custom] == ["field_involvement"]
    assert custom[0].kind is AttributeKind.PSYCHOGRAPHIC


def test_demo_checklist_starts_empty(demo_store: WorkspaceStore) -> None:
    assert demo_store.checklist().ticks == {}


# Past accounts


def test_demo_accounts_at_least_twelve(demo_store: WorkspaceStore) -> None:
    assert len(demo_store.accounts()) >= 12


def test_demo_selection_five_or_six(demo_store: WorkspaceStore) -> None:
    assert len(selection(demo_store)) in (5, 6)


def test_demo_selection_has_one_near_miss(demo_store: WorkspaceStore) -> None:
    assert len(accounts_of_tier(demo_store, AccountTier.NEAR_MISS)) == 1


def test_demo_poor_accounts_at_least_three(demo_store: WorkspaceStore) -> None:
    assert len(accounts_of_tier(demo_store, AccountTier.POOR)) >= 3


def test_demo_other_accounts_present(demo_store: WorkspaceStore) -> None:
    assert len(accounts_of_tier(demo_store, AccountTier.OTHER)) >= 1


def test_demo_accounts_fill_standard_traits(demo_store: WorkspaceStore) -> None:
    standard_keys = {a.key for a in STANDARD_ATTRIBUTES}
    for account in demo_store.accounts():
        missing = standard_keys - account.traits.keys()
        assert not missing, f"{account.name} has no value for {sorted(missing)}"


def test_demo_accounts_have_outcome_measures(demo_store: WorkspaceStore) -> None:
    for account in demo_store.accounts():
        assert account.profitability is not None, account.name
        assert account.relationship is not None, account.name
        assert account.renewals is not None, account.name
        assert account.referrals is not None, account.name


def test_demo_largest_accounts_not_selection(demo_store: WorkspaceStore) -> None:
    chosen = {a.name for a in selection(demo_store)}
    by_revenue = sorted(demo_store.accounts(), key=revenue, reverse=True)
    largest = {a.name for a in by_revenue[: len(chosen)]}
    assert largest != chosen
    assert by_revenue[0].tier not in SELECTION_TIERS


def test_demo_selection_within_one_magnitude(demo_store: WorkspaceStore) -> None:
    revenues = [revenue(a) for a in selection(demo_store)]
    assert max(revenues) < 10 * min(revenues)


def test_demo_selection_shares_few_industries(demo_store: WorkspaceStore) -> None:
    industries = {a.traits["industry"] for a in selection(demo_store)}
    assert len(industries) <= 3


def test_demo_selection_values_partnership(demo_store: WorkspaceStore) -> None:
    for account in selection(demo_store):
        assert account.traits["partnership"] >= 4, account.name
        assert account.traits["vendor_view"] >= 4, account.name


def test_demo_poor_accounts_rate_low_partnership(demo_store: WorkspaceStore) -> None:
    for account in accounts_of_tier(demo_store, AccountTier.POOR):
        assert account.traits["partnership"] <= 2, account.name
        assert account.traits["vendor_view"] <= 2, account.name


# Profile


def test_demo_profile_has_five_characteristics(demo_store: WorkspaceStore) -> None:
    assert len(demo_store.profile().characteristics) == 5


def test_demo_profile_mixes_both_kinds(demo_store: WorkspaceStore) -> None:
    kinds = [c.dimension for c in demo_store.profile().characteristics]
    assert kinds.count(AttributeKind.DEMOGRAPHIC) >= 2
    assert kinds.count(AttributeKind.PSYCHOGRAPHIC) >= 2


def test_demo_profile_weights_one_or_two(demo_store: WorkspaceStore) -> None:
    for characteristic in demo_store.profile().characteristics:
        assert characteristic.weight in (1, 2), characteristic.label


def test_demo_profile_labels_include_employee_band(demo_store: WorkspaceStore) -> None:
    labels = [c.label for c in demo_store.profile().characteristics]
    assert "Mid-market: 200 to 2,000 employees" in labels


def test_demo_selection_matches_four_of_five(demo_store: WorkspaceStore) -> None:
    scorer = ProfileScorer(demo_store.profile())
    for account in selection(demo_store):
        states = [r.state for r in scorer.states(account.traits)]
        assert states.count(State.MATCH) >= 4, account.name


def test_demo_poor_accounts_score_weak(demo_store: WorkspaceStore) -> None:
    scorer = ProfileScorer(demo_store.profile())
    for account in accounts_of_tier(demo_store, AccountTier.POOR):
        assert scorer.score(account.traits).tier == "weak", account.name


# Prospects


def test_demo_prospects_at_least_twenty_five(demo_store: WorkspaceStore) -> None:
    assert len(demo_store.prospects()) >= 25


def test_demo_prospect_tiers_cover_range(demo_store: WorkspaceStore) -> None:
    scorer = ProfileScorer(demo_store.profile())
    tiers = {scorer.score(p.traits).tier for p in demo_store.prospects()}
    assert "strong" in tiers
    assert "good" in tiers or "partial" in tiers
    assert "weak" in tiers


def test_demo_prospects_some_incomplete(demo_store: WorkspaceStore) -> None:
    scorer = ProfileScorer(demo_store.profile())
    incomplete = [p.name for p in demo_store.prospects() if scorer.score(p.traits).incomplete]
    assert len(incomplete) >= 3


def test_demo_prospects_mostly_complete(demo_store: WorkspaceStore) -> None:
    scorer = ProfileScorer(demo_store.profile())
    prospects = demo_store.prospects()
    complete = [p.name for p in prospects if not scorer.score(p.traits).incomplete]
    assert len(complete) > len(prospects) // 2


def test_demo_strategies_target_red_flags(demo_store: WorkspaceStore) -> None:
    scorer = ProfileScorer(demo_store.profile())
    planned = 0
    for prospect in demo_store.prospects():
        flags = scorer.score(prospect.traits, prospect.overrides, prospect.strategies).red_flags
        flagged = {flag.attribute for flag in flags}
        for attribute in prospect.strategies:
            assert attribute in flagged, f"{prospect.name}: strategy for {attribute} has no flag"
        planned += sum(1 for flag in flags if flag.planned)
    assert planned >= 5


def test_demo_some_flags_left_unplanned(demo_store: WorkspaceStore) -> None:
    scorer = ProfileScorer(demo_store.profile())
    unplanned = sum(
        scorer.score(p.traits, p.overrides, p.strategies).unplanned_flags
        for p in demo_store.prospects()
    )
    assert unplanned > 0


def test_demo_decisions_have_reasons(demo_store: WorkspaceStore) -> None:
    decided = [p for p in demo_store.prospects() if p.decision is not Decision.UNDECIDED]
    assert len(decided) >= 3
    for prospect in decided:
        assert prospect.decision_reason.strip(), prospect.name


def test_demo_decisions_use_every_kind(demo_store: WorkspaceStore) -> None:
    decisions = {p.decision for p in demo_store.prospects()}
    assert decisions == set(Decision)


def test_demo_prospect_stages_vary(demo_store: WorkspaceStore) -> None:
    stages = {p.stage for p in demo_store.prospects()}
    assert len(stages) >= 4


def test_demo_names_include_non_ascii(demo_store: WorkspaceStore) -> None:
    names = [p.name for p in demo_store.prospects()]
    assert any(not name.isascii() for name in names)


def test_demo_names_unique_across_workspace(demo_store: WorkspaceStore) -> None:
    names = [r.name.casefold() for r in [*demo_store.accounts(), *demo_store.prospects()]]
    assert len(names) == len(set(names))


# The bundled file stays as shipped


def test_demo_open_leaves_bundled_file_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    bundled = demo_workspace_file()
    before = bundled.read_bytes()
    store = open_demo_store(bundled)
    prospect = store.prospects()[0]
    store.save_prospect(prospect.model_copy(update={"notes": "edited in the demo"}))
    store.set_tick(1, "selection", True)
    store.close()
    assert bundled.read_bytes() == before
    assert store.path.is_relative_to(tmp_path)


def test_demo_open_gives_fresh_copy(demo_store: WorkspaceStore) -> None:
    first = demo_store.prospects()[0]
    demo_store.save_prospect(first.model_copy(update={"notes": "edited in the first copy"}))
    second = open_demo_store(demo_workspace_file())
    try:
        reopened = second.prospect_named(first.name)
        assert second.path != demo_store.path
        assert reopened is not None
        assert reopened.notes == first.notes
    finally:
        second.close()


# CRM-shaped prospect files


def read_sample_csv(name: str) -> tuple[list[str], list[list[str]]]:
    with (resource_dir("sample_data") / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


@pytest.mark.parametrize(
    ("file_name", "expected_headers"),
    [
        (
            "prospects-hubspot.csv",
            [
                "Record ID",
                "Company name",
                "Industry",
                "Annual Revenue",
                "Number of Employees",
                "Country/Region",
                "Create Date",
            ],
        ),
        (
            "prospects-salesforce.csv",
            [
                "Account ID",
                "Account Name",
                "Industry",
                "AnnualRevenue",
                "NumberOfEmployees",
                "BillingCountry",
                "Type",
            ],
        ),
    ],
)
def test_sample_csv_has_crm_headers(file_name: str, expected_headers: list[str]) -> None:
    headers, _ = read_sample_csv(file_name)
    for header in expected_headers:
        assert header in headers, f"{file_name} has no {header!r} column"


@pytest.mark.parametrize("file_name", ["prospects-hubspot.csv", "prospects-salesforce.csv"])
def test_sample_csv_rows_well_formed(file_name: str) -> None:
    headers, rows = read_sample_csv(file_name)
    assert 8 <= len(rows) <= 12
    for number, row in enumerate(rows, start=2):
        assert len(row) == len(headers), f"{file_name} row {number} has {len(row)} cells"
    names = [row[1] for row in rows]
    assert len(set(names)) == len(names)


def test_hubspot_csv_numbers_as_people_write() -> None:
    headers, rows = read_sample_csv("prospects-hubspot.csv")
    revenue_column = headers.index("Annual Revenue")
    employees_column = headers.index("Number of Employees")
    revenues = [row[revenue_column] for row in rows]
    employees = [row[employees_column] for row in rows]
    assert any(value.startswith("$") for value in revenues)
    assert any("," in value for value in employees)
    assert employees.count("") == 1


def test_sample_csv_names_avoid_demo_names(demo_store: WorkspaceStore) -> None:
    demo_names = {p.name.casefold() for p in demo_store.prospects()}
    for file_name in ("prospects-hubspot.csv", "prospects-salesforce.csv"):
        _, rows = read_sample_csv(file_name)
        for row in rows:
            assert row[1].casefold() not in demo_names, f"{file_name}: {row[1]}"
