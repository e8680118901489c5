"""Marks and words for states, so that every state reads without colour."""

from __future__ import annotations

from rich.text import Text

from icp_tui.domain.models import AccountTier, State

FIT_TIER_MARKS = {"strong": "●●●●", "good": "●●●○", "partial": "●●○○", "weak": "●○○○"}
"""Fit tier as dots beside the word."""

ACCOUNT_TIER_MARKS: dict[AccountTier, tuple[str, str]] = {
    AccountTier.BEST: ("★", "best"),
    AccountTier.NEAR_MISS: ("☆", "near miss"),
    AccountTier.POOR: ("✗", "poor"),
    AccountTier.OTHER: ("·", "other"),
}

STATE_MARKS: dict[State, tuple[str, str]] = {
    State.MATCH: ("✓", "match"),
    State.MISMATCH: ("✗", "mismatch"),
    State.UNKNOWN: ("?", "unknown"),
}


def fit_tier_text(tier: str, incomplete: bool = False) -> Text:
    """Return a fit tier as dots and the word, with "incomplete" when under 60% is known."""
    text = Text(f"{FIT_TIER_MARKS.get(tier, '')} {tier}")
    if incomplete:
        text.append(" incomplete", "italic")
    return text


def account_tier_text(tier: AccountTier) -> Text:
    mark, word = ACCOUNT_TIER_MARKS[tier]
    style = "bold" if tier in (AccountTier.BEST, AccountTier.NEAR_MISS) else ""
    return Text(f"{mark} {word}", style=style)


def state_text(state: State, short: bool = False) -> Text:
    """Return a characteristic state as a mark, and the word unless `short`."""
    mark, word = STATE_MARKS[state]
    return Text(mark if short else f"{mark} {word}")


COMPACT_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


def compact_number(value: float) -> str:
    """Return a number in at most about five characters: 950, 12k, 4.5M, 1.2B."""
    for size, unit in COMPACT_UNITS:
        if abs(value) >= size:
            scaled = value / size
            shown = f"{scaled:.1f}" if abs(scaled) < 10 else f"{scaled:.0f}"
            return shown.removesuffix(".0") + unit
    return f"{value:g}" if value != int(value) else str(int(value))
