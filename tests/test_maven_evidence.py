"""The evidence analysis on a real CRM export (Maven Analytics "CRM Sales Opportunities").

The accounts have no profitability, renewal, referral or relationship ratings, so their
relationship scores come from deal history alone. Every account has more than five won
deals, so repeat wins add the full 5 points and the score is 50 + 10 * win rate. The six
accounts with the highest win rate are marked best and the four with the lowest poor.

Every expected value below was worked out by hand from the CSV files (win rate = won /
(won + lost) per account; revenue in the file is in millions of USD).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from icp_tui.domain.attributes import Catalogue
from icp_tui.domain.backtest import backtest
from icp_tui.domain.column_mapping import plan_mapping
from icp_tui.domain.consistency import AccountValue, Verdict, attribute_consistency
from icp_tui.domain.csv_files import read_table
from icp_tui.domain.csv_import import plan_import
from icp_tui.domain.deals import plan_deals
from icp_tui.domain.findings import profile_findings, selection_findings
from icp_tui.domain.models import AccountTier, PastAccount, Profile
from icp_tui.domain.proposals import propose_criteria
from icp_tui.domain.relationship import rank_by_relationship, relationship_score

CATALOGUE = Catalogue()

BEST = ["Rangreen", "Goodsilron", "Newex", "Plusstrip", "Zoomit", "Donquadtech"]
"""Highest win rates: 75/100, 65/88, 37/51, 33/46, 33/46 and 55/77."""
POOR = ["Donware", "Silis", "Statholdings", "Xx-zobam"]
"""Lowest win rates: 30/54 and 35/63 (both 5/9), 34/64 and 46/83."""
LARGEST = ["Kan-code", "Hottechi", "Konex", "Xx-holding", "Initech", "Scotfind"]
"""The six largest accounts by revenue (11,698M down to 6,355M)."""


def import_accounts(folder: Path) -> list[PastAccount]:
    """Read accounts.csv, then sales_pipeline.csv as deal history, with the CSV importer.

    The columns are mapped as `icp-tui import` maps them: sector, revenue (in millions),
    employees and office location, then account, deal stage, close value and close date.
    """
    table = read_table(folder / "accounts.csv")
    overrides = {"revenue": "annual_revenue:millions"}
    mapping = plan_mapping(table.headers, CATALOGUE, "accounts", overrides)
    accounts = plan_import(table, mapping, CATALOGUE, [], PastAccount)
    assert accounts.problems == []

    pipeline = read_table(folder / "sales_pipeline.csv")
    deal_mapping = plan_mapping(pipeline.headers, CATALOGUE, "deals")
    deals = plan_deals(pipeline, deal_mapping, accounts.records)
    assert deals.problems == []
    with_deals = {account.name: account for account in deals.updated}
    return [with_deals.get(account.name, account) for account in accounts.records]


def mark(accounts: list[PastAccount], best: list[str], poor: list[str]) -> list[PastAccount]:
    def tier(name: str) -> AccountTier:
        if name in best:
            return AccountTier.BEST
        if name in poor:
            return AccountTier.POOR
        return AccountTier.OTHER

    return [a.model_copy(update={"tier": tier(a.name)}) for a in accounts]


@pytest.fixture
def accounts(maven_crm: Path) -> list[PastAccount]:
    return import_accounts(maven_crm)


@pytest.fixture
def marked(accounts: list[PastAccount]) -> list[PastAccount]:
    return mark(accounts, BEST, POOR)


def test_maven_every_account_has_deals(accounts: list[PastAccount]) -> None:
    assert len(accounts) == 85
    assert all(a.deals is not None for a in accounts)
    assert sum(a.deals.won for a in accounts if a.deals) == 4238
    assert sum(a.deals.lost for a in accounts if a.deals) == 2473


def test_maven_deal_summary_of_one_account(accounts: list[PastAccount]) -> None:
    # Rangreen in sales_pipeline.csv: 75 Won rows (close values summing to 151,777),
    # 25 Lost rows, the latest close date 2017-12-30.
    deals = next(a.deals for a in accounts if a.name == "Rangreen")
    assert deals is not None
    assert (deals.won, deals.lost) == (75, 25)
    assert deals.won_value == 151_777
    assert deals.last_close == date(2017, 12, 30)


def test_maven_relationship_ranks_by_win_rate(accounts: list[PastAccount]) -> None:
    ranked = [a.name for a, _ in rank_by_relationship(accounts)]
    assert ranked[:6] == BEST
    assert sorted(ranked[-4:]) == POOR


def test_maven_relationship_score_values(accounts: list[PastAccount]) -> None:
    by_name = {a.name: a for a in accounts}
    assert relationship_score(by_name["Rangreen"]).value == pytest.approx(57.5)
    assert relationship_score(by_name["Statholdings"]).value == pytest.approx(50 + 10 * 34 / 64)
    assert (
        relationship_score(by_name["Plusstrip"]).value
        == relationship_score(by_name["Zoomit"]).value
    )


def test_maven_relationship_ignores_revenue(accounts: list[PastAccount]) -> None:
    ranked = [a.name for a, _ in rank_by_relationship(accounts)]
    assert not set(ranked[:6]) & set(LARGEST)


def test_maven_selection_findings(marked: list[PastAccount]) -> None:
    # Six chosen and not the largest; no near miss because the export records none.
    assert [f.code.value for f in selection_findings(marked)] == ["no_near_miss"]


def test_maven_largest_chosen_warns(accounts: list[PastAccount]) -> None:
    findings = selection_findings(mark(accounts, LARGEST, POOR))
    largest = [f for f in findings if f.code.value == "largest_by_revenue"]
    assert len(largest) == 1
    assert largest[0].message.startswith(
        "6 of the 6 chosen accounts are your 6 largest by revenue, while Rangreen, "
        "Goodsilron, Newex and 3 more, among your 6 highest relationship scores, are not chosen"
    )


def test_maven_consistency_verdicts(marked: list[PastAccount]) -> None:
    results = {r.attribute.key: r for r in attribute_consistency(marked, CATALOGUE)}
    # Sectors: technolgy (Rangreen, Donquadtech), entertainment (Plusstrip, Zoomit),
    # marketing (Goodsilron), services (Newex).
    assert results["industry"].verdict is Verdict.PATTERN
    assert results["industry"].reason == "4 of 6 are entertainment or technolgy"
    # Revenue from 324.19M (Zoomit) to 2,952.73M (Goodsilron): 9.1 times, one order.
    assert results["annual_revenue"].verdict is Verdict.CONSISTENT
    assert results["annual_revenue"].reason == (
        "all 6 lie between 324,190,000 and 2,952,730,000, within one order of magnitude"
    )
    # Employees from 978 (Zoomit) to 8,775 (Rangreen), with Plusstrip at 315 outside.
    assert results["employees"].verdict is Verdict.PATTERN
    assert results["employees"].reason == "5 of 6 lie between 978 and 8,775; Plusstrip is outside"
    # United States for four; Rangreen is in Panama and Newex in Germany.
    assert results["geography"].verdict is Verdict.CONSISTENT
    assert results["geography"].reason == "4 of 6 share United States"
    for key in ("decision_timeline_months", "contract_size", "buying_frequency", "partnership"):
        assert results[key].verdict is Verdict.NOT_ENOUGH_DATA


def test_maven_poor_values_beside_best(marked: list[PastAccount]) -> None:
    results = {r.attribute.key: r for r in attribute_consistency(marked, CATALOGUE)}
    assert results["employees"].poor_values == (
        AccountValue("Donware", 2570),
        AccountValue("Silis", 6290),
        AccountValue("Statholdings", 586),
        AccountValue("Xx-zobam", 8274),
    )


def test_maven_proposals(marked: list[PastAccount]) -> None:
    proposals = propose_criteria(attribute_consistency(marked, CATALOGUE))
    assert [p.label for p in proposals] == [
        "Annual revenue: 200,000,000 to 5,000,000,000",
        "Geography: one of United States",
    ]
    revenue, geography = proposals
    # All four poor accounts (291M to 3,838M) fall in the revenue range: no separation.
    assert (revenue.best_covered, revenue.best_known) == (6, 6)
    assert (revenue.poor_covered, revenue.poor_known) == (4, 4)
    assert revenue.separation == pytest.approx(0.0)
    # All four poor accounts are in the United States; two best accounts are not.
    assert (geography.best_covered, geography.poor_covered) == (4, 4)
    assert geography.best_missed == ("Newex", "Rangreen")
    assert geography.separation == pytest.approx(4 / 6 - 1)


def test_maven_profile_from_proposals(marked: list[PastAccount]) -> None:
    proposals = propose_criteria(attribute_consistency(marked, CATALOGUE))
    profile = Profile(characteristics=tuple(p.characteristic(CATALOGUE) for p in proposals))
    findings = profile_findings(profile, marked, CATALOGUE)
    assert [f.code.value for f in findings] == ["not_five", "demographic_only", "matches_poor"]
    assert findings[2].message.startswith("4 of 4 poor accounts score strong or good")


def test_maven_backtest_no_separation(marked: list[PastAccount]) -> None:
    proposals = propose_criteria(attribute_consistency(marked, CATALOGUE))
    profile = Profile(characteristics=tuple(p.characteristic(CATALOGUE) for p in proposals))
    result = backtest(profile, marked)
    # Best fits: 100 for the four US accounts, 50 for Newex and Rangreen; poor fits all 100.
    assert [f.fit for f in result.best_fits] == [100, 100, 100, 100, 50, 50]
    assert [f.fit for f in result.poor_fits] == [100, 100, 100, 100]
    assert (result.pairs, result.higher, result.ties) == (24, 0, 16)
    assert result.separation == 0.0
