"""Relationship score: how good a past account has been to work with, from outcome measures.

The score runs from 0 to 100 and starts at 50, the neutral point. Each recorded measure is
turned into a value from 0 (worst) to 1 (best) and moves the score by

    points = weight * (value - 0.5)

so a measure at its best adds half its weight and a measure at its worst removes half.
The weights add up to 100:

    measure         weight  value from 0 to 1
    profitability     25    (rating - 1) / 4, rating 1 to 5
    relationship      25    (rating - 1) / 4, rating 1 to 5
    renewals          15    min(renewals, 5) / 5
    referrals         15    min(referrals, 3) / 3
    repeat wins       10    min(won deals - 1, 5) / 5, from imported deal history
    win rate          10    won / (won + lost), from imported deal history

A measure that is not recorded counts as neutral (no points), so an account with little
evidence stays near 50 instead of jumping to an extreme on one good number. Revenue, deal
values and company size are left out on purpose: the best customers are chosen by how they
pay off and behave, not by how big they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from icp_tui.domain.models import PastAccount

NEUTRAL_SCORE = 50.0
RENEWALS_CAP = 5
REFERRALS_CAP = 3
REPEAT_WINS_CAP = 5

WEIGHTS: dict[str, float] = {
    "profitability": 25,
    "relationship": 25,
    "renewals": 15,
    "referrals": 15,
    "repeat_wins": 10,
    "win_rate": 10,
}
"""Weight of each measure, in score points; the weights add up to 100."""

LABELS: dict[str, str] = {
    "profitability": "Profitability",
    "relationship": "Relationship quality",
    "renewals": "Renewals",
    "referrals": "Referrals",
    "repeat_wins": "Repeat wins",
    "win_rate": "Win rate",
}


@dataclass(frozen=True, slots=True)
class Contribution:
    """One recorded measure and the points it adds to (or removes from) the score."""

    measure: str
    label: str
    value_text: str
    """The recorded value in words, such as "4 of 5", "3" or "71% of 46 closed deals"."""
    points: float

    def describe(self) -> str:
        """Return one line such as `Profitability 5 of 5: raised it by 12.5`."""
        if self.points > 0:
            effect = f"raised it by {self.points:.1f}"
        elif self.points < 0:
            effect = f"lowered it by {-self.points:.1f}"
        else:
            effect = "left it unchanged"
        return f"{self.label} {self.value_text}: {effect}"


@dataclass(frozen=True, slots=True)
class RelationshipScore:
    """An account's relationship score with the measures that make it up."""

    value: float
    """Score from 0 to 100; 50 means no evidence either way."""
    contributions: tuple[Contribution, ...]
    """Recorded measures, largest effect first."""
    missing: tuple[str, ...]
    """Labels of the measures that are not recorded and so count as neutral."""

    @property
    def has_evidence(self) -> bool:
        return bool(self.contributions)

    @property
    def raised(self) -> tuple[Contribution, ...]:
        return tuple(c for c in self.contributions if c.points > 0)

    @property
    def lowered(self) -> tuple[Contribution, ...]:
        return tuple(c for c in self.contributions if c.points < 0)

    def explanation(self) -> list[str]:
        """Return the score in words: one line per recorded measure, then the missing ones."""
        lines = [f"Relationship score {self.value:.1f} (50 is neutral)"]
        lines.extend(c.describe() for c in self.contributions)
        if self.missing:
            lines.append("Not recorded, counted as neutral: " + ", ".join(self.missing))
        return lines


def _points(measure: str, value: float) -> float:
    return WEIGHTS[measure] * (value - 0.5)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def relationship_score(account: PastAccount) -> RelationshipScore:
    """Compute the relationship score of `account`; the module docstring gives the formula."""
    found: list[Contribution] = []
    if account.profitability is not None:
        value = (account.profitability - 1) / 4
        found.append(
            Contribution(
                "profitability",
                LABELS["profitability"],
                f"{account.profitability} of 5",
                _points("profitability", value),
            )
        )
    if account.relationship is not None:
        value = (account.relationship - 1) / 4
        found.append(
            Contribution(
                "relationship",
                LABELS["relationship"],
                f"{account.relationship} of 5",
                _points("relationship", value),
            )
        )
    if account.renewals is not None:
        value = min(account.renewals, RENEWALS_CAP) / RENEWALS_CAP
        found.append(
            Contribution(
                "renewals",
                LABELS["renewals"],
                str(account.renewals),
                _points("renewals", value),
            )
        )
    if account.referrals is not None:
        value = min(account.referrals, REFERRALS_CAP) / REFERRALS_CAP
        found.append(
            Contribution(
                "referrals",
                LABELS["referrals"],
                str(account.referrals),
                _points("referrals", value),
            )
        )
    deals = account.deals
    win_rate = deals.win_rate if deals is not None else None
    # A summary with no closed deal carries no evidence, so both deal measures stay neutral.
    if deals is not None and win_rate is not None:
        repeats = max(deals.won - 1, 0)
        found.append(
            Contribution(
                "repeat_wins",
                LABELS["repeat_wins"],
                f"{repeats} ({_plural(deals.won, 'won deal')})",
                _points("repeat_wins", min(repeats, REPEAT_WINS_CAP) / REPEAT_WINS_CAP),
            )
        )
        closed = deals.won + deals.lost
        found.append(
            Contribution(
                "win_rate",
                LABELS["win_rate"],
                f"{win_rate:.0%} of {_plural(closed, 'closed deal')}",
                _points("win_rate", win_rate),
            )
        )

    recorded = {c.measure for c in found}
    missing = tuple(LABELS[m] for m in WEIGHTS if m not in recorded)
    ordered = tuple(sorted(found, key=lambda c: -abs(c.points)))
    value = NEUTRAL_SCORE + sum(c.points for c in found)
    return RelationshipScore(value=value, contributions=ordered, missing=missing)


def rank_by_relationship(
    accounts: Iterable[PastAccount],
) -> list[tuple[PastAccount, RelationshipScore]]:
    """Return each account with its score, highest score first, then by name."""
    scored = [(account, relationship_score(account)) for account in accounts]
    return sorted(scored, key=lambda item: (-item[1].value, item[0].name.casefold(), item[0].name))
