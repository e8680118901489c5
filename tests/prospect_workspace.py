"""A small real workspace for the record screen, finder and meter tests and benchmark.

The profile has three demographic and two psychographic characteristics:
employees 200 to 2,000, industry Healthcare or Biotech, geography Europe,
partnership at least 4, adoption at least 3.
"""

from __future__ import annotations

from pathlib import Path

from icp_tui.domain.models import AccountTier, PastAccount, Profile, Prospect
from icp_tui.store import WorkspaceStore

PROFILE_JSON = {
    "format": "icp-profile",
    "version": 1,
    "name": "Mid-market healthcare partners",
    "characteristics": [
        {
            "label": "Mid-market: 200 to 2,000 employees",
            "attribute": "employees",
            "criterion": {"min": 200, "max": 2000},
        },
        {
            "label": "Healthcare or biotech",
            "attribute": "industry",
            "criterion": {"one_of": ["Healthcare", "Biotech"]},
        },
        {"label": "Based in Europe", "attribute": "geography", "criterion": {"one_of": ["Europe"]}},
        {"label": "Wants a partnership", "attribute": "partnership", "criterion": {"at_least": 4}},
        {"label": "Open to new methods", "attribute": "adoption", "criterion": {"at_least": 3}},
    ],
}

ACCOUNTS = [
    PastAccount(
        name="Northwind Health",
        tier=AccountTier.BEST,
        traits={
            "employees": 800,
            "industry": "Healthcare",
            "geography": "Europe",
            "partnership": 5,
            "adoption": 4,
        },
    ),
    PastAccount(
        name="Contoso Bio",
        tier=AccountTier.BEST,
        traits={
            "employees": 5000,
            "industry": "Biotech",
            "geography": "North America",
            "partnership": 4,
            "adoption": 2,
        },
    ),
    PastAccount(
        name="Fabrikam Retail",
        tier=AccountTier.POOR,
        traits={"employees": 40, "industry": "Retail", "geography": "Europe", "partnership": 1},
    ),
]


def build_store(path: Path, *, prospects: int = 0) -> WorkspaceStore:
    """Create a store at `path` with the profile, the accounts and named prospects.

    "Acme Clinics" has every trait but partnership and adoption known and matching;
    "Globex Retail" mismatches on industry; `prospects` more are named "Filler NNNNN".
    """
    store = WorkspaceStore.open(path)
    store.save_profile(Profile.from_json(PROFILE_JSON))
    named = [
        Prospect(
            name="Acme Clinics",
            traits={"employees": 450, "industry": "Healthcare", "geography": "Europe"},
        ),
        Prospect(name="Globex Retail", traits={"industry": "Retail", "employees": 900}),
    ]
    fillers = [
        Prospect(
            name=f"Filler {number:05d}",
            traits={
                "employees": 100 + number % 3000,
                "industry": ("Healthcare", "Retail")[number % 2],
            },
        )
        for number in range(prospects)
    ]
    store.save_many(accounts=ACCOUNTS, prospects=[*named, *fillers])
    return store
