"""The workspace repository over a real TinyDB file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from icp_tui.domain.attributes import Attribute, AttributeKind, AttributeType
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import AccountTier, PastAccount, Profile, Prospect
from icp_tui.store import SCHEMA_VERSION, StoreError, WorkspaceStore

PROFILE = Profile.model_validate(
    {
        "name": "Care mid-market",
        "characteristics": [
            {"label": "Mid-market", "attribute": "employees", "criterion": {"min": 200}},
            {"label": "Partners", "attribute": "partnership", "criterion": {"at_least": 4}},
        ],
    }
)


def test_new_store_readable_by_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    WorkspaceStore.open(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_new_store_records_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    WorkspaceStore.open(path).close()
    data = json.loads(path.read_text())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_prospect_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        saved = store.save_prospect(Prospect(name="Northwind", traits={"employees": 300}))
    with WorkspaceStore.open(path) as reopened:
        assert reopened.prospect(saved.id) == saved


def test_profile_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_profile(PROFILE)
    with WorkspaceStore.open(path) as reopened:
        assert reopened.profile() == PROFILE


def test_update_keeps_one_record(store: WorkspaceStore) -> None:
    saved = store.save_prospect(Prospect(name="Northwind"))
    store.save_prospect(saved.model_copy(update={"notes": "Met at the fair"}))
    assert len(store.prospects()) == 1
    assert store.prospects()[0].notes == "Met at the fair"


def test_duplicate_name_rejected(store: WorkspaceStore) -> None:
    store.save_account(PastAccount(name="Northwind"))
    with pytest.raises(InvalidInput, match="already used"):
        store.save_account(PastAccount(name="northwind"))


def test_find_by_name_ignores_case(store: WorkspaceStore) -> None:
    saved = store.save_account(PastAccount(name="Northwind", tier=AccountTier.BEST))
    assert store.account_named("NORTHWIND ") == saved


def test_delete_removes_from_file(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        saved = store.save_prospect(Prospect(name="Northwind"))
        store.delete_prospect(saved.id)
    with WorkspaceStore.open(path) as reopened:
        assert reopened.prospects() == []


def test_user_attribute_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    attribute = Attribute(
        key="decision_speed",
        label="Decision speed",
        kind=AttributeKind.PSYCHOGRAPHIC,
        type=AttributeType.SCALE,
    )
    with WorkspaceStore.open(path) as store:
        store.add_attribute(attribute)
        store.save_prospect(Prospect.model_validate({"name": "A", "traits": {}}))
    with WorkspaceStore.open(path) as reopened:
        assert reopened.catalogue().get("decision_speed") == attribute


def test_invalid_trait_not_saved(store: WorkspaceStore) -> None:
    saved = store.save_prospect(Prospect(name="Northwind", traits={"partnership": 3}))
    bad = saved.model_copy(update={"traits": {"partnership": 9}})
    with pytest.raises(InvalidInput, match="partnership"):
        store.save_prospect(bad)
    assert store.prospect(saved.id) == saved


def test_save_many_all_or_nothing(store: WorkspaceStore) -> None:
    good = Prospect(name="Good")
    clash_a = Prospect(name="Twin")
    clash_b = Prospect(name="twin")
    with pytest.raises(InvalidInput):
        store.save_many(prospects=[good, clash_a, clash_b])
    assert store.prospects() == []


def test_checklist_ticks_survive_reopen(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.set_tick(1, "outcomes-filled", True)
        store.set_tick(1, "near-miss-chosen", True)
        store.set_tick(1, "outcomes-filled", False)
    with WorkspaceStore.open(path) as reopened:
        assert reopened.checklist().ticks == {1: ["near-miss-chosen"]}


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    with pytest.raises(StoreError, match="newer icp-tui"):
        WorkspaceStore.open(path)


def test_not_json_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text("{not json")
    with pytest.raises(StoreError, match="not valid JSON") as caught:
        WorkspaceStore.open(path)
    assert str(path) in str(caught.value)
    assert path.read_text() == "{not json"


def test_store_cut_inside_character_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    content = '{"meta": {"1": {"schema_version": 1, "name": "Kälte"}}}'.encode()
    path.write_bytes(content[: content.index("ä".encode()) + 1])
    with pytest.raises(StoreError, match="not valid UTF-8 text"):
        WorkspaceStore.open(path)
