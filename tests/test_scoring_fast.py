"""The ranking fast path (`ProfileScorer.summary`, `rank_records`) against the full score."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from icp_tui.domain.attributes import TraitValue
from icp_tui.domain.models import Characteristic, Criterion, Override, Profile, Prospect, State
from icp_tui.domain.report import rank_records, score_records
from icp_tui.domain.scoring import CATEGORY_CACHE_LIMIT, ProfileScorer, Score, ScoreSummary

CATEGORY_ATTRIBUTES = ("industry", "geography", "buying_frequency")
NUMBER_ATTRIBUTES = ("annual_revenue", "employees", "decision_timeline_months", "contract_size")
SCALE_ATTRIBUTES = ("partnership", "adoption", "decision_style", "vendor_view", "orientation")
ALL_ATTRIBUTES = CATEGORY_ATTRIBUTES + NUMBER_ATTRIBUTES + SCALE_ATTRIBUTES

CATEGORIES = ("Healthcare", "Health Care", "Biotech", "Retail", "United States")
SPELLINGS = (
    str,
    str.lower,
    str.upper,
    lambda text: f"  {text} ",
    lambda text: text.replace(" ", "  "),
    lambda text: text.replace(" ", ""),
)
"""Ways a person or a CRM export writes a category: the same word in other case and spacing."""


def expected_summary(score: Score) -> ScoreSummary:
    return ScoreSummary(
        fit=score.fit,
        demographic_fit=score.demographic_fit,
        psychographic_fit=score.psychographic_fit,
        known=score.known,
        tier=score.tier,
        incomplete=score.incomplete,
        red_flag_count=len(score.red_flags),
        unplanned_flags=score.unplanned_flags,
    )


numbers = st.one_of(
    st.integers(min_value=-10, max_value=10**7),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 3, 5, 200, 2000, 199.999, 2000.001]),
)
finite_bounds = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
)


@st.composite
def categories(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(SPELLINGS))(draw(st.sampled_from(CATEGORIES)))


@st.composite
def criteria(draw: st.DrawFn, attribute: str) -> dict[str, Any]:
    if attribute in CATEGORY_ATTRIBUTES:
        return {"one_of": draw(st.lists(categories(), min_size=1, max_size=3))}
    if attribute in SCALE_ATTRIBUTES:
        kind = draw(st.sampled_from(["at_least", "at_most", "equals", "range"]))
        if kind != "range":
            return {kind: draw(st.integers(min_value=1, max_value=5))}
    low, high = sorted(draw(st.lists(finite_bounds, min_size=2, max_size=2)))
    # A range may leave out one bound, never both.
    shape = draw(st.sampled_from(["closed", "no max", "no min"]))
    if shape == "no max":
        return {"min": low}
    if shape == "no min":
        return {"max": high}
    return {"min": low, "max": high}


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    attributes = draw(st.lists(st.sampled_from(ALL_ATTRIBUTES), unique=True, max_size=8))
    characteristics = [
        {
            "label": f"Characteristic {number}",
            "attribute": attribute,
            "weight": draw(st.integers(min_value=1, max_value=100)),
            "criterion": draw(criteria(attribute)),
        }
        for number, attribute in enumerate(attributes, start=1)
    ]
    partial, good, strong = draw(
        st.lists(st.integers(min_value=1, max_value=100), min_size=3, max_size=3, unique=True).map(
            sorted
        )
    )
    tiers = {"partial": partial, "good": good, "strong": strong}
    return Profile.model_validate({"characteristics": characteristics, "tiers": tiers})


def near_values(criterion: Criterion) -> list[TraitValue]:
    """Return each bound or threshold of `criterion` with the numbers just beside it."""
    points = (criterion.min, criterion.max, criterion.at_least, criterion.at_most, criterion.equals)
    values: list[TraitValue] = []
    for point in points:
        if point is not None:
            values.extend([point, point - 1, point + 1, point - 0.5, point + 0.5])
    return values


def values_for(characteristic: Characteristic) -> st.SearchStrategy[TraitValue]:
    """Values that land on either side of the characteristic's criterion, or of another type."""
    one_of = characteristic.criterion.one_of
    if one_of is not None:
        respelled = st.builds(
            lambda spell, text: spell(text), st.sampled_from(SPELLINGS), st.sampled_from(one_of)
        )
        return st.one_of(respelled, categories(), numbers)
    return st.one_of(st.sampled_from(near_values(characteristic.criterion)), numbers, categories())


