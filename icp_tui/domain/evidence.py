"""Shared rules of the evidence analysis: which accounts count as best or poor, and "most"."""

from __future__ import annotations

from collections.abc import Iterable

from icp_tui.domain.models import AccountTier, PastAccount

CHOSEN_TIERS = frozenset({AccountTier.BEST, AccountTier.NEAR_MISS})
"""Tiers that make up "the best accounts": a near miss is an account the user wishes they
had kept, so it is evidence of the ideal customer just like a best account."""


def chosen_accounts(accounts: Iterable[PastAccount]) -> list[PastAccount]:
    """Return the best and near-miss accounts, in the order given."""
    return [account for account in accounts if account.tier in CHOSEN_TIERS]


def poor_accounts(accounts: Iterable[PastAccount]) -> list[PastAccount]:
    """Return the accounts marked poor, in the order given."""
    return [account for account in accounts if account.tier is AccountTier.POOR]


def at_least_two_thirds(count: int, total: int) -> bool:
    """Test `count >= 2/3 * total` without rounding; the analysis uses it for "most"."""
    return total > 0 and 3 * count >= 2 * total
