"""Relationship score: the documented formula, its explanation and the ranking."""

from __future__ import annotations

from typing import Any

import pytest

from icp_tui.domain.models import DealSummary, PastAccount
from icp_tui.domain.relationship import rank_by_relationship, relationship_score


def account(name: str = "Acme", **fields: Any) -> PastAccount:
    return PastAccount(name=name, **fields)


def test_score_without_measures_is_neutral() -> None:
    result = relationship_score(account())
    assert result.value == 50
    assert not result.has_evidence
    assert result.missing == (
        "Profitability",
        "Relationship quality",
        "Renewals",
        "Referrals",
        "Repeat wins",
        "Win rate",
    )


def test_score_best_measures_reach_hundred() -> None:
    best = account(
        profitability=5,
        relationship=5,
        renewals=5,
        referrals=3,
        deals=DealSummary(won=6, lost=0),
    )
    assert relationship_score(best).value == pytest.approx(100)


def test_score_worst_measures_reach_zero() -> None:
    worst = account(
        profitability=1,
        relationship=1,
        renewals=0,
        referrals=0,
        deals=DealSummary(won=0, lost=4),
    )
    assert relationship_score(worst).value == pytest.approx(0)


def test_score_matches_hand_calculation() -> None:
    # profitability 4: 25 * (0.75 - 0.5) = +6.25; relationship 2: 25 * (0.25 - 0.5) = -6.25;
    # renewals 2 of 5: 15 * (0.4 - 0.5) = -1.5; referrals 3 of 3: 15 * 0.5 = +7.5.
    result = relationship_score(account(profitability=4, relationship=2, renewals=2, referrals=3))
    assert result.value == pytest.approx(56.0)
    assert result.missing == ("Repeat wins", "Win rate")


def test_score_ignores_revenue_and_size() -> None:
    small = account("Small", profitability=4, traits={"annual_revenue": 1_000, "employees": 5})
    large = account(
        "Large", profitability=4, traits={"annual_revenue": 9_000_000_000, "employees": 90_000}
    )
    assert relationship_score(small).value == relationship_score(large).value


def test_score_counts_deal_history() -> None:
    # 6 won: 5 repeats, capped at 5: +5; win rate 6 / 8 = 0.75: 10 * 0.25 = +2.5.
    result = relationship_score(account(deals=DealSummary(won=6, lost=2)))
    assert result.value == pytest.approx(57.5)
    measures = {c.measure: c.points for c in result.contributions}
    assert measures["repeat_wins"] == pytest.approx(5.0)
    assert measures["win_rate"] == pytest.approx(2.5)


def test_score_deals_without_closed_deals_neutral() -> None:
    result = relationship_score(account(deals=DealSummary(won=0, lost=0)))
    assert result.value == 50
    assert "Win rate" in result.missing
    assert "Repeat wins" in result.missing


def test_score_caps_renewals_and_referrals() -> None:
    capped = relationship_score(account(renewals=5, referrals=3)).value
    beyond = relationship_score(account(renewals=40, referrals=12)).value
    assert capped == beyond


def test_explanation_names_raised_and_lowered() -> None:
    result = relationship_score(account(profitability=5, relationship=1, renewals=3))
    assert [c.measure for c in result.raised] == ["profitability", "renewals"]
    assert [c.measure for c in result.lowered] == ["relationship"]
    lines = result.explanation()
    assert lines[0] == "Relationship score 51.5 (50 is neutral)"
    assert "Profitability 5 of 5: raised it by 12.5" in lines
    assert "Relationship quality 1 of 5: lowered it by 12.5" in lines
    assert "Renewals 3: raised it by 1.5" in lines
    assert lines[-1] == "Not recorded, counted as neutral: Referrals, Repeat wins, Win rate"


def test_explanation_orders_by_effect() -> None:
    result = relationship_score(account(profitability=4, referrals=3, renewals=3))
    assert [c.measure for c in result.contributions] == ["referrals", "profitability", "renewals"]


def test_explanation_describes_win_rate() -> None:
    result = relationship_score(account(deals=DealSummary(won=33, lost=13)))
    lines = result.explanation()
    assert "Win rate 72% of 46 closed deals: raised it by 2.2" in lines
    assert "Repeat wins 32 (33 won deals): raised it by 5.0" in lines


def test_rank_highest_first_then_name() -> None:
    accounts = [
        account("beta", profitability=3),
        account("Alpha", profitability=3),
        account("Gamma", profitability=5),
        account("Delta", profitability=1),
    ]
    ranked = [a.name for a, _ in rank_by_relationship(accounts)]
    assert ranked == ["Gamma", "Alpha", "beta", "Delta"]