@st.composite
def trait_sets(draw: st.DrawFn, profile: Profile) -> dict[str, TraitValue]:
    # A few traits the profile does not use, then each characteristic's trait or a gap.
    traits = draw(st.dictionaries(st.sampled_from(ALL_ATTRIBUTES), numbers, max_size=2))
    for characteristic in profile.characteristics:
        traits.pop(characteristic.attribute, None)
        if draw(st.integers(min_value=0, max_value=4)):
            traits[characteristic.attribute] = draw(values_for(characteristic))
    return traits


@st.composite
def keyed_by_attribute(draw: st.DrawFn, profile: Profile, values: st.SearchStrategy[Any]) -> Any:
    attributes = [c.attribute for c in profile.characteristics] or list(ALL_ATTRIBUTES)
    keys = st.one_of(st.sampled_from(attributes), st.sampled_from(ALL_ATTRIBUTES))
    return draw(st.dictionaries(keys, values, max_size=len(attributes)))


hand_states = st.builds(Override, state=st.sampled_from(list(State)), reason=st.just("By phone"))
plans = st.sampled_from(["", "   ", "Start with a pilot"])


@st.composite
def scoring_inputs(
    draw: st.DrawFn,
) -> tuple[Profile, dict[str, TraitValue], dict[str, Override], dict[str, str]]:
    profile = draw(profiles())
    traits = draw(trait_sets(profile))
    overrides = draw(st.one_of(st.just({}), keyed_by_attribute(profile, hand_states)))
    strategies = draw(keyed_by_attribute(profile, plans))
    return profile, traits, overrides, strategies


@given(scoring_inputs())
@settings(max_examples=500, deadline=None)
def test_summary_equals_full_score(
    inputs: tuple[Profile, dict[str, TraitValue], dict[str, Override], dict[str, str]],
) -> None:
    profile, traits, overrides, strategies = inputs
    scorer = ProfileScorer(profile)
    summary = scorer.summary(traits, overrides, strategies)
    assert summary == expected_summary(scorer.score(traits, overrides, strategies))


MIXED = Profile.model_validate(
    {
        "characteristics": [
            {"label": "Size", "attribute": "employees", "criterion": {"min": 200, "max": 2000}},
            {
                "label": "Care",
                "attribute": "industry",
                "criterion": {"one_of": ["Healthcare", "Health Care"]},
            },
            {"label": "Revenue", "attribute": "annual_revenue", "criterion": {"min": 5e6}},
            {"label": "Partners", "attribute": "partnership", "criterion": {"at_least": 4}},
            {"label": "Adopter", "attribute": "adoption", "criterion": {"equals": 5}, "weight": 3},
        ]
    }
)
"""Weights: 1, 1, 1, 1, 3; total 7 (demographic 3, psychographic 4)."""

WRONG_TYPES: dict[str, TraitValue] = {
    "employees": "500",
    "industry": 7,
    "annual_revenue": float("inf"),
    "partnership": float("nan"),
}
"""Traits a Prospect rejects but a caller may still pass to the scorer."""

CASES: list[tuple[dict[str, TraitValue], dict[str, Override], dict[str, str]]] = [
    ({}, {}, {}),
    ({"employees": 200, "industry": " health  CARE ", "annual_revenue": 5e6}, {}, {}),
    ({"employees": 2000.5, "industry": "HEALTHCARE", "partnership": 4, "adoption": 5}, {}, {}),
    ({"annual_revenue": 4_999_999.5, "adoption": 4}, {}, {"adoption": "Pilot first"}),
    (
        {"employees": 50, "partnership": 1},
        {
            "employees": Override(state=State.MATCH, reason="Group head count"),
            "industry": Override(state=State.MISMATCH, reason="Moved to retail"),
            "adoption": Override(state=State.UNKNOWN, reason="New board"),
        },
        {"partnership": " ", "industry": "Show the clinic case"},
    ),
]


