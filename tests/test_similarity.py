"""Closest best customer: which best account a record shares most characteristics with."""

from __future__ import annotations

from icp_tui.domain.models import AccountTier, Override, PastAccount, Profile, State
from icp_tui.domain.scoring import ProfileScorer
from icp_tui.domain.similarity import BestCustomerIndex, closest_best_customer
from tests.prospect_workspace import ACCOUNTS, PROFILE_JSON

SCORER = ProfileScorer(Profile.from_json(PROFILE_JSON))


def test_closest_counts_shared_known_states() -> None:
    traits = {"employees": 450, "industry": "Healthcare", "geography": "Europe"}

    closest = closest_best_customer(SCORER, ACCOUNTS, traits)

    assert closest is not None
    assert closest.name == "Northwind Health"
    assert closest.shared == 3
    assert closest.total == 5
    assert closest.describe() == "most like Northwind Health: 3 of 5"


def test_closest_counts_shared_mismatches() -> None:
    # Contoso misses on employees, geography and adoption; so does this record.
    traits = {"employees": 9000, "geography": "Asia", "adoption": 1, "partnership": 5}

    closest = closest_best_customer(SCORER, ACCOUNTS, traits)

    assert closest is not None
    assert closest.name == "Contoso Bio"
    assert closest.shared == 4


def test_closest_ignores_poor_accounts() -> None:
    # Fabrikam Retail (poor) shares three characteristics; Contoso Bio shares one.
    traits = {"employees": 40, "industry": "Retail", "partnership": 1}

    closest = closest_best_customer(SCORER, ACCOUNTS, traits)

    assert closest is not None
    assert closest.name == "Contoso Bio"
    assert closest.shared == 1


def test_closest_none_without_known_traits() -> None:
    assert closest_best_customer(SCORER, ACCOUNTS, {}) is None


def test_closest_none_for_empty_profile() -> None:
    scorer = ProfileScorer(Profile())

    assert closest_best_customer(scorer, ACCOUNTS, {"employees": 450}) is None


def test_closest_includes_near_miss() -> None:
    near_miss = PastAccount(
        name="Lost Lake Labs",
        tier=AccountTier.NEAR_MISS,
        traits={"employees": 9000, "industry": "Retail", "geography": "Asia"},
    )

    closest = closest_best_customer(
        SCORER,
        [*ACCOUNTS, near_miss],
        {"employees": 9000, "industry": "Retail", "geography": "Asia"},
    )

    assert closest is not None
    assert closest.name == "Lost Lake Labs"


def test_closest_tie_prefers_best_tier() -> None:
    twin = PastAccount(
        name="Aardvark Care",
        tier=AccountTier.NEAR_MISS,
        traits=dict(ACCOUNTS[0].traits),
    )

    closest = closest_best_customer(SCORER, [twin, *ACCOUNTS], dict(ACCOUNTS[0].traits))

    assert closest is not None
    assert closest.name == "Northwind Health"


def test_closest_uses_overrides() -> None:
    overrides = {"industry": Override(state=State.MISMATCH, reason="moving into retail")}
    traits = {"employees": 9000, "industry": "Healthcare", "geography": "Asia"}

    closest = closest_best_customer(SCORER, ACCOUNTS, traits, overrides)

    assert closest is not None
    assert closest.name == "Contoso Bio"
    assert closest.shared == 2


def test_closest_excludes_record_itself() -> None:
    index = BestCustomerIndex(SCORER, ACCOUNTS)
    northwind = ACCOUNTS[0]

    closest = index.closest(northwind.traits, exclude_id=northwind.id)

    assert closest is not None
    assert closest.name == "Contoso Bio"
