"""The workspace repository: the small API that the app and the command line use.

Records are kept as the plain dicts read from the file and turned into the domain's
pydantic models when first read, validated against the workspace's attribute catalogue.
That keeps opening a large store close to the cost of parsing its JSON, and a record that
does not validate is reported, with the store's path and the field, when it is read.
Everything saved is validated before it reaches memory or disk, and every change to a
record goes through TinyDB's table API (`documents.py`), so the file is a TinyDB database.
"""

from __future__ import annotations

import atexit
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

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
from icp_tui.store.merge import StoreChanges
from icp_tui.store.schema import (
    RECORD_TABLES,
    SCHEMA_VERSION,
    SINGLE_DOC_ID,
    check_records,
    create_store_file,
    migrate,
    migrate_file,
    new_store_data,
    schema_version,
)
from icp_tui.store.storage import (
    Data,
    FileSignature,
    Record,
    long_lived_loading,
    parse_store,
    read_store_bytes,
    write_protection,
)
from icp_tui.store.sync import StoreFile

log = logging.getLogger(__name__)

__all__ = ["SCHEMA_VERSION", "WorkspaceStore"]

RecordT = TypeVar("RecordT", bound=Scorable)

_MODELS: dict[str, type[Scorable]] = {"accounts": PastAccount, "prospects": Prospect}