def test_summary_matches_score_fixed_cases() -> None:
    scorer = ProfileScorer(MIXED)
    for traits, hand_states, plans in [*CASES, (WRONG_TYPES, {}, {})]:
        summary = scorer.summary(traits, hand_states, plans)
        assert summary == expected_summary(scorer.score(traits, hand_states, plans)), traits


def test_summary_hand_computed_figures() -> None:
    # Matched: employees (1, overridden) and revenue (1). Known: all but adoption, 4 of 7.
    traits: dict[str, TraitValue] = {"employees": 50, "annual_revenue": 9e6, "partnership": 1}
    hand_states = {
        "employees": Override(state=State.MATCH, reason="Group head count"),
        "industry": Override(state=State.MISMATCH, reason="Moved to retail"),
    }
    summary = ProfileScorer(MIXED).summary(traits, hand_states, {"industry": "Clinic case"})
    assert summary.fit == 100.0 * 2 / 7
    assert summary.demographic_fit == 100.0 * 2 / 3
    assert summary.psychographic_fit == 0.0
    assert summary.known == 100.0 * 4 / 7
    assert summary.tier == "weak"
    assert summary.incomplete is True
    assert summary.red_flag_count == 3
    assert summary.unplanned_flags == 2


def test_summary_empty_profile_scores_zero() -> None:
    summary = ProfileScorer(Profile()).summary({"employees": 20})
    assert summary.fit == 0.0
    assert summary.known == 0.0
    assert summary.demographic_fit is None
    assert summary.psychographic_fit is None
    assert summary.incomplete is True
    assert summary.red_flag_count == 0


def test_summary_shared_for_equal_counts() -> None:
    scorer = ProfileScorer(MIXED)
    first = scorer.summary({"employees": 300, "industry": "Healthcare"})
    second = scorer.summary({"employees": 1500, "industry": "health care"})
    assert first is second


def test_summary_category_beyond_cache_limit() -> None:
    scorer = ProfileScorer(MIXED)
    for number in range(CATEGORY_CACHE_LIMIT + 10):
        scorer.summary({"industry": f"Retail {number}"})
    after_limit = scorer.summary({"industry": "  HEALTH care"})
    assert after_limit.demographic_fit == 100.0 / 3


def prospect(name: str, **traits: TraitValue) -> Prospect:
    return Prospect(name=name, traits=traits)


def test_rank_records_same_order_as_score_records() -> None:
    records = [
        prospect("beta", employees=500, partnership=5),
        prospect("Alpha", employees=500, partnership=5),
        prospect("alpha", employees=500, partnership=5),
        prospect("Gamma", employees=500, industry="Healthcare", partnership=5, adoption=5),
        prospect("Delta"),
        prospect("Epsilon", industry="Retail", annual_revenue=1e9),
    ]
    ranked = rank_records(MIXED, records)
    scored = score_records(MIXED, records)
    assert [item.record.name for item in ranked] == [item.record.name for item in scored]
    assert [item.record.name for item in ranked][:4] == ["Gamma", "Alpha", "alpha", "beta"]


def test_rank_records_summary_equals_score() -> None:
    records = [
        Prospect(name=f"Prospect {number}", traits=traits, overrides=states, strategies=plans)
        for number, (traits, states, plans) in enumerate(CASES)
    ]
    scored = {item.record.name: item.score for item in score_records(MIXED, records)}
    for item in rank_records(MIXED, records):
        assert item.summary == expected_summary(scored[item.record.name]), item.record.name


def test_rank_records_ties_same_as_score_records() -> None:
    rng = random.Random(11)
    names = ["acme", "Acme", "ACME", "Beta", "beta", "Zeta", "alpha", "Alpha"]
    records = [
        prospect(
            rng.choice(names),
            employees=rng.choice([100, 500]),
            industry=rng.choice(["Healthcare", "Retail"]),
            partnership=rng.choice([1, 5]),
        )
        for _ in range(300)
    ]
    ranked = [item.record.id for item in rank_records(MIXED, records)]
    scored = [item.record.id for item in score_records(MIXED, records)]
    assert ranked == scored
