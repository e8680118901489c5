"""Files shaped as Pipedrive exports: organizations as past accounts, deals as history.

The files in tests/data/pipedrive use the column names that scripts reading real Pipedrive
exports expect ("Organization - Country of Address", "Deal - Status", ...). Their deal
file puts the pipeline stage before the status, as those exports do.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.domain.attributes import STANDARD_CATALOGUE
from icp_tui.domain.column_mapping import plan_mapping
from icp_tui.domain.csv_files import read_table
from icp_tui.store import WorkspaceStore

PIPEDRIVE = Path(__file__).parent / "data" / "pipedrive"


def import_file(store_path: Path, kind: str, name: str) -> int:
    return main(["import", kind, str(PIPEDRIVE / name), "--store", str(store_path)])


@pytest.fixture
def store_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "store.json"
    assert import_file(path, "accounts", "organizations.csv") == 0
    capsys.readouterr()
    return path


def test_pipedrive_organization_columns_mapped() -> None:
    table = read_table(PIPEDRIVE / "organizations.csv")
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "accounts")
    targets = {table.headers[index]: target for index, target in mapping.targets.items()}

    assert targets == {
        "Organization - Name": "name",
        "Organization - Country of Address": "geography",
        "Organization - Industry": "industry",
        "Organization - Annual revenue": "annual_revenue",
        "Organization - Number of employees": "employees",
    }
    assert "Organization - Address" in mapping.unmapped()


def test_pipedrive_deal_columns_mapped() -> None:
    table = read_table(PIPEDRIVE / "deals.csv")
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "deals")
    targets = {table.headers[index]: target for index, target in mapping.targets.items()}

    assert targets == {
        "Deal - Value": "value",
        "Deal - Organization": "account",
        "Deal - Status": "stage",
        "Deal - Deal closed on": "close_date",
        "Deal - Currency": "currency",
    }
    assert (
        "column 7 'Deal - Stage' would feed stage, but column 8 'Deal - Status' is "
        "preferred for it; it is not read"
    ) in mapping.notes


def test_pipedrive_organizations_imported(store_path: Path) -> None:
    with WorkspaceStore.open(store_path) as store:
        northwind = store.account_named("Northwind Clinics")
        fabrikam = store.account_named("Fabrikam Bio")

    assert northwind is not None
    assert northwind.traits == {
        "geography": "United States",
        "industry": "Healthcare",
        "annual_revenue": 12_000_000,
        "employees": 1200,
    }
    assert fabrikam is not None
    assert fabrikam.traits == {"industry": "Biotech", "employees": 450}


def test_pipedrive_deals_summed_by_status(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = import_file(store_path, "deals", "deals.csv")
    out = capsys.readouterr().out

    assert status == 0
    assert "Deals: 2 won and 2 lost, summed for 2 accounts" in out
    assert "Open deals, not counted: 1 (open 1)." in out
    assert "Globex (1)" in out
    with WorkspaceStore.open(store_path) as store:
        northwind = store.account_named("Northwind Clinics")
        contoso = store.account_named("Contoso Retail")
    assert northwind is not None and northwind.deals is not None
    assert (northwind.deals.won, northwind.deals.lost) == (2, 1)
    assert northwind.deals.won_value == 6000
    # The lost deal closed last; "Deal closed on" has its date, "Won time" would not.
    assert northwind.deals.last_close == date(2024, 9, 10)
    assert contoso is not None and contoso.deals is not None
    assert (contoso.deals.won, contoso.deals.lost) == (0, 1)
