"""Prospect score summaries kept between screens, so that the home screen and step 5 score once.

Scoring 100,000 prospects takes seconds in pure Python, and both screens need every score
(to rank and to count tiers). The cache is valid while the profile is equal and the store
returns the very same prospect objects. That test is sound because the store replaces a
record's object whenever it saves it, and the cache keeps the old objects alive, so their
ids cannot be reused.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from icp_tui.domain.models import Profile, Prospect
from icp_tui.domain.report import RankedRecord, rank_records


class ScoreCache:
    """The ranked scores of the last prospect list and profile seen; safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._profile: Profile | None = None
        self._records: tuple[Prospect, ...] = ()
        self._scored: list[RankedRecord] = []

    def ranked(self, profile: Profile, prospects: Sequence[Prospect]) -> list[RankedRecord]:
        """Return `prospects` with score summaries against `profile`, highest fit first."""
        with self._lock:
            if self._is_current(profile, prospects):
                return self._scored
            scored = rank_records(profile, prospects)
            self._profile = profile
            self._records = tuple(prospects)
            self._scored = scored
            return scored

    def _is_current(self, profile: Profile, prospects: Sequence[Prospect]) -> bool:
        if self._profile is None or profile != self._profile:
            return False
        if len(prospects) != len(self._records):
            return False
        return all(new is old for new, old in zip(prospects, self._records, strict=True))
