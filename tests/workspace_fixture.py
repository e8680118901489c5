"""A small, fixed workspace for the app's tests: accounts, a profile and prospects."""

from __future__ import annotations

from pathlib import Path

from icp_tui.domain.models import (
    AccountTier,
    Characteristic,
    Criterion,
    PastAccount,
    Profile,
    Prospect,
)
from icp_tui.store import WorkspaceStore

ACCOUNTS = [
    ("Northwind Health", AccountTier.BEST, "Healthcare", 850, 42e6, 5, 5, 4, 2, 4),
    ("Bluefin Labs", AccountTier.BEST, "Biotech", 420, 18e6, 4, 5, 3, 1, 5),
    ("Cedar Clinics", AccountTier.BEST, "Healthcare", 1200, 60e6, 5, 4, 5, 3, 4),
    ("Delta Diagnostics", AccountTier.BEST, "Healthcare", 300, 12e6, 4, 4, 2, 2, 4),
    ("Evergreen Bio", AccountTier.BEST, "Biotech", 640, 25e6, 5, 5, 3, 1, 5),
    ("Fjord Pharma", AccountTier.NEAR_MISS, "Pharma", 1500, 90e6, 3, 4, 1, 0, 4),
    ("Granite Retail", AccountTier.POOR, "Retail", 5000, 400e6, 1, 2, 0, 0, 1),
    ("Harbor Logistics", AccountTier.POOR, "Logistics", 2200, 150e6, 2, 1, 1, 0, 2),
    ("Iris Media [bold]x[/bold]", AccountTier.OTHER, "Media", 90, 4e6, 3, 3, 1, 0, None),
    ("東京 Trading 🚀", AccountTier.OTHER, "Trading", 150, 9e6, 3, 3, 0, 1, 3),
]

PROSPECTS = [
    ("Juniper Health", {"industry": "Healthcare", "employees": 700, "partnership": 5}),
    ("Kestrel Bio", {"industry": "Biotech", "employees": 3000}),
    ("Lumen Stores", {"industry": "Retail", "employees": 9000, "partnership": 1}),
    ("Maple Care", {"industry": "Healthcare"}),
    ("Nimbus \x1b[31mRed\x1b[0m Corp", {"employees": 400}),
]


def fill_workspace(store: WorkspaceStore) -> None:
    """Fill an empty store with the fixed accounts, profile and prospects above."""
    store.set_workspace_name("Test workspace")
    for index, row in enumerate(ACCOUNTS):
        (name, tier, industry, employees, revenue) = row[:5]
        (profit, relation, renewals, referrals, partner) = row[5:]
        traits: dict[str, object] = {
            "industry": industry,
            "employees": employees,
            "annual_revenue": revenue,
        }
        if partner is not None:
            traits["partnership"] = partner
        store.save_account(
            PastAccount.model_validate(
                {
                    "id": f"account-{index:02d}",
                    "name": name,
                    "tier": tier,
                    "traits": traits,
                    "profitability": profit,
                    "relationship": relation,
                    "renewals": renewals,
                    "referrals": referrals,
                }
            )
        )
    store.save_profile(
        Profile(
            name="Care providers who partner",
            characteristics=(
                Characteristic(
                    label="Healthcare or biotech",
                    attribute="industry",
                    criterion=Criterion(one_of=("Healthcare", "Biotech")),
                ),
                Characteristic(
                    label="200 to 2,000 employees",
                    attribute="employees",
                    criterion=Criterion(min=200, max=2000),
                ),
                Characteristic(
                    label="Wants a long-term partner",
                    attribute="partnership",
                    criterion=Criterion(at_least=4),
                ),
            ),
        )
    )
    for index, (name, traits) in enumerate(PROSPECTS):
        store.save_prospect(
            Prospect.model_validate({"id": f"prospect-{index:02d}", "name": name, "traits": traits})
        )


def make_store(folder: Path) -> WorkspaceStore:
    """Open a new store in `folder` and fill it with the fixed workspace."""
    store = WorkspaceStore.open(folder / "store.json")
    fill_workspace(store)
    return store
