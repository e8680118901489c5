"""Backtest: separation of best from poor accounts, and the plain-text chart."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from icp_tui.domain.attributes import TraitValue
from icp_tui.domain.backtest import backtest, fit_chart
from icp_tui.domain.models import AccountTier, PastAccount, Profile

PROFILE = Profile.model_validate(
    {
        "characteristics": [
            {"label": "Retail", "attribute": "industry", "criterion": {"one_of": ["Retail"]}},
            {"label": "Mid-size", "attribute": "employees", "criterion": {"min": 100, "max": 1000}},
            {"label": "German", "attribute": "geography", "criterion": {"one_of": ["Germany"]}},
            {"label": "Partners", "attribute": "partnership", "criterion": {"at_least": 4}},
        ]
    }
)

ALL: dict[str, TraitValue] = {
    "industry": "Retail",
    "employees": 500,
    "geography": "Germany",
    "partnership": 5,
}
THREE = {**ALL, "partnership": 1}
TWO = {**THREE, "geography": "France"}
ONE = {**TWO, "employees": 5}
NONE: dict[str, TraitValue] = {}


def accounts(
    best: Sequence[dict[str, TraitValue]], poor: Sequence[dict[str, TraitValue]]
) -> list[PastAccount]:
    made = [
        PastAccount(name=f"B{i}", tier=AccountTier.BEST, traits=t)
        for i, t in enumerate(best, start=1)
    ]
    made += [
        PastAccount(name=f"P{i}", tier=AccountTier.POOR, traits=t)
        for i, t in enumerate(poor, start=1)
    ]
    return made


def test_backtest_perfect_separation() -> None:
    result = backtest(PROFILE, accounts([ALL, ALL, THREE], [ONE, NONE]))
    assert result.pairs == 6
    assert result.higher == 6
    assert result.separation == 1.0


def test_backtest_counts_pairs_and_ties() -> None:
    # Best fits 100, 75, 50; poor fits 75, 25. Pairs won: 100>75, 100>25, 75>25, 50>25 = 4;
    # tie: 75 = 75; lost: 50 < 75.
    result = backtest(PROFILE, accounts([ALL, THREE, TWO], [THREE, ONE]))
    assert result.pairs == 6
    assert result.higher == 4
    assert result.ties == 1
    assert result.separation == pytest.approx(4 / 6)


def test_backtest_fits_sorted_highest_first() -> None:
    result = backtest(PROFILE, accounts([TWO, ALL, THREE], [ONE]))
    assert [(f.name, f.fit, f.tier) for f in result.best_fits] == [
        ("B2", 100.0, "strong"),
        ("B3", 75.0, "good"),
        ("B1", 50.0, "partial"),
    ]


def test_backtest_near_miss_counts_as_best() -> None:
    made = accounts([ALL], [ONE])
    made.append(PastAccount(name="Missed", tier=AccountTier.NEAR_MISS, traits=TWO))
    result = backtest(PROFILE, made)
    assert [f.name for f in result.best_fits] == ["B1", "Missed"]
    assert result.pairs == 2


def test_backtest_none_without_poor() -> None:
    result = backtest(PROFILE, accounts([ALL], []))
    assert result.separation is None
    assert result.summary() == (
        "Backtest: not available; it needs at least one best or near-miss account and one "
        "poor account."
    )


def test_backtest_none_without_characteristics() -> None:
    result = backtest(Profile(), accounts([ALL], [ONE]))
    assert result.separation is None
    assert result.summary() == "Backtest: not available; the profile has no characteristics."


def test_backtest_summary_sentence() -> None:
    result = backtest(PROFILE, accounts([ALL, THREE, TWO], [THREE, ONE]))
    assert result.summary() == (
        "Backtest: the best account has the higher fit in 4 of 6 best/poor pairs (67%); 1 tied."
    )


def test_chart_draws_bands_and_counts() -> None:
    result = backtest(PROFILE, accounts([ALL, ALL, THREE, TWO], [ONE, NONE]))
    assert fit_chart(result, bar_width=4) == [
        "fit     best (4)   poor (2)",
        "80-100  #### 2",
        "60-79   ## 1",
        "40-59   ## 1",
        "20-39              ## 1",
        "0-19               ## 1",
    ]


def test_chart_keeps_one_mark_for_small_counts() -> None:
    many = [ALL] * 40
    result = backtest(PROFILE, accounts(many, [ONE]))
    lines = fit_chart(result, bar_width=10)
    assert lines[1] == "80-100  ########## 40"
    assert lines[4] == "20-39   " + " " * 16 + "# 1"


def test_chart_plain_ascii_within_sixty() -> None:
    result = backtest(PROFILE, accounts([ALL] * 999, [ONE] * 999))
    for line in fit_chart(result):
        assert line.isascii()
        assert len(line) <= 60
