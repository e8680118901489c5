"""Planning an import: cells read into records, every problem listed, updates by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_tui.domain.attributes import STANDARD_CATALOGUE
from icp_tui.domain.column_mapping import parse_map_options, plan_mapping
from icp_tui.domain.csv_files import read_table
from icp_tui.domain.csv_import import ImportPlan, plan_import
from icp_tui.domain.models import AccountTier, PastAccount, Prospect, Stage


def plan_accounts(
    tmp_path: Path,
    text: str,
    existing: dict[str, PastAccount] | None = None,
    maps: tuple[str, ...] = (),
) -> ImportPlan[PastAccount]:
    path = tmp_path / "accounts.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "accounts", parse_map_options(maps))
    stored = list((existing or {}).values())
    return plan_import(table, mapping, STANDARD_CATALOGUE, stored, PastAccount)


def test_plan_reads_traits_and_fields(tmp_path: Path) -> None:
    plan = plan_accounts(
        tmp_path,
        "Company name,Industry,Annual Revenue,Employees,Partnership,tier,renewals,notes\n"
        'Acme, Retail ,"$5M","1,200",4,Near miss,3,Lost on price\n',
    )
    account = plan.created[0]

    assert plan.problems == []
    assert account.traits == {
        "industry": "Retail",
        "annual_revenue": 5_000_000,
        "employees": 1200,
        "partnership": 4,
    }
    assert account.tier is AccountTier.NEAR_MISS
    assert account.renewals == 3
    assert account.notes == "Lost on price"


def test_plan_blank_cell_is_unknown(tmp_path: Path) -> None:
    plan = plan_accounts(tmp_path, "name,industry,employees\nAcme,,\n")

    assert plan.problems == []
    assert plan.created[0].traits == {}


def test_plan_semicolon_file_decimal_comma(tmp_path: Path) -> None:
    plan = plan_accounts(tmp_path, "name;contract size\nAcme;1.200,50\n")

    assert plan.created[0].traits == {"contract_size": 1200.5}


def test_plan_column_unit_applies_to_plain_numbers(tmp_path: Path) -> None:
    plan = plan_accounts(
        tmp_path,
        "account,revenue\nAcme,1100.04\nBeta,$5M\n",
        maps=("revenue=annual_revenue:millions",),
    )

    assert plan.created[0].traits == {"annual_revenue": 1_100_040_000}
    assert plan.created[1].traits == {"annual_revenue": 5_000_000}


def test_plan_lists_every_problem(tmp_path: Path) -> None:
    plan = plan_accounts(
        tmp_path,
        "name,employees,partnership,tier,profitability\n"
        "Acme,lots,7,best,3\n"
        ",12,3,great,9\n"
        "Fine,10,3,best,2\n",
    )
    found = [(p.row, p.column, p.value) for p in plan.problems]

    assert found == [
        (2, "employees", "lots"),
        (2, "partnership", "7"),
        (3, "name", ""),
        (3, "tier", "great"),
        (3, "profitability", "9"),
    ]
    assert plan.invalid_rows == 2
    assert [a.name for a in plan.created] == ["Fine"]


def test_plan_problem_names_file_row_column_value(tmp_path: Path) -> None:
    plan = plan_accounts(tmp_path, "name,employees\nAcme,1,5\n".replace("1,5", '"1,5"'))

    assert str(plan.problems[0]).startswith(
        f"{tmp_path / 'accounts.csv'}: row 2, column 'employees', value '1,5': "
    )
    assert "ambiguous" in plan.problems[0].reason


def test_plan_negative_count_rejected(tmp_path: Path) -> None:
    plan = plan_accounts(tmp_path, "name,employees\nAcme,-3\n")

    assert "negative" in plan.problems[0].reason


def test_plan_duplicate_name_in_file(tmp_path: Path) -> None:
    plan = plan_accounts(tmp_path, "name,industry\nAcme,Retail\nACME,Food\n")

    assert plan.problems[0].row == 3
    assert plan.problems[0].reason == "the same name is on row 2"


def test_plan_updates_existing_by_name(tmp_path: Path) -> None:
    stored = PastAccount(
        name="Acme",
        traits={"industry": "Retail", "employees": 50},
        tier=AccountTier.BEST,
        strategies={"employees": "Start with one team"},
    )
    plan = plan_accounts(tmp_path, "name,employees,industry\nacme,80,\n", {"Acme": stored})
    updated = plan.updated[0]

    assert plan.created == []
    assert updated.id == stored.id
    assert updated.traits == {"industry": "Retail", "employees": 80}
    assert updated.tier is AccountTier.BEST
    assert updated.strategies == {"employees": "Start with one team"}


def test_plan_prospect_fields(tmp_path: Path) -> None:
    path = tmp_path / "prospects.csv"
    path.write_text("name,stage,decision\nAcme,In funnel,pursue\n", encoding="utf-8")
    table = read_table(path)
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "prospects")
    plan = plan_import(table, mapping, STANDARD_CATALOGUE, [], Prospect)

    assert plan.created[0].stage is Stage.IN_FUNNEL
    assert plan.created[0].decision == "pursue"


def test_plan_records_pass_model_validation(tmp_path: Path) -> None:
    plan = plan_accounts(
        tmp_path, "name,industry,employees,tier\nAcme,Retail,1200,best\nBeta,,7,poor\n"
    )

    for record in plan.created:
        checked = PastAccount.model_validate(record.model_dump(mode="json"))
        assert checked == record


def test_plan_field_missing_from_model(tmp_path: Path) -> None:
    path = tmp_path / "prospects.csv"
    path.write_text("name,stage\nAcme,won\n", encoding="utf-8")
    table = read_table(path)
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "prospects")

    with pytest.raises(ValueError, match="PastAccount has no field 'stage'"):
        plan_import(table, mapping, STANDARD_CATALOGUE, (), PastAccount)


def test_counted_uses_singular_for_one() -> None:
    from icp_tui.domain.import_report import counted

    assert counted(1, "row") == "1 row"
    assert counted(2000, "row") == "2,000 rows"
    assert counted(0, "red flag") == "0 red flags"
