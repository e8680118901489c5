"""Scoring rules, each with a hand-computed case."""

from __future__ import annotations

from typing import Any

import pytest

from icp_tui.domain.models import Override, Profile, State, Tiers
from icp_tui.domain.scoring import ProfileScorer, rank, score


def characteristic(
    attribute: str, criterion: dict[str, Any], weight: int = 1, label: str | None = None
) -> dict[str, Any]:
    return {
        "label": label or attribute,
        "attribute": attribute,
        "weight": weight,
        "criterion": criterion,
    }


def make_profile(
    *characteristics: dict[str, Any], tiers: dict[str, float] | None = None
) -> Profile:
    return Profile.model_validate({"characteristics": list(characteristics), "tiers": tiers or {}})


MIXED = make_profile(
    characteristic("employees", {"min": 200, "max": 2000}),
    characteristic("industry", {"one_of": ["Healthcare", "Biotech"]}),
    characteristic("partnership", {"at_least": 4}, weight=2),
)
"""Weights: employees 1, industry 1, partnership 2; total 4 (demographic 2, psychographic 2)."""


def test_fit_all_matched_is_100() -> None:
    result = score(MIXED, {"employees": 500, "industry": "Biotech", "partnership": 5})
    assert result.fit == 100.0
    assert result.tier == "strong"
    assert result.red_flags == ()


def test_fit_weights_matched_share() -> None:
    # Matched: employees (1) + industry (1) = 2 of 4.
    result = score(MIXED, {"employees": 500, "industry": "Biotech", "partnership": 2})
    assert result.fit == 50.0
    assert result.demographic_fit == 100.0
    assert result.psychographic_fit == 0.0
    assert result.known == 100.0
    assert result.tier == "partial"


def test_fit_heavy_characteristic_counts_double() -> None:
    # Matched: partnership (2) of 4.
    result = score(MIXED, {"employees": 50, "industry": "Retail", "partnership": 4})
    assert result.fit == 50.0
    assert result.demographic_fit == 0.0
    assert result.psychographic_fit == 100.0


def test_unknown_counts_as_not_matched() -> None:
    # Known: employees (1) + industry (1) = 2 of 4; matched: employees only.
    result = score(MIXED, {"employees": 300, "industry": "Retail"})
    assert result.fit == 25.0
    assert result.known == 50.0
    assert result.incomplete is True
    assert result.tier == "weak"


def test_incomplete_threshold_is_60_percent_known() -> None:
    profile = make_profile(
        characteristic("employees", {"min": 1}),
        characteristic("industry", {"one_of": ["A"]}),
        characteristic("geography", {"one_of": ["B"]}),
        characteristic("partnership", {"at_least": 3}),
        characteristic("adoption", {"at_least": 3}),
    )
    three_known = score(profile, {"employees": 5, "industry": "A", "geography": "B"})
    two_known = score(profile, {"employees": 5, "industry": "A"})
    assert three_known.known == 60.0
    assert three_known.incomplete is False
    assert two_known.known == 40.0
    assert two_known.incomplete is True


def test_red_flag_for_each_mismatch_and_unknown() -> None:
    result = score(MIXED, {"employees": 5000, "partnership": 5})
    reasons = {flag.attribute: flag.reason for flag in result.red_flags}
    assert reasons == {"employees": State.MISMATCH, "industry": State.UNKNOWN}


def test_psychographic_mismatch_is_friction_when_demographics_match() -> None:
    result = score(MIXED, {"employees": 500, "industry": "Healthcare", "partnership": 1})
    (flag,) = result.red_flags
    assert flag.attribute == "partnership"
    assert flag.friction is True


def test_psychographic_mismatch_not_friction_when_a_demographic_misses() -> None:
    result = score(MIXED, {"employees": 50, "industry": "Healthcare", "partnership": 1})
    flags = {flag.attribute: flag for flag in result.red_flags}
    assert flags["partnership"].friction is False
    assert flags["employees"].friction is False


def test_psychographic_unknown_is_not_friction() -> None:
    result = score(MIXED, {"employees": 500, "industry": "Healthcare"})
    (flag,) = result.red_flags
    assert flag.reason is State.UNKNOWN
    assert flag.friction is False


def test_demographic_only_profile_psychographic_not_applicable() -> None:
    profile = make_profile(characteristic("employees", {"min": 10}))
    result = score(profile, {"employees": 20})
    assert result.psychographic_fit is None
    assert result.demographic_fit == 100.0
    assert result.fit == 100.0


def test_psychographic_only_profile_demographic_not_applicable() -> None:
    profile = make_profile(characteristic("partnership", {"at_least": 4}))
    result = score(profile, {"partnership": 1})
    assert result.demographic_fit is None
    assert result.psychographic_fit == 0.0


def test_psychographic_only_profile_mismatch_not_friction() -> None:
    profile = make_profile(characteristic("partnership", {"at_least": 4}))
    (flag,) = score(profile, {"partnership": 1}).red_flags
    assert flag.friction is False


