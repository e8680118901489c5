"""The store is a TinyDB database: TinyDB's API changes it, and TinyDB itself reads the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from icp_tui.domain.models import Prospect
from icp_tui.store import StoreError, WorkspaceStore
from icp_tui.store.documents import StoreDocuments, Tables


def test_saved_store_opens_with_stock_tinydb(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        saved = store.save_prospect(Prospect(name="Northwind", traits={"employees": 300}))
        store.save_prospect(Prospect(name="Contoso"))
    database = TinyDB(path, access_mode="r")
    try:
        found = database.table("prospects").search(Query().name == "Northwind")
        assert len(database.table("prospects")) == 2
        assert found[0]["id"] == saved.id
        assert found[0]["traits"] == {"employees": 300}
        assert database.table("meta").get(doc_id=1)["schema_version"] == 1  # type: ignore[index]
    finally:
        database.close()


def test_tinydb_insert_and_get_in_memory() -> None:
    tables: Tables = {}
    documents = StoreDocuments(lambda: tables)
    doc_id = documents.records("prospects").insert({"name": "Northwind"})
    assert tables == {"prospects": {str(doc_id): {"name": "Northwind"}}}
    assert documents.records("prospects").get(doc_id=doc_id) == {"name": "Northwind"}


def test_tinydb_query_update_and_remove_in_memory() -> None:
    tables: Tables = {"prospects": {"1": {"name": "A", "stage": "won"}, "2": {"name": "B"}}}
    documents = StoreDocuments(lambda: tables)
    table = documents.records("prospects")
    table.update({"stage": "lost"}, Query().name == "B")
    table.remove(Query().name == "A")
    assert tables["prospects"] == {"2": {"name": "B", "stage": "lost"}}


def test_replace_stores_new_record_objects() -> None:
    original = {"name": "A"}
    tables: Tables = {"prospects": {"1": original}}
    documents = StoreDocuments(lambda: tables)
    documents.replace("prospects", [("1", {"name": "A2"}), ("2", {"name": "B"})], {"1"})
    assert tables["prospects"] == {"1": {"name": "A2"}, "2": {"name": "B"}}
    assert original == {"name": "A"}


def test_non_numeric_doc_id_rejected(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text('{"meta": {"one": {"schema_version": 1}}}', encoding="utf-8")
    with pytest.raises(StoreError, match="not a TinyDB document id"):
        WorkspaceStore.open(path)
