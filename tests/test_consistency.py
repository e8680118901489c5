"""Consistency of attributes across the best accounts, on hand-made accounts."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from icp_tui.domain.attributes import Catalogue, TraitValue
from icp_tui.domain.consistency import (
    AccountValue,
    AttributeConsistency,
    Verdict,
    attribute_consistency,
    group_categories,
    same_category,
)
from icp_tui.domain.models import AccountTier, PastAccount

CATALOGUE = Catalogue()


def accounts_with(
    key: str,
    best: Sequence[TraitValue | None],
    poor: Sequence[TraitValue | None] = (),
) -> list[PastAccount]:
    """Build best accounts B1, B2, ... and poor accounts P1, ... with one trait each."""
    made: list[PastAccount] = []
    for index, value in enumerate(best, start=1):
        traits = {} if value is None else {key: value}
        made.append(PastAccount(name=f"B{index}", tier=AccountTier.BEST, traits=traits))
    for index, value in enumerate(poor, start=1):
        traits = {} if value is None else {key: value}
        made.append(PastAccount(name=f"P{index}", tier=AccountTier.POOR, traits=traits))
    return made


def verdict_on(
    key: str, best: Sequence[TraitValue | None], poor: Sequence[TraitValue | None] = ()
) -> AttributeConsistency:
    results = attribute_consistency(accounts_with(key, best, poor), CATALOGUE)
    return next(r for r in results if r.attribute.key == key)


def test_consistency_covers_every_attribute() -> None:
    results = attribute_consistency([], CATALOGUE)
    assert [r.attribute.key for r in results] == [a.key for a in CATALOGUE]


def test_consistency_without_best_accounts() -> None:
    result = verdict_on("industry", [], ["Retail"])
    assert result.verdict is Verdict.NOT_ENOUGH_DATA
    assert result.reason == "no best or near-miss account is chosen yet"


def test_consistency_too_few_known_values() -> None:
    result = verdict_on("industry", ["Retail", "Retail", None, None, None])
    assert result.verdict is Verdict.NOT_ENOUGH_DATA
    assert result.reason == "only 2 of 5 best accounts have a value"


def test_consistency_no_known_values() -> None:
    result = verdict_on("partnership", [None, None, None, None, None])
    assert result.verdict is Verdict.NOT_ENOUGH_DATA
    assert result.reason == "none of the 5 best accounts has a value"


def test_category_consistent_four_of_five() -> None:
    result = verdict_on(
        "industry", ["Healthcare", "Healthcare", "Biotech", "Healthcare", "Healthcare"]
    )
    assert result.verdict is Verdict.CONSISTENT
    assert result.reason == "4 of 5 share Healthcare"


def test_category_consistent_all_same() -> None:
    result = verdict_on("industry", ["Retail"] * 6)
    assert result.verdict is Verdict.CONSISTENT
    assert result.reason == "all 6 are Retail"


def test_category_pattern_two_values() -> None:
    result = verdict_on("industry", ["Healthcare", "Biotech", "Healthcare", "Biotech", "Retail"])
    assert result.verdict is Verdict.PATTERN
    assert result.reason == "4 of 5 are Biotech or Healthcare"


def test_category_varies_without_pattern() -> None:
    result = verdict_on("industry", ["Retail", "Retail", "Banking", "Energy", "Mining", "Media"])
    assert result.verdict is Verdict.VARIES
    assert result.reason == "6 accounts spread over 5 values; the most common, Retail, covers 2"


def test_category_superficial_spellings_grouped() -> None:
    result = verdict_on(
        "industry", ["Healthcare", "health care", "HEALTHCARE ", "Helthcare", "Healthcare"]
    )
    assert result.verdict is Verdict.CONSISTENT
    assert result.reason == "all 5 are Healthcare"


def test_category_unknown_count_in_reason() -> None:
    result = verdict_on("geography", ["Germany", "Germany", "Germany", None, "France"])
    assert result.verdict is Verdict.CONSISTENT
    assert result.reason == "3 of 4 share Germany (1 unknown)"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Healthcare", "health-care", True),
        ("technolgy", "technology", True),
        ("Philipines", "Philippines", True),
        ("Finnance", "Finance", True),
        ("Sofwtare", "Software", True),
        ("Austria", "Australia", False),
        ("Mali", "Bali", False),
        ("Retail", "Banking", False),
        ("Iran", "Iraq", False),
    ],
)
def test_same_category_superficial_only(first: str, second: str, same: bool) -> None:
    assert same_category(first, second) is same


def test_group_categories_keeps_spellings_by_use() -> None:
    values = [
        AccountValue("A", "Medical"),
        AccountValue("B", "medical"),
        AccountValue("C", "Medicla"),
        AccountValue("D", "Medical"),
        AccountValue("E", "Retail"),
    ]
    groups = group_categories(values)
    assert [g.label for g in groups] == ["Medical", "Retail"]
    assert groups[0].written == ("Medical", "medical", "Medicla")
    assert groups[0].accounts == ("A", "B", "D", "C")


def test_number_consistent_one_order() -> None:
    result = verdict_on("employees", [250, 400, 1_200, 2_000, 800])
    assert result.verdict is Verdict.CONSISTENT
    assert result.reason == "all 5 lie between 250 and 2,000, within one order of magnitude"


def test_number_exactly_ten_times_consistent() -> None:
    result = verdict_on("employees", [100, 1_000, 500])
    assert result.verdict is Verdict.CONSISTENT


def test_number_pattern_with_outlier() -> None:
    result = verdict_on("employees", [250, 400, 1_200, 2_000, 90_000])
    assert result.verdict is Verdict.PATTERN
    assert result.reason == "4 of 5 lie between 250 and 2,000; B5 is outside"


def test_number_varies_without_pattern() -> None:
    result = verdict_on("annual_revenue", [10_000, 200_000, 5_000_000, 90_000_000, 2_000_000_000])
    assert result.verdict is Verdict.VARIES
    assert result.reason == (
        "values run from 10,000 to 2,000,000,000 and no two thirds of them lie within "
        "one order of magnitude"
    )


def test_number_zero_only_with_zero() -> None:
    zeros = verdict_on("decision_timeline_months", [0, 0, 0])
    mixed = verdict_on("decision_timeline_months", [0, 1, 2])
    assert zeros.verdict is Verdict.CONSISTENT
    assert mixed.verdict is Verdict.PATTERN
    assert mixed.reason == "2 of 3 lie between 1 and 2; B1 is outside"


def test_scale_consistent_within_one_point() -> None:
    result = verdict_on("partnership", [4, 5, 5, 4, 4])
    assert result.verdict is Verdict.CONSISTENT
    assert result.reason == "all 5 lie between 4 and 5, within one point"


def test_scale_consistent_same_point() -> None:
    result = verdict_on("adoption", [3, 3, 3])
    assert result.verdict is Verdict.CONSISTENT
    assert result.reason == "all 3 are 3, within one point"


def test_scale_pattern_two_thirds() -> None:
    result = verdict_on("vendor_view", [4, 5, 4, 1, 5, 2])
    assert result.verdict is Verdict.PATTERN
    assert result.reason == "4 of 6 lie between 4 and 5; B4 and B6 are outside"


def test_scale_varies_without_pattern() -> None:
    result = verdict_on("orientation", [1, 3, 5, 2, 4])
    assert result.verdict is Verdict.VARIES
    assert result.reason == (
        "values run from 1 to 5 and no two thirds of them lie within one point"
    )


def test_consistency_near_miss_counts_as_best() -> None:
    accounts = [
        PastAccount(name="Best", tier=AccountTier.BEST, traits={"industry": "Retail"}),
        PastAccount(name="Missed", tier=AccountTier.NEAR_MISS, traits={"industry": "Retail"}),
        PastAccount(name="Other", tier=AccountTier.OTHER, traits={"industry": "Mining"}),
    ]
    result = attribute_consistency(accounts, CATALOGUE)[0]
    assert [v.name for v in result.best_values] == ["Best", "Missed"]
    assert result.verdict is Verdict.CONSISTENT


def test_consistency_shows_poor_values() -> None:
    result = verdict_on("industry", ["Retail", "Retail"], ["Mining", None])
    assert result.poor_values == (AccountValue("P1", "Mining"), AccountValue("P2", None))
    assert result.best_values == (AccountValue("B1", "Retail"), AccountValue("B2", "Retail"))
