"""Selection and profile findings: for each code, a case that fires and one that does not."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from icp_tui.domain.attributes import Catalogue, TraitValue
from icp_tui.domain.findings import (
    Finding,
    FindingCode,
    Severity,
    has_warnings,
    profile_findings,
    selection_findings,
)
from icp_tui.domain.models import AccountTier, Override, PastAccount, Profile, State

CATALOGUE = Catalogue()

FITTING: dict[str, TraitValue] = {
    "industry": "Retail",
    "employees": 500,
    "geography": "Germany",
    "partnership": 5,
    "adoption": 4,
}
"""Traits that match every characteristic of FIVE_MIXED."""

FIVE_MIXED = Profile.model_validate(
    {
        "characteristics": [
            {"label": "Retail", "attribute": "industry", "criterion": {"one_of": ["Retail"]}},
            {"label": "Mid-size", "attribute": "employees", "criterion": {"min": 100, "max": 1000}},
            {"label": "German", "attribute": "geography", "criterion": {"one_of": ["Germany"]}},
            {"label": "Partners", "attribute": "partnership", "criterion": {"at_least": 4}},
            {"label": "Open to new", "attribute": "adoption", "criterion": {"at_least": 3}},
        ]
    }
)


def profile_of(*characteristics: dict[str, Any]) -> Profile:
    return Profile.model_validate({"characteristics": list(characteristics)})


def account(name: str, tier: AccountTier, **fields: Any) -> PastAccount:
    return PastAccount(name=name, tier=tier, **fields)


def selection(best: int, near_miss: int = 1) -> list[PastAccount]:
    made = [account(f"Best {i}", AccountTier.BEST) for i in range(best)]
    made += [account(f"Missed {i}", AccountTier.NEAR_MISS) for i in range(near_miss)]
    return made


def best_with(traits: Sequence[dict[str, TraitValue]]) -> list[PastAccount]:
    return [account(f"Best {i}", AccountTier.BEST, traits=t) for i, t in enumerate(traits, start=1)]


def poor_with(traits: Sequence[dict[str, TraitValue]]) -> list[PastAccount]:
    return [account(f"Poor {i}", AccountTier.POOR, traits=t) for i, t in enumerate(traits, start=1)]


def codes(findings: Sequence[Finding]) -> list[str]:
    return [finding.code.value for finding in findings]


def with_code(findings: Sequence[Finding], code: FindingCode) -> list[Finding]:
    return [finding for finding in findings if finding.code is code]


# selection_size


def test_selection_size_fires_below_five() -> None:
    findings = with_code(selection_findings(selection(3)), FindingCode.SELECTION_SIZE)
    assert len(findings) == 1
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message.startswith("4 accounts are marked best or near miss")
    assert "mark 1 more" in findings[0].message


def test_selection_size_fires_above_six() -> None:
    findings = with_code(selection_findings(selection(6)), FindingCode.SELECTION_SIZE)
    assert len(findings) == 1
    assert "keep the 6 with the highest relationship scores" in findings[0].message


def test_selection_size_quiet_at_five_and_six() -> None:
    assert FindingCode.SELECTION_SIZE.value not in codes(selection_findings(selection(4)))
    assert FindingCode.SELECTION_SIZE.value not in codes(selection_findings(selection(5)))


def test_selection_size_ignores_other_tiers() -> None:
    accounts = [*selection(4), account("Someone", AccountTier.OTHER)]
    accounts.append(account("Painful", AccountTier.POOR))
    assert FindingCode.SELECTION_SIZE.value not in codes(selection_findings(accounts))


# no_near_miss


def test_no_near_miss_fires_without_one() -> None:
    findings = with_code(selection_findings(selection(5, near_miss=0)), FindingCode.NO_NEAR_MISS)
    assert len(findings) == 1
    assert findings[0].severity is Severity.WARNING
    assert "near miss" in findings[0].message


def test_no_near_miss_quiet_with_one() -> None:
    assert FindingCode.NO_NEAR_MISS.value not in codes(selection_findings(selection(4)))


# largest_by_revenue


def revenue_accounts(chosen: Sequence[int], good_relationship: Sequence[int]) -> list[PastAccount]:
    """Ten accounts with revenue 1M to 10M (account N has N million)."""
    made: list[PastAccount] = []
    for number in range(1, 11):
        tier = AccountTier.BEST if number in chosen else AccountTier.OTHER
        if number == chosen[0]:
            tier = AccountTier.NEAR_MISS
        made.append(
            account(
                f"Account {number}",
                tier,
                traits={"annual_revenue": number * 1_000_000},
                profitability=5 if number in good_relationship else 2,
                relationship=5 if number in good_relationship else 2,
            )
        )
    return made


def test_largest_by_revenue_fires_for_biggest() -> None:
    accounts = revenue_accounts(chosen=(6, 7, 8, 9, 10), good_relationship=(1, 2, 3, 9, 10))
    findings = with_code(selection_findings(accounts), FindingCode.LARGEST_BY_REVENUE)
    assert len(findings) == 1
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message.startswith("5 of the 5 chosen accounts are your 5 largest")
    assert (
        "while Account 1, Account 2 and Account 3, among your 5 highest relationship scores, "
        "are not chosen" in findings[0].message
    )


def test_largest_by_revenue_quiet_when_relationship_agrees() -> None:
    accounts = revenue_accounts(chosen=(6, 7, 8, 9, 10), good_relationship=(6, 7, 8, 9, 10))
    assert FindingCode.LARGEST_BY_REVENUE.value not in codes(selection_findings(accounts))


def test_largest_by_revenue_quiet_for_small_choice() -> None:
    accounts = revenue_accounts(chosen=(1, 2, 3, 4, 10), good_relationship=(5, 6, 7, 8, 9))
    assert FindingCode.LARGEST_BY_REVENUE.value not in codes(selection_findings(accounts))


def test_largest_by_revenue_quiet_without_revenue() -> None:
    accounts = [
        a.model_copy(update={"traits": {}})
        for a in revenue_accounts(chosen=(6, 7, 8, 9, 10), good_relationship=(1, 2, 3, 4, 5))
    ]
    assert FindingCode.LARGEST_BY_REVENUE.value not in codes(selection_findings(accounts))


# not_five


def test_not_five_fires_for_three() -> None:
    profile = profile_of(*FIVE_MIXED.model_dump(mode="json")["characteristics"][:3])
    findings = with_code(profile_findings(profile, [], CATALOGUE), FindingCode.NOT_FIVE)
    assert len(findings) == 1
    assert findings[0].message.startswith("The profile has 3 characteristics")
    assert "add 2" in findings[0].message


def test_not_five_fires_for_empty_profile() -> None:
    findings = profile_findings(Profile(), best_with([FITTING] * 5), CATALOGUE)
    assert codes(findings) == ["not_five"]


def test_not_five_quiet_for_five() -> None:
    findings = profile_findings(FIVE_MIXED, best_with([FITTING] * 5), CATALOGUE)
    assert findings == []


# demographic_only and psychographic_only


def test_demographic_only_fires() -> None:
    profile = profile_of(
        {"label": "Retail", "attribute": "industry", "criterion": {"one_of": ["Retail"]}},
        {"label": "Mid-size", "attribute": "employees", "criterion": {"min": 100}},
    )
    findings = with_code(profile_findings(profile, [], CATALOGUE), FindingCode.DEMOGRAPHIC_ONLY)
    assert len(findings) == 1
    assert "psychographic" in findings[0].message


def test_psychographic_only_fires() -> None:
    profile = profile_of(
        {"label": "Partners", "attribute": "partnership", "criterion": {"at_least": 4}},
    )
    findings = with_code(profile_findings(profile, [], CATALOGUE), FindingCode.PSYCHOGRAPHIC_ONLY)
    assert len(findings) == 1
    assert "demographic" in findings[0].message


def test_mixed_profile_has_no_kind_finding() -> None:
    found = codes(profile_findings(FIVE_MIXED, [], CATALOGUE))
    assert "demographic_only" not in found
    assert "psychographic_only" not in found


# aspirational


def test_aspirational_fires_below_two_thirds() -> None:
    # 3 of 6 best accounts are German: fewer than two thirds.
    traits = [FITTING] * 3 + [{**FITTING, "geography": "France"}] * 3
    findings = with_code(
        profile_findings(FIVE_MIXED, best_with(traits), CATALOGUE), FindingCode.ASPIRATIONAL
    )
    assert len(findings) == 1
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message.startswith("'German' is aspirational: 3 of 6 best accounts")


def test_aspirational_quiet_at_two_thirds() -> None:
    traits = [FITTING] * 4 + [{**FITTING, "geography": "France"}] * 2
    findings = profile_findings(FIVE_MIXED, best_with(traits), CATALOGUE)
    assert FindingCode.ASPIRATIONAL.value not in codes(findings)


def test_aspirational_note_when_values_unknown() -> None:
    unknown = {key: value for key, value in FITTING.items() if key != "partnership"}
    traits = [FITTING] * 3 + [unknown] * 2 + [{**FITTING, "partnership": 1}]
    findings = with_code(
        profile_findings(FIVE_MIXED, best_with(traits), CATALOGUE), FindingCode.ASPIRATIONAL
    )
    assert len(findings) == 1
    assert findings[0].severity is Severity.INFO
    assert "3 of 6 best accounts meet it and 2 have no partnership recorded" in (
        findings[0].message
    )


def test_aspirational_counts_overrides() -> None:
    override = {"geography": Override(state=State.MATCH, reason="runs its German office")}
    accounts = [
        *best_with([FITTING] * 3),
        *[
            account(
                f"Paris {i}",
                AccountTier.BEST,
                traits={**FITTING, "geography": "France"},
                overrides=override,
            )
            for i in range(3)
        ],
    ]
    findings = profile_findings(FIVE_MIXED, accounts, CATALOGUE)
    assert FindingCode.ASPIRATIONAL.value not in codes(findings)


# too_narrow


def test_too_narrow_fires_when_best_miss_two() -> None:
    # Half the best accounts miss two characteristics, yet each characteristic is met by
    # at least 4 of 6, so no single one is aspirational.
    traits = [
        {**FITTING, "industry": "Mining", "employees": 5_000},
        {**FITTING, "geography": "France", "partnership": 2},
        {**FITTING, "adoption": 1, "industry": "Energy"},
        FITTING,
        FITTING,
        FITTING,
    ]
    findings = profile_findings(FIVE_MIXED, best_with(traits), CATALOGUE)
    narrow = with_code(findings, FindingCode.TOO_NARROW)
    assert FindingCode.ASPIRATIONAL.value not in codes(findings)
    assert len(narrow) == 1
    assert narrow[0].message.startswith(
        "Only 3 of 6 best accounts match at least 4 of the 5 characteristics"
    )
    assert narrow[0].message.endswith(
        "miss the most: 'Retail' (2 missed), 'Mid-size' (1 missed), 'German' (1 missed), "
        "'Partners' (1 missed) and 'Open to new' (1 missed)."
    )


def test_too_narrow_quiet_when_best_miss_one() -> None:
    traits = [
        {**FITTING, "industry": "Mining"},
        {**FITTING, "employees": 5_000},
        {**FITTING, "geography": "France"},
        FITTING,
        FITTING,
    ]
    findings = profile_findings(FIVE_MIXED, best_with(traits), CATALOGUE)
    assert FindingCode.TOO_NARROW.value not in codes(findings)


# matches_poor


def test_matches_poor_fires_at_half() -> None:
    poor = poor_with([FITTING, {**FITTING, "partnership": 1}, {"industry": "Mining"}, {}])
    findings = with_code(
        profile_findings(FIVE_MIXED, [*best_with([FITTING] * 5), *poor], CATALOGUE),
        FindingCode.MATCHES_POOR,
    )
    assert len(findings) == 1
    assert findings[0].message.startswith("2 of 4 poor accounts score strong or good")
    assert "(Poor 1 and Poor 2)" in findings[0].message


def test_matches_poor_quiet_below_half() -> None:
    poor = poor_with([FITTING, {"industry": "Mining"}, {}])
    findings = profile_findings(FIVE_MIXED, [*best_with([FITTING] * 5), *poor], CATALOGUE)
    assert FindingCode.MATCHES_POOR.value not in codes(findings)


# Severity


def test_has_warnings_ignores_notes() -> None:
    note = Finding(FindingCode.ASPIRATIONAL, Severity.INFO, "note")
    warning = Finding(FindingCode.NOT_FIVE, Severity.WARNING, "warning")
    assert not has_warnings([note])
    assert has_warnings([note, warning])


def test_finding_json_shape() -> None:
    finding = Finding(FindingCode.NOT_FIVE, Severity.WARNING, "text")
    assert finding.to_json() == {"code": "not_five", "severity": "warning", "message": "text"}