def test_empty_profile_scores_zero_without_error() -> None:
    result = score(Profile(), {"employees": 20})
    assert result.fit == 0.0
    assert result.known == 0.0
    assert result.demographic_fit is None
    assert result.psychographic_fit is None


@pytest.mark.parametrize(
    ("value", "state"),
    [(199, State.MISMATCH), (200, State.MATCH), (2000, State.MATCH), (2001, State.MISMATCH)],
)
def test_range_bounds_are_inclusive(value: int, state: State) -> None:
    profile = make_profile(characteristic("employees", {"min": 200, "max": 2000}))
    (result,) = score(profile, {"employees": value}).results
    assert result.state is state


def test_open_range_without_max() -> None:
    profile = make_profile(characteristic("annual_revenue", {"min": 1_000_000}))
    (big,) = score(profile, {"annual_revenue": 9e12}).results
    (small,) = score(profile, {"annual_revenue": 999_999}).results
    assert big.state is State.MATCH
    assert small.state is State.MISMATCH


def test_open_range_without_min() -> None:
    profile = make_profile(characteristic("decision_timeline_months", {"max": 6}))
    (zero,) = score(profile, {"decision_timeline_months": 0}).results
    (long,) = score(profile, {"decision_timeline_months": 7}).results
    assert zero.state is State.MATCH
    assert long.state is State.MISMATCH


@pytest.mark.parametrize("written", ["healthcare", "  HEALTHCARE ", "Health care", "health  care"])
def test_category_ignores_case_and_spaces(written: str) -> None:
    profile = make_profile(characteristic("industry", {"one_of": ["Healthcare", "Health Care"]}))
    (result,) = score(profile, {"industry": written}).results
    assert result.state is State.MATCH


def test_category_different_word_is_mismatch() -> None:
    profile = make_profile(characteristic("industry", {"one_of": ["Healthcare"]}))
    (result,) = score(profile, {"industry": "Health"}).results
    assert result.state is State.MISMATCH


@pytest.mark.parametrize(
    ("criterion", "value", "state"),
    [
        ({"at_least": 4}, 4, State.MATCH),
        ({"at_least": 4}, 3, State.MISMATCH),
        ({"at_most": 2}, 2, State.MATCH),
        ({"at_most": 2}, 3, State.MISMATCH),
        ({"equals": 3}, 3, State.MATCH),
        ({"equals": 3}, 4, State.MISMATCH),
    ],
)
def test_scale_thresholds(criterion: dict[str, int], value: int, state: State) -> None:
    profile = make_profile(characteristic("vendor_view", criterion))
    (result,) = score(profile, {"vendor_view": value}).results
    assert result.state is state


@pytest.mark.parametrize(
    ("fit_traits", "tier"),
    [
        ({"employees": 500, "industry": "Biotech", "partnership": 5}, "strong"),
        ({"employees": 500, "partnership": 5}, "good"),
        ({"partnership": 5}, "partial"),
        ({"employees": 500}, "weak"),
    ],
)
def test_default_tier_thresholds(fit_traits: dict[str, Any], tier: str) -> None:
    assert score(MIXED, fit_traits).tier == tier


def test_custom_tier_thresholds() -> None:
    profile = MIXED.model_copy(update={"tiers": Tiers(strong=95, good=70, partial=50)})
    # 75% matched: employees + partnership = 3 of 4.
    result = score(profile, {"employees": 500, "partnership": 5})
    assert result.fit == 75.0
    assert result.tier == "good"


def test_tier_boundary_is_inclusive() -> None:
    assert Tiers().tier_of(80.0) == "strong"
    assert Tiers().tier_of(79.99) == "good"
    assert Tiers().tier_of(40.0) == "partial"
    assert Tiers().tier_of(39.9) == "weak"


def test_override_replaces_computed_state() -> None:
    overrides = {"employees": Override(state=State.MATCH, reason="Group head count counts")}
    result = score(MIXED, {"employees": 5000, "industry": "Biotech", "partnership": 5}, overrides)
    employees = result.results[0]
    assert employees.state is State.MATCH
    assert employees.computed is State.MISMATCH
    assert employees.overridden is True
    assert result.fit == 100.0


def test_strategy_attached_to_its_flag() -> None:
    strategies = {"industry": "Lead with the lab-scheduling case study"}
    result = score(MIXED, {"employees": 500, "partnership": 5}, strategies=strategies)
    (flag,) = result.red_flags
    assert flag.strategy == "Lead with the lab-scheduling case study"
    assert result.unplanned_flags == 0


def test_unplanned_flags_counted() -> None:
    assert score(MIXED, {}).unplanned_flags == 3


def test_rank_by_fit_then_name() -> None:
    scorer = ProfileScorer(MIXED)
    named = [
        ("beta", scorer.score({"partnership": 5})),
        ("Alpha", scorer.score({"partnership": 5})),
        ("Gamma", scorer.score({"employees": 500, "industry": "Biotech", "partnership": 5})),
    ]
    assert [name for name, _ in rank(named)] == ["Gamma", "Alpha", "beta"]
