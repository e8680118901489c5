"""Saving imported records: `save_many` skips its second validation only when it is safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_tui.domain.attributes import Attribute, AttributeKind, AttributeType, Catalogue
from icp_tui.domain.column_mapping import plan_mapping
from icp_tui.domain.csv_files import read_table
from icp_tui.domain.csv_import import plan_import
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import PastAccount, Prospect
from icp_tui.store import WorkspaceStore

ACCOUNTS_CSV = (
    "Company name,Industry,Annual Revenue,Partnership,tier,renewals\n"
    "Acme,Retail,$5M,4,best,3\n"
    'Beta,Software,"1,200,000",,poor,\n'
)


def planned_accounts(tmp_path: Path, store: WorkspaceStore) -> list[PastAccount]:
    path = tmp_path / "accounts.csv"
    path.write_text(ACCOUNTS_CSV, encoding="utf-8")
    table = read_table(path)
    catalogue = store.catalogue()
    mapping = plan_mapping(table.headers, catalogue, "accounts")
    plan = plan_import(table, mapping, catalogue, store.accounts(), PastAccount)
    assert plan.problems == []
    return plan.records


def test_trusted_save_survives_reopen(tmp_path: Path) -> None:
    store_path = tmp_path / "store.json"
    with WorkspaceStore.open(store_path) as store:
        records = planned_accounts(tmp_path, store)
        store.save_many(accounts=records, checked_against=store.catalogue())

    with WorkspaceStore.open(store_path) as reopened:
        saved = sorted(reopened.accounts(), key=lambda account: account.name)

    assert [account.model_dump() for account in saved] == [
        record.model_dump() for record in records
    ]


def test_trusted_save_still_checks_names(tmp_path: Path) -> None:
    with WorkspaceStore.open(tmp_path / "store.json") as store:
        store.save_account(PastAccount(name="ACME"))
        path = tmp_path / "accounts.csv"
        path.write_text(ACCOUNTS_CSV, encoding="utf-8")
        table = read_table(path)
        mapping = plan_mapping(table.headers, store.catalogue(), "accounts")
        # Planned with no stored records, so "Acme" is a new record clashing with "ACME".
        plan = plan_import(table, mapping, store.catalogue(), (), PastAccount)

        with pytest.raises(InvalidInput, match="already used"):
            store.save_many(accounts=plan.records, checked_against=store.catalogue())

        assert [account.name for account in store.accounts()] == ["ACME"]


def test_other_catalogue_means_validation(tmp_path: Path) -> None:
    invalid = PastAccount.model_construct(name="Acme", traits={"partnership": 9})
    with WorkspaceStore.open(tmp_path / "store.json") as store:
        with pytest.raises(InvalidInput, match="partnership"):
            store.save_many(accounts=[invalid], checked_against=Catalogue())

        assert store.accounts() == []


def test_no_catalogue_means_validation(tmp_path: Path) -> None:
    invalid = Prospect.model_construct(name="Acme", traits={"employees": -5})
    with WorkspaceStore.open(tmp_path / "store.json") as store:
        with pytest.raises(InvalidInput, match="employees"):
            store.save_many(prospects=[invalid])

        assert store.prospects() == []


def test_changed_catalogue_means_validation(tmp_path: Path) -> None:
    with WorkspaceStore.open(tmp_path / "store.json") as store:
        planned_with = store.catalogue()
        store.add_attribute(
            Attribute(
                key="cloud_first",
                label="Cloud first",
                kind=AttributeKind.PSYCHOGRAPHIC,
                type=AttributeType.SCALE,
            )
        )
        invalid = PastAccount.model_construct(name="Acme", traits={"partnership": 0})

        with pytest.raises(InvalidInput, match="partnership"):
            store.save_many(accounts=[invalid], checked_against=planned_with)

        assert store.accounts() == []


def test_trusted_save_keeps_records_as_given(tmp_path: Path) -> None:
    with WorkspaceStore.open(tmp_path / "store.json") as store:
        records = planned_accounts(tmp_path, store)
        store.save_many(accounts=records, checked_against=store.catalogue())

        # The same objects, so they were not dumped and validated again.
        assert all(store.account(record.id) is record for record in records)