class WorkspaceStore:
    """One workspace in one store file, saved in the background and shared between sessions.

    Every change updates memory at once and reaches the disk within a fraction of a second;
    `flush()` waits for it. Methods may be called from any thread.
    """

    def __init__(
        self,
        path: Path,
        data: Data,
        signature: FileSignature | None,
        *,
        read_only_reason: str | None = None,
    ) -> None:
        self.path = path
        self.read_only_reason = read_only_reason
        """Why edits are not saved, or None when the store is writable."""
        self._models: dict[str, dict[str, Any]] = {table: {} for table in RECORD_TABLES}
        self._name_indexes: dict[str, dict[str, str]] = {}
        """Record id by normalised name, per table; built when first needed."""
        self._profile: Profile | None = None
        self._catalogue = Catalogue()
        self._file = StoreFile(
            path,
            data,
            signature,
            writable=read_only_reason is None,
            on_reload=self._forget_changed,
        )
        try:
            self._catalogue = self._load_catalogue()
        except BaseException:
            self._file.close()
            raise
        atexit.register(self._close_at_exit)

    # Opening and closing

    @classmethod
    def open(
        cls, path: Path, *, create: bool = True, create_on_write: bool = False
    ) -> WorkspaceStore:
        """Open the store at `path`, creating it (owner-only) if missing and `create` is set.

        With `create_on_write`, a missing store starts as an empty workspace in memory and
        its file (and folder) is created by the first write, so a session that changes
        nothing leaves nothing behind. Raise StoreError if the file cannot be used; the
        file is then left untouched. A store or folder without write permission opens
        read-only (see `read_only_reason`). An older schema version is migrated after a
        backup copy is written beside it.
        """
        started = time.perf_counter()
        path = Path(path)
        with long_lived_loading():
            store = cls._open(path, create, create_on_write)
        log.info(
            "opened store %s (%d accounts, %d prospects%s) in %.3f s",
            path,
            store.account_count(),
            store.prospect_count(),
            ", read-only" if store.read_only else "",
            time.perf_counter() - started,
        )
        return store

    @classmethod
    def _open(cls, path: Path, create: bool, create_on_write: bool) -> WorkspaceStore:
        loaded = read_store_bytes(path)
        if loaded is None:
            if not create:
                raise StoreError(path, "does not exist")
            if path.parent.is_dir() and (protection := write_protection(path)) is not None:
                raise StoreError(path, f"cannot be created because {protection}")
            if create_on_write:
                data, signature = new_store_data(), None
            else:
                data, signature = create_store_file(path)
            protection = None
        else:
            raw, signature = loaded
            if not raw.strip():
                raise StoreError(
                    path, "is empty, so it may have been truncated; remove it to start afresh"
                )
            data = parse_store(path, raw)
            protection = write_protection(path)
            version = schema_version(path, data)
            if version < SCHEMA_VERSION:
                if protection is None:
                    data, signature = migrate_file(path, version)
                else:
                    data = migrate(data, version)
                    protection += (
                        f", and it uses the older schema version {version}, which is "
                        "upgraded only when it can be written"
                    )
            check_records(path, data)
        return cls(path, data, signature, read_only_reason=protection)

    def close(self) -> None:
        """Write every pending change, then stop the background writer."""
        atexit.unregister(self._close_at_exit)
        self._file.close()

    def _close_at_exit(self) -> None:
        try:
            self._file.close()
        except StoreError as error:
            log.error("%s", error)

    def __enter__(self) -> WorkspaceStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    # Saving and other sessions

    def flush(self, timeout: float | None = None) -> None:
        """Block until every change made so far is on disk; raise StoreError if it failed."""
        self._file.flush(timeout)

    @property
    def unsaved(self) -> bool:
        """True while some change is not yet on disk."""
        return self._file.unsaved

    @property
    def save_error(self) -> StoreError | None:
        """Why the last background write failed, or None if it succeeded."""
        return self._file.error

    def reload(self) -> StoreChanges:
        """Read the file now if another session wrote it, and return what changed.

        The background writer already does this every second; the app calls
        `take_changes()` to learn about it.
        """
        return self._file.reload()

    def take_changes(self) -> StoreChanges:
        """Return what other sessions changed since the last call (empty if nothing)."""
        return self._file.take_changes()

    # Workspace settings

    def meta(self) -> dict[str, Any]:
        return dict(self._file.get("meta", SINGLE_DOC_ID) or {})

    @property
    def workspace_name(self) -> str:
        return str(self.meta().get("name", "Workspace"))

    def set_workspace_name(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise InvalidInput("workspace name is empty")
        self._check_writable()
        with self._file.mutex:
            self._file.put("meta", SINGLE_DOC_ID, {**self.meta(), "name": name})

    @property
    def currency(self) -> str:
        """The workspace currency code, used for revenue and contract size."""
        return str(self.meta().get("currency", "USD"))

    def set_currency(self, code: str) -> None:
        code = code.strip().upper()
        if not (len(code) == 3 and code.isalpha()):
            raise InvalidInput(f"currency: {code!r} is not a three-letter currency code")
        self._check_writable()
        with self._file.mutex:
            self._file.put("meta", SINGLE_DOC_ID, {**self.meta(), "currency": code})

    # Attributes

    def catalogue(self) -> Catalogue:
        return self._catalogue

    def add_attribute(self, attribute: Attribute) -> None:
        """Add a user-defined attribute; raise InvalidInput if the key is taken."""
        self._check_writable()
        with self._file.mutex:
            try:
                catalogue = Catalogue([*self._catalogue.custom(), attribute])
            except ValueError as error:
                raise InvalidInput(str(error)) from error
            self._file.put("attributes", attribute.key, attribute.model_dump(mode="json"))
            self._catalogue = catalogue

    # Profile

    def profile(self) -> Profile:
        with self._file.mutex:
            if self._profile is None:
                data = self._file.get("profile", SINGLE_DOC_ID)
                self._profile = self._read(Profile, data, "profile") if data else Profile()
            return self._profile

    def save_profile(self, profile: Profile) -> None:
        """Replace the profile; it is validated against this workspace's attributes."""
        self._check_writable()
        checked: Profile = self._validate(Profile, profile.model_dump(mode="json"), "profile")
        with self._file.mutex:
            self._file.put("profile", SINGLE_DOC_ID, checked.model_dump(mode="json"))
            self._profile = checked

    # Past accounts

    def accounts(self) -> list[PastAccount]:
        return self._all("accounts")

    def account(self, record_id: str) -> PastAccount | None:
        found: PastAccount | None = self._one("accounts", record_id)
        return found

    def account_named(self, name: str) -> PastAccount | None:
        found: PastAccount | None = self._named("accounts", name)
        return found

    def account_count(self) -> int:
        return self._file.count("accounts")

    def save_account(self, account: PastAccount) -> PastAccount:
        """Insert or update `account` by id; names are unique. Return the stored record."""
        return self._save("accounts", PastAccount, account)

    def delete_account(self, record_id: str) -> None:
        self._delete("accounts", record_id)

    # Prospects

    def prospects(self) -> list[Prospect]:
        """Return every prospect; the first call validates them, later calls are cheap."""
        return self._all("prospects")

    def prospect(self, record_id: str) -> Prospect | None:
        found: Prospect | None = self._one("prospects", record_id)
        return found

    def prospect_named(self, name: str) -> Prospect | None:
        found: Prospect | None = self._named("prospects", name)
        return found

    def prospect_count(self) -> int:
        return self._file.count("prospects")

    def prospect_names(self) -> list[tuple[str, str]]:
        """Return (id, name) of every prospect without validating them, for long lists."""
        return [(i, str(r["name"])) for i, r in self._file.records("prospects")]

    def save_prospect(self, prospect: Prospect) -> Prospect:
        """Insert or update `prospect` by id; names are unique. Return the stored record."""
        return self._save("prospects", Prospect, prospect)

    def delete_prospect(self, record_id: str) -> None:
        self._delete("prospects", record_id)

    def save_many(
        self,
        accounts: Iterable[PastAccount] = (),
        prospects: Iterable[Prospect] = (),
        *,
        checked_against: Catalogue | None = None,
    ) -> None:
        """Save several records in one write: all of them are validated first, or none saved.

        `checked_against` is the catalogue the caller already checked every record against,
        as `plan_import` does. When it is this store's current catalogue, the records are
        saved without a second validation. The caller must not change them in between.
        """
        self._check_writable()
        trusted = checked_against is not None and checked_against is self._catalogue
        batches: dict[str, list[Scorable]] = {
            "accounts": [self._checked(PastAccount, a, "accounts", trusted) for a in accounts],
            "prospects": [self._checked(Prospect, p, "prospects", trusted) for p in prospects],
        }
        with self._file.mutex:
            if trusted and checked_against is not self._catalogue:
                # Another session changed the attributes since the check above.
                batches = {
                    table: [self._checked(_MODELS[table], r, table, False) for r in records]
                    for table, records in batches.items()
                }
            for table, checked in batches.items():
                names = dict(self._names(table))
                for record in checked:
                    key = _name_key(record.name)
                    owner = names.get(key)
                    if owner is not None and owner != record.id:
                        raise InvalidInput(
                            f"name: {record.name!r} is already used by another record"
                        )
                    names[key] = record.id
            # One hold of the mutex for both tables, so no write can catch half the batch.
            for table, checked in batches.items():
                if not checked:
                    continue
                for record in checked:
                    self._unindex_name(table, record.id)
                self._file.put_many(
                    table, [(record.id, record.model_dump(mode="json")) for record in checked]
                )
                for record in checked:
                    self._names(table)[_name_key(record.name)] = record.id
                    self._models[table][record.id] = record

    # Checklist

    def checklist(self) -> Checklist:
        data = self._file.get("checklist", SINGLE_DOC_ID) or {}
        ticks = {int(step): list(items) for step, items in dict(data).get("ticks", {}).items()}
        return Checklist(ticks=ticks)

    def set_tick(self, step: int, item: str, ticked: bool) -> Checklist:
        """Tick or untick one checklist item of a step and return the whole checklist."""
        self._check_writable()
        with self._file.mutex:
            checklist = self.checklist()
            items = [i for i in checklist.ticks.get(step, []) if i != item]
            if ticked:
                items.append(item)
            checklist = Checklist(ticks={**checklist.ticks, step: items})
            record = {"ticks": {str(k): v for k, v in checklist.ticks.items()}}
            self._file.put("checklist", SINGLE_DOC_ID, record)
        return checklist

    # Internals

    def _check_writable(self) -> None:
        if self.read_only_reason is not None:
            raise ReadOnlyStoreError(
                self.path,
                f"is open read-only because {self.read_only_reason}, so this change was not saved",
            )

    def _checked(self, model: type[RecordT], record: RecordT, what: str, trusted: bool) -> RecordT:
        # A subclass or another model is validated even when trusted, so the stored type
        # is always exactly `model`.
        if trusted and type(record) is model:
            return record
        checked: RecordT = self._validate(model, record.model_dump(mode="json"), what)
        return checked

    def _validate(self, model: type[Any], data: dict[str, Any], what: str) -> Any:
        try:
            return model.model_validate(data, context=catalogue_context(self._catalogue))
        except ValidationError as error:
            raise InvalidInput(describe_validation_error(error, prefix=what)) from error

    def _read(self, model: type[Any], data: Record, what: str) -> Any:
        """Validate a record read from the file; a bad one is a StoreError, not bad input."""
        try:
            return model.model_validate(data, context=catalogue_context(self._catalogue))
        except ValidationError as error:
            detail = describe_validation_error(error, prefix=what)
            raise StoreError(self.path, f"contains an invalid record: {detail}") from error

    def _load_catalogue(self) -> Catalogue:
        attributes = [
            self._read(Attribute, record, f"attributes[{key}]")
            for key, record in self._file.records("attributes")
        ]
        try:
            return Catalogue(attributes)
        except ValueError as error:
            raise StoreError(self.path, f"contains invalid attributes: {error}") from error

    def _model(self, table: str, record_id: str, record: Record) -> Any:
        model = self._models[table].get(record_id)
        if model is None:
            what = f"{table} record {record.get('name', record_id)!r}"
            model = self._read(_MODELS[table], record, what)
            self._models[table][record_id] = model
        return model

    def _all(self, table: str) -> list[Any]:
        with self._file.mutex, long_lived_loading():
            return [self._model(table, i, r) for i, r in self._file.records(table)]

    def _one(self, table: str, record_id: str) -> Any:
        with self._file.mutex:
            record = self._file.get(table, record_id)
            return None if record is None else self._model(table, record_id, record)

    def _named(self, table: str, name: str) -> Any:
        with self._file.mutex:
            record_id = self._names(table).get(_name_key(name))
            return None if record_id is None else self._one(table, record_id)

    def _names(self, table: str) -> dict[str, str]:
        # Callers hold the mutex. The index is built on first use, not at open, because
        # for 100,000 records it costs about a third of the time to parse the file.
        names = self._name_indexes.get(table)
        if names is None:
            names = {
                " ".join(record["name"].split()).casefold(): record["id"]
                for record in self._file.values(table)
            }
            self._name_indexes[table] = names
        return names

    def _unindex_name(self, table: str, record_id: str) -> None:
        old = self._file.get(table, record_id)
        names = self._names(table)
        if old is not None and names.get(_name_key(str(old["name"]))) == record_id:
            del names[_name_key(str(old["name"]))]

    def _save(self, table: str, model: type[RecordT], record: RecordT) -> RecordT:
        self._check_writable()
        checked: RecordT = self._validate(model, record.model_dump(mode="json"), table)
        key = _name_key(checked.name)
        with self._file.mutex:
            owner = self._names(table).get(key)
            if owner is not None and owner != checked.id:
                raise InvalidInput(f"name: {checked.name!r} is already used by another record")
            self._unindex_name(table, checked.id)
            self._file.put(table, checked.id, checked.model_dump(mode="json"))
            self._names(table)[key] = checked.id
            self._models[table][checked.id] = checked
        return checked

    def _delete(self, table: str, record_id: str) -> None:
        self._check_writable()
        with self._file.mutex:
            self._unindex_name(table, record_id)
            if not self._file.remove(table, record_id):
                raise InvalidInput(f"record {record_id!r} not found")
            self._models[table].pop(record_id, None)

    def _forget_changed(self, changes: StoreChanges) -> None:
        # Runs with the tables' mutex held, after another session's write was merged in.
        tables = changes.tables()
        if "attributes" in tables:
            self._catalogue = self._load_catalogue()
            for models in self._models.values():
                models.clear()
        if "profile" in tables:
            self._profile = None
        touched = [(c.table, c.record_id) for c in changes.records]
        touched += [(c.table, c.record_id) for c in changes.conflicts]
        for table, record_id in touched:
            if table in self._models:
                self._models[table].pop(record_id, None)
        for table in RECORD_TABLES:
            if table in tables:
                self._name_indexes.pop(table, None)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()
