"""Deal history: won and lost deals summed per account, the rest counted and reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from icp_tui.domain.attributes import STANDARD_CATALOGUE
from icp_tui.domain.column_mapping import parse_map_options, plan_mapping
from icp_tui.domain.csv_files import read_table
from icp_tui.domain.deals import DealPlan, plan_deals, stage_outcome
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.import_report import deal_lines
from icp_tui.domain.models import DealSummary, PastAccount

ACCOUNTS = [PastAccount(name=name) for name in ("Acme", "Beta")]


def plan(tmp_path: Path, text: str, maps: tuple[str, ...] = ()) -> DealPlan:
    path = tmp_path / "deals.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "deals", parse_map_options(maps))
    return plan_deals(table, mapping, ACCOUNTS)


def summaries(result: DealPlan) -> dict[str, DealSummary]:
    return {a.name: a.deals for a in result.updated if a.deals is not None}


@pytest.mark.parametrize(
    ("stage", "outcome"),
    [
        ("Won", "won"),
        ("Closed Won", "won"),
        ("closedwon", "won"),
        ("Closed - Lost", "lost"),
        ("lost", "lost"),
        ("Deleted", "deleted"),
        ("Engaging", None),
        ("", None),
    ],
)
def test_stage_outcome(stage: str, outcome: str | None) -> None:
    assert stage_outcome(stage) == outcome


def test_deals_summed_per_account(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        "Account Name,Stage,Amount,Close Date\n"
        "Acme,Closed Won,1000,2017-03-01\n"
        'acme,Closed Won,"2,500",2017-06-30\n'
        "Acme,Closed Lost,900,2017-08-15\n"
        "Beta,Closed Lost,0,2016-01-02\n",
    )
    acme = summaries(result)["Acme"]

    assert acme.won == 2
    assert acme.lost == 1
    assert acme.won_value == 3500
    assert acme.last_close == date(2017, 8, 15)
    assert acme.win_rate == pytest.approx(2 / 3)
    assert result.won == 2
    assert result.lost == 2


def test_deals_left_out_counted(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        "account,deal_stage,close_value\n"
        ",Engaging,\n"
        ",Won,10\n"
        "Acme,Prospecting,\n"
        "Zeta,Won,5\n"
        "Zeta,Lost,0\n",
    )

    assert result.without_account == 2
    assert result.open_by_stage == {"Engaging": 1, "Prospecting": 1}
    assert result.unmatched == {"Zeta": 2}
    assert result.updated == []


def test_deal_lines_singular_nouns(tmp_path: Path) -> None:
    result = plan(tmp_path, "account,stage,value\nAcme,Won,10\nZeta,Won,5\nZeta,Lost,0\n")

    assert deal_lines(result) == [
        "Deals: 1 won and 0 lost, summed for 1 account; 0 rows with problems.",
        "Deals whose account is not in the workspace, not counted: 2 for 1 name: Zeta (2).",
    ]


def test_deals_bad_cells_reported(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        "account,stage,value,close date\nAcme,Won,ten,2017-02-30\nAcme,Won,-5,2017-01-01\n",
    )
    found = [(p.row, p.column, p.value) for p in result.problems]

    assert found == [(2, "value", "ten"), (2, "close date", "2017-02-30"), (3, "value", "-5")]
    assert result.problems[0].reason == "is not a number"
    assert result.problems[2].reason == "is negative; a deal value is 0 or more"
    assert result.invalid_rows == 2


def test_deals_day_first_dates_from_column(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        "account,stage,close date\nAcme,Won,03/04/2017\nAcme,Lost,25/01/2017\n",
    )
    acme = summaries(result)["Acme"]

    assert acme.last_close == date(2017, 4, 3)


def test_deals_ambiguous_dates_reported(tmp_path: Path) -> None:
    result = plan(tmp_path, "account,stage,close date\nAcme,Won,03/04/2017\n")

    assert "ambiguous" in result.problems[0].reason


def test_deals_value_unit(tmp_path: Path) -> None:
    result = plan(tmp_path, "account,stage,amount\nAcme,Won,1.5\n", ("amount=value:thousands",))

    assert summaries(result)["Acme"].won_value == 1500


def test_deals_need_account_and_stage(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no deal stage column found"):
        plan(tmp_path, "account,amount\nAcme,5\n")


def test_deleted_deals_counted_apart(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        "Deal - Organization,Deal - Stage,Deal - Status,Deal - Value\n"
        "Acme,Proposal Made,won,100\n"
        "Acme,Proposal Made,deleted,50\n"
        ",Qualified,Deleted,\n"
        "Acme,Qualified,open,20\n",
    )
    lines = deal_lines(result)

    assert result.deleted == 2
    assert result.open_by_stage == {"open": 1}
    assert result.without_account == 0
    assert summaries(result)["Acme"].won == 1
    assert "Deleted deals, not counted: 2." in lines
    assert "Open deals, not counted: 1 (open 1)." in lines


def test_deals_mixed_currencies_reported(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        "Deal - Organization,Deal - Status,Deal - Value,Deal - Currency\n"
        "Acme,won,100,USD\n"
        "Acme,won,50,eur\n"
        "Acme,won,70,USD\n"
        "Acme,lost,10,GBP\n",
    )
    lines = deal_lines(result)

    assert result.currencies == {"USD": 2, "EUR": 1}
    assert summaries(result)["Acme"].won_value == 220
    assert (
        "Won deals are in 2 currencies (EUR 1, USD 2); their values are summed as written, "
        "without conversion."
    ) in lines
    assert result.mapping.unmapped() == []


def test_deals_one_currency_not_reported(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        "Deal - Organization,Deal - Status,Deal - Value,Deal - Currency\n"
        "Acme,won,100,USD\n"
        "Acme,won,50,USD\n",
    )

    assert not any("currencies" in line for line in deal_lines(result))
