"""Backtest: how well the profile separates the best accounts from the poor ones.

Every best (or near-miss) account is paired with every poor account. The separation is
the share of pairs in which the best account has the strictly higher fit. A separation of
1.0 means the profile ranks every best account above every poor one, and 0.5 is no better
than chance. Ties count against the profile and are also reported on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from icp_tui.domain.evidence import chosen_accounts, poor_accounts
from icp_tui.domain.models import PastAccount, Profile
from icp_tui.domain.scoring import ProfileScorer

CHART_BANDS: tuple[tuple[str, float], ...] = (
    ("80-100", 80.0),
    ("60-79", 60.0),
    ("40-59", 40.0),
    ("20-39", 20.0),
    ("0-19", 0.0),
)
"""Fit bands of the chart, highest first, as (label, lowest fit in the band)."""


@dataclass(frozen=True, slots=True)
class AccountFit:
    """One account's fit to the profile, in percent, and its tier."""

    name: str
    fit: float
    tier: str


@dataclass(frozen=True, slots=True)
class Backtest:
    """The separation and the fits it was computed from."""

    separation: float | None
    """Share of best/poor pairs won by the best account, 0 to 1; None without pairs or
    without characteristics."""
    pairs: int
    higher: int
    """Pairs in which the best account has the higher fit."""
    ties: int
    best_fits: tuple[AccountFit, ...]
    """Fits of the best and near-miss accounts, highest first."""
    poor_fits: tuple[AccountFit, ...]
    """Fits of the poor accounts, highest first."""

    def summary(self) -> str:
        """Return the result in one sentence, or why there is none."""
        if self.separation is None:
            if not self.best_fits or not self.poor_fits:
                return (
                    "Backtest: not available; it needs at least one best or near-miss "
                    "account and one poor account."
                )
            return "Backtest: not available; the profile has no characteristics."
        text = (
            f"Backtest: the best account has the higher fit in {self.higher} of {self.pairs} "
            f"best/poor pairs ({self.separation:.0%})"
        )
        if self.ties:
            text += f"; {self.ties} tied"
        return text + "."


def backtest(profile: Profile, accounts: Iterable[PastAccount]) -> Backtest:
    """Score the best and poor accounts against `profile` and measure the separation."""
    accounts = list(accounts)
    scorer = ProfileScorer(profile)

    def fits(group: Sequence[PastAccount]) -> tuple[AccountFit, ...]:
        scored: list[AccountFit] = []
        for account in group:
            score = scorer.score(account.traits, account.overrides)
            scored.append(AccountFit(account.name, score.fit, score.tier))
        return tuple(sorted(scored, key=lambda f: (-f.fit, f.name.casefold(), f.name)))

    best = fits(chosen_accounts(accounts))
    poor = fits(poor_accounts(accounts))
    pairs = len(best) * len(poor)
    higher = sum(1 for b in best for p in poor if b.fit > p.fit)
    ties = sum(1 for b in best for p in poor if b.fit == p.fit)
    separation = higher / pairs if pairs and profile.characteristics else None
    return Backtest(separation, pairs, higher, ties, best, poor)


def _band(fit: float) -> int:
    for index, (_, lowest) in enumerate(CHART_BANDS):
        if fit >= lowest:
            return index
    return len(CHART_BANDS) - 1


def fit_chart(result: Backtest, bar_width: int = 20) -> list[str]:
    """Draw both groups' fits as a histogram in plain characters, one line per fit band.

    Bars are scaled so the fullest band is `bar_width` characters wide; a band with any
    account shows at least one character. With the default width and fewer than 1,000
    accounts in a group, a line fits in 60 columns.
    """
    best_counts = [0] * len(CHART_BANDS)
    poor_counts = [0] * len(CHART_BANDS)
    for fit in result.best_fits:
        best_counts[_band(fit.fit)] += 1
    for fit in result.poor_fits:
        poor_counts[_band(fit.fit)] += 1
    fullest = max([*best_counts, *poor_counts, 1])

    def bar(count: int) -> str:
        if count == 0:
            return ""
        return "#" * max(1, round(count * bar_width / fullest)) + f" {count}"

    best_header = f"best ({len(result.best_fits)})"
    column = max(bar_width + 1 + len(str(fullest)), len(best_header)) + 3
    lines = [f"{'fit':<8}{best_header:<{column}}poor ({len(result.poor_fits)})"]
    for (label, _), best_count, poor_count in zip(
        CHART_BANDS, best_counts, poor_counts, strict=True
    ):
        lines.append(f"{label:<8}{bar(best_count):<{column}}{bar(poor_count)}".rstrip())
    return lines
