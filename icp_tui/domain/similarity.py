"""The closest best customer: the best past account a record resembles most on the profile.

Two accounts share a characteristic when both are known on it and have the same state:
both match it, or both miss it. An unknown state never counts as shared, so a prospect
with few known traits resembles no one strongly. Overrides count as the state they set,
as they do in scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from icp_tui.domain.attributes import TraitValue
from icp_tui.domain.models import AccountTier, Override, PastAccount, State
from icp_tui.domain.scoring import ProfileScorer

EVIDENCE_TIERS = (AccountTier.BEST, AccountTier.NEAR_MISS)
"""Past accounts a prospect is compared with: the best ones and the near misses."""


@dataclass(frozen=True, slots=True)
class ClosestAccount:
    """The best account most like a record, and on how many characteristics."""

    account_id: str
    name: str
    shared: int
    total: int

    def describe(self) -> str:
        """Return the match in words, e.g. "most like Northwind: 4 of 5"."""
        return f"most like {self.name}: {self.shared} of {self.total}"


class BestCustomerIndex:
    """The states of the best accounts, computed once, to compare many records with."""

    def __init__(self, scorer: ProfileScorer, accounts: Iterable[PastAccount]) -> None:
        self._scorer = scorer
        self._total = len(scorer.profile.characteristics)
        chosen = [a for a in accounts if a.tier in EVIDENCE_TIERS]
        # Best accounts come before near misses, then names in order, so ties resolve the
        # same way every time.
        chosen.sort(key=lambda a: (EVIDENCE_TIERS.index(a.tier), a.name.casefold(), a.name))
        self._accounts = [
            (account, [r.state for r in scorer.states(account.traits, account.overrides)])
            for account in chosen
        ]

    def closest(
        self,
        traits: Mapping[str, TraitValue],
        overrides: Mapping[str, Override] | None = None,
        *,
        exclude_id: str | None = None,
    ) -> ClosestAccount | None:
        """Return the best account sharing the most characteristics with `traits`.

        Return None when the profile is empty, no best account exists, or no account
        shares a single characteristic. `exclude_id` leaves out the record itself when a
        past account is compared with the others.
        """
        if not self._total:
            return None
        states = [r.state for r in self._scorer.states(traits, overrides)]
        found: ClosestAccount | None = None
        for account, account_states in self._accounts:
            if account.id == exclude_id:
                continue
            shared = sum(
                1
                for mine, theirs in zip(states, account_states, strict=True)
                if mine is theirs and mine is not State.UNKNOWN
            )
            if shared and (found is None or shared > found.shared):
                found = ClosestAccount(account.id, account.name, shared, self._total)
        return found


def closest_best_customer(
    scorer: ProfileScorer,
    accounts: Iterable[PastAccount],
    traits: Mapping[str, TraitValue],
    overrides: Mapping[str, Override] | None = None,
) -> ClosestAccount | None:
    """Return the best account most like `traits`; see `BestCustomerIndex.closest`."""
    return BestCustomerIndex(scorer, accounts).closest(traits, overrides)
