"""The workspace repository: the small API that the app and the command line use.

Nothing outside this package touches TinyDB. Every record goes in and out through the
domain's pydantic models, validated against the workspace's attribute catalogue.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Document, Table

from icp_tui.domain.attributes import Attribute, Catalogue
from icp_tui.domain.errors import InvalidInput, describe_validation_error
from icp_tui.domain.models import (
    Checklist,
    PastAccount,
    Profile,
    Prospect,
    Scorable,
    catalogue_context,
)
from icp_tui.store.errors import ReadOnlyStoreError, StoreError
from icp_tui.store.storage import AtomicJSONStorage, read_json_file

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
"""Version of the store's layout, recorded in the `meta` table."""

SINGLE_DOC_ID = 1
"""The meta, profile and checklist tables each hold one record under this id."""

RecordT = TypeVar("RecordT", bound=Scorable)


class WorkspaceStore:
    """One workspace in one TinyDB file."""

    def __init__(self, path: Path, db: TinyDB, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._db = db
        self._doc_ids: dict[str, int] = {}
        self._catalogue = Catalogue()
        self._catalogue = Catalogue(
            self._load_models(self._table("attributes"), Attribute, "attributes")
        )
        self._accounts: dict[str, PastAccount] = {}
        self._prospects: dict[str, Prospect] = {}
        for account in self._load_models(self._table("accounts"), PastAccount, "accounts"):
            self._accounts[account.id] = account
        for prospect in self._load_models(self._table("prospects"), Prospect, "prospects"):
            self._prospects[prospect.id] = prospect

    # Opening and closing

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> WorkspaceStore:
        """Open the store at `path`, creating it (owner-only) if missing and `create` is set.

        Raise StoreError if the file cannot be used; the file is then left untouched.
        """
        started = time.perf_counter()
        path = Path(path)
        data = read_json_file(path)
        read_only = path.exists() and not os.access(path, os.W_OK)
        if data is None:
            if not create:
                raise StoreError(path, "does not exist")
            if path.exists() and read_only:
                raise StoreError(path, "is empty and read-only")
            data = _new_store_data()
            path.parent.mkdir(parents=True, exist_ok=True)
            storage = AtomicJSONStorage(path, initial=data)
            storage.write(data)
        else:
            _check_version(path, data)
            storage = AtomicJSONStorage(path, initial=data)
        read_only = read_only or not os.access(path.parent, os.W_OK)
        db = TinyDB(path, storage=lambda _path: storage)
        store = cls(path, db, read_only=read_only)
        log.info(
            "opened store (%d accounts, %d prospects) in %.3f s",
            len(store._accounts),
            len(store._prospects),
            time.perf_counter() - started,
        )
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> WorkspaceStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Workspace settings

    def meta(self) -> dict[str, Any]:
        return dict(self._table("meta").get(doc_id=SINGLE_DOC_ID) or {})

    @property
    def workspace_name(self) -> str:
        return str(self.meta().get("name", "Workspace"))

    def set_workspace_name(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise InvalidInput("workspace name is empty")
        self._check_writable()
        self._table("meta").update({"name": name}, doc_ids=[SINGLE_DOC_ID])

    @property
    def currency(self) -> str:
        """The workspace currency code, used for revenue and contract size."""
        return str(self.meta().get("currency", "USD"))

    def set_currency(self, code: str) -> None:
        code = code.strip().upper()
        if not (len(code) == 3 and code.isalpha()):
            raise InvalidInput(f"currency: {code!r} is not a three-letter currency code")
        self._check_writable()
        self._table("meta").update({"currency": code}, doc_ids=[SINGLE_DOC_ID])

    # Attributes

    def catalogue(self) -> Catalogue:
        return self._catalogue

    def add_attribute(self, attribute: Attribute) -> None:
        """Add a user-defined attribute; raise InvalidInput if the key is taken."""
        self._check_writable()
        try:
            catalogue = Catalogue([*self._catalogue.custom(), attribute])
        except ValueError as error:
            raise InvalidInput(str(error)) from error
        self._table("attributes").insert(attribute.model_dump(mode="json"))
        self._catalogue = catalogue

    # Profile

    def profile(self) -> Profile:
        data = self._table("profile").get(doc_id=SINGLE_DOC_ID)
        if not data:
            return Profile()
        profile: Profile = self._validate(Profile, dict(data), "profile")
        return profile

    def save_profile(self, profile: Profile) -> None:
        """Replace the profile; it is validated against this workspace's attributes."""
        self._check_writable()
        checked = self._validate(Profile, profile.model_dump(mode="json"), "profile")
        self._table("profile").upsert(
            Document(checked.model_dump(mode="json"), doc_id=SINGLE_DOC_ID)
        )

    # Past accounts

    def accounts(self) -> list[PastAccount]:
        return list(self._accounts.values())

    def account(self, record_id: str) -> PastAccount | None:
        return self._accounts.get(record_id)

    def account_named(self, name: str) -> PastAccount | None:
        return _find_by_name(self._accounts.values(), name)

    def save_account(self, account: PastAccount) -> PastAccount:
        """Insert or update `account` by id; names are unique. Return the stored record."""
        return self._save("accounts", self._accounts, PastAccount, account)

    def delete_account(self, record_id: str) -> None:
        self._delete("accounts", self._accounts, record_id)

    # Prospects

    def prospects(self) -> list[Prospect]:
        return list(self._prospects.values())

    def prospect(self, record_id: str) -> Prospect | None:
        return self._prospects.get(record_id)

    def prospect_named(self, name: str) -> Prospect | None:
        return _find_by_name(self._prospects.values(), name)

    def save_prospect(self, prospect: Prospect) -> Prospect:
        """Insert or update `prospect` by id; names are unique. Return the stored record."""
        return self._save("prospects", self._prospects, Prospect, prospect)

    def delete_prospect(self, record_id: str) -> None:
        self._delete("prospects", self._prospects, record_id)

    # Checklist

    def checklist(self) -> Checklist:
        data: dict[str, Any] = dict(self._table("checklist").get(doc_id=SINGLE_DOC_ID) or {})
        ticks = {int(step): list(items) for step, items in data.get("ticks", {}).items()}
        return Checklist(ticks=ticks)

    def set_tick(self, step: int, item: str, ticked: bool) -> Checklist:
        """Tick or untick one checklist item of a step and return the whole checklist."""
        self._check_writable()
        checklist = self.checklist()
        items = [i for i in checklist.ticks.get(step, []) if i != item]
        if ticked:
            items.append(item)
        ticks = {**checklist.ticks, step: items}
        checklist = Checklist(ticks=ticks)
        self._table("checklist").upsert(
            Document(
                {"ticks": {str(k): v for k, v in checklist.ticks.items()}},
                doc_id=SINGLE_DOC_ID,
            )
        )
        return checklist

    # Internals

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStoreError(
                self.path, "is read-only (no write permission), so this change was not saved"
            )

    def _validate(self, model: type[Any], data: dict[str, Any], what: str) -> Any:
        try:
            return model.model_validate(data, context=catalogue_context(self._catalogue))
        except ValidationError as error:
            raise InvalidInput(describe_validation_error(error, prefix=what)) from error

    def _load_models(self, table: Table, model: type[Any], what: str) -> list[Any]:
        loaded = []
        for document in table.all():
            try:
                instance = model.model_validate(
                    dict(document), context=catalogue_context(self._catalogue)
                )
            except ValidationError as error:
                detail = describe_validation_error(error, prefix=f"{what}[{document.doc_id}]")
                raise StoreError(self.path, f"holds an invalid record: {detail}") from error
            if isinstance(instance, Scorable):
                self._doc_ids[instance.id] = document.doc_id
            loaded.append(instance)
        return loaded

    def _save(
        self,
        table_name: str,
        records: dict[str, RecordT],
        model: type[RecordT],
        record: RecordT,
    ) -> RecordT:
        self._check_writable()
        checked: RecordT = self._validate(model, record.model_dump(mode="json"), table_name)
        clash = _find_by_name(records.values(), checked.name)
        if clash is not None and clash.id != checked.id:
            raise InvalidInput(f"name: {checked.name!r} is already used by another record")
        table = self._table(table_name)
        data = checked.model_dump(mode="json")
        doc_id = self._doc_ids.get(checked.id)
        if doc_id is None:
            self._doc_ids[checked.id] = table.insert(data)
        else:
            table.upsert(Document(data, doc_id=doc_id))
        records[checked.id] = checked
        return checked

    def _delete(self, table_name: str, records: dict[str, RecordT], record_id: str) -> None:
        self._check_writable()
        doc_id = self._doc_ids.pop(record_id, None)
        if doc_id is None:
            raise InvalidInput(f"record {record_id!r} not found")
        self._table(table_name).remove(doc_ids=[doc_id])
        records.pop(record_id, None)

    def save_many(
        self,
        accounts: Iterable[PastAccount] = (),
        prospects: Iterable[Prospect] = (),
    ) -> None:
        """Save several records in one write: all of them are validated first, or none saved."""
        self._check_writable()
        checked_accounts = [
            self._validate(PastAccount, a.model_dump(mode="json"), "accounts") for a in accounts
        ]
        checked_prospects = [
            self._validate(Prospect, p.model_dump(mode="json"), "prospects") for p in prospects
        ]
        for checked, records in (
            (checked_accounts, self._accounts),
            (checked_prospects, self._prospects),
        ):
            names: dict[str, str] = {r.name.casefold(): r.id for r in records.values()}
            for record in checked:
                owner = names.get(record.name.casefold())
                if owner is not None and owner != record.id:
                    raise InvalidInput(f"name: {record.name!r} is already used by another record")
                names[record.name.casefold()] = record.id
        for table_name, checked, records in (
            ("accounts", checked_accounts, self._accounts),
            ("prospects", checked_prospects, self._prospects),
        ):
            if not checked:
                continue
            table = self._table(table_name)
            new = [r for r in checked if r.id not in self._doc_ids]
            for record in checked:
                if record.id in self._doc_ids:
                    table.upsert(
                        Document(record.model_dump(mode="json"), doc_id=self._doc_ids[record.id])
                    )
            for record, doc_id in zip(
                new, table.insert_multiple(r.model_dump(mode="json") for r in new), strict=True
            ):
                self._doc_ids[record.id] = doc_id
            for record in checked:
                records[record.id] = record


def _find_by_name(records: Iterable[RecordT], name: str) -> RecordT | None:
    wanted = " ".join(name.split()).casefold()
    for record in records:
        if record.name.casefold() == wanted:
            return record
    return None


def _new_store_data() -> dict[str, dict[str, Any]]:
    return {
        "meta": {
            str(SINGLE_DOC_ID): {
                "schema_version": SCHEMA_VERSION,
                "name": "My workspace",
                "currency": "USD",
            }
        }
    }


def _check_version(path: Path, data: dict[str, dict[str, Any]]) -> None:
    meta = data.get("meta", {}).get(str(SINGLE_DOC_ID))
    if not isinstance(meta, dict) or "schema_version" not in meta:
        raise StoreError(path, "has no schema version; it is not an icp-tui store")
    version = meta["schema_version"]
    if not isinstance(version, int) or version < 1:
        raise StoreError(path, f"has an invalid schema version {version!r}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"was written by a newer icp-tui (schema version {version}; this version reads "
            f"up to {SCHEMA_VERSION}); upgrade icp-tui to open it",
        )
