"""The store's layout and schema versions: new store files and migrations of older ones.

Version 1 (current): tables `meta`, `attributes`, `profile`, `accounts`, `prospects` and
`checklist` in TinyDB's layout. `meta`, `profile` and `checklist` contain one record under
doc id "1", and `meta` records `schema_version`. Past accounts and prospects carry a
string `id` that stays the same across sessions, and attributes are identified by `key`.

Version 0: the same tables without `schema_version` in `meta`, and with account and
prospect records that have no `id`, so that only their TinyDB doc id addresses them.
No release wrote this layout. It is defined so that the migration path is real and
tested. A file is taken as version 0 only if it has no table outside the names above, so
any other JSON object is still reported as not being a store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import orjson
from filelock import Timeout

from icp_tui.store.errors import StoreError
from icp_tui.store.storage import (
    Data,
    FileSignature,
    Record,
    json_kind,
    parse_store,
    read_store_bytes,
    replace_file,
    serialise,
    store_lock,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
"""Version of the store's layout, recorded in the `meta` table."""

SINGLE_DOC_ID = "1"
"""The meta, profile and checklist tables each hold one record under this doc id."""

SINGLETON_TABLES = ("meta", "profile", "checklist")
RECORD_TABLES = ("accounts", "prospects")
TABLES = ("meta", "attributes", "profile", "accounts", "prospects", "checklist")


def identity(table: str, doc_id: str, record: Record) -> str:
    """Return what identifies `record` across sessions: its id, its key or its doc id."""
    if table in RECORD_TABLES:
        return str(record["id"])
    if table == "attributes":
        return str(record.get("key", f"#{doc_id}"))
    return doc_id


def new_store_data() -> Data:
    return {
        "meta": {
            SINGLE_DOC_ID: {
                "schema_version": SCHEMA_VERSION,
                "name": "My workspace",
                "currency": "USD",
            }
        }
    }


def schema_version(path: Path, data: Data) -> int:
    """Return the schema version of a parsed store, or raise StoreError if it has none."""
    meta = data.get("meta", {}).get(SINGLE_DOC_ID)
    if isinstance(meta, dict) and "schema_version" in meta:
        version = meta["schema_version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise StoreError(path, f"has an invalid schema version {version!r}")
        if version > SCHEMA_VERSION:
            raise StoreError(
                path,
                f"was written by a newer icp-tui (schema version {version}; this version "
                f"reads up to {SCHEMA_VERSION}); upgrade icp-tui to open it",
            )
        return version
    unknown = sorted(set(data) - set(TABLES))
    if not data or unknown:
        detail = f"it has tables {', '.join(map(repr, unknown))}" if unknown else "it is empty"
        raise StoreError(path, f"has no schema version and is not an icp-tui store ({detail})")
    return 0


def check_records(path: Path, data: Data) -> None:
    """Check what the store relies on before validating a record: ids and names.

    Everything else in a record is validated by the domain models when it is first read.
    The check itself runs as comprehensions because a store may have 100,000 records.
    The loop below runs only on failure, to find the record to name in the message.
    """
    for table in RECORD_TABLES:
        rows = data.get(table, {})
        ids = [record.get("id") for record in rows.values()]
        valid = all([type(i) is str and i for i in ids]) and all(
            [type(record.get("name")) is str for record in rows.values()]
        )
        if valid and len(set(ids)) == len(ids):
            continue
        seen: dict[str, str] = {}
        for doc_id, record in rows.items():
            where = f'{table} record "{doc_id}"'
            record_id = record.get("id")
            if not isinstance(record_id, str) or not record_id:
                problem = _field_problem(record, "id", "non-empty text")
                raise StoreError(path, f"contains an invalid record: {where}: {problem}")
            if not isinstance(record.get("name"), str):
                problem = _field_problem(record, "name", "text")
                raise StoreError(path, f"contains an invalid record: {where}: {problem}")
            if record_id in seen:
                raise StoreError(
                    path,
                    f"contains two records with id {record_id!r}: {table} records "
                    f'"{seen[record_id]}" and "{doc_id}"',
                )
            seen[record_id] = doc_id


VALUE_SHOWN_MAX = 40
"""Characters of a wrong value shown in a message about a record."""


def _field_problem(record: Record, field: str, expected: str) -> str:
    """Return what is wrong with `field` of `record`, in JSON's terms, and what it must be."""
    if field not in record:
        return f"{field} is missing; it must be {expected}"
    value = record[field]
    if value is None:
        return f"{field} is missing (null); it must be {expected}"
    shown = orjson.dumps(value).decode("utf-8", errors="replace")
    if len(shown) > VALUE_SHOWN_MAX:
        shown = shown[:VALUE_SHOWN_MAX] + "\u2026"
    return f"{field} is a JSON {json_kind(value)} ({shown}); it must be {expected}"


def _migrate_0_to_1(data: Data) -> Data:
    migrated: Data = {name: dict(table) for name, table in data.items()}
    for table in RECORD_TABLES:
        migrated[table] = {
            doc_id: record if record.get("id") else {**record, "id": uuid4().hex}
            for doc_id, record in migrated.get(table, {}).items()
        }
    meta: dict[str, Any] = dict(migrated.get("meta", {}).get(SINGLE_DOC_ID, {}))
    meta["schema_version"] = 1
    meta.setdefault("name", "My workspace")
    meta.setdefault("currency", "USD")
    migrated["meta"] = {SINGLE_DOC_ID: meta}
    return migrated


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _migrate_0_to_1}
"""The migration from each older version to the next one."""


def migrate(data: Data, version: int) -> Data:
    """Return `data` brought from `version` up to SCHEMA_VERSION; `data` is not changed."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


def create_store_file(path: Path) -> tuple[Data, FileSignature]:
    """Write a new, empty store readable by its owner only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = new_store_data()
        return data, replace_file(path, serialise(data))
    except OSError as error:
        raise StoreError(path, f"cannot be created: {error.strerror or error}") from error


def migrate_file(path: Path, version: int) -> tuple[Data, FileSignature]:
    """Migrate the store to the current schema, after copying the original beside it.

    The file is read again under the lock, so two sessions opening it at once migrate it
    only once.
    """
    try:
        with store_lock(path):
            loaded = read_store_bytes(path)
            if loaded is None:
                raise StoreError(path, "disappeared while it was being opened")
            raw, signature = loaded
            data = parse_store(path, raw)
            version = schema_version(path, data)
            if version == SCHEMA_VERSION:
                return data, signature
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = path.with_name(f"{path.name}.schema-{version}-{stamp}.bak")
            replace_file(backup, raw)
            migrated = migrate(data, version)
            signature = replace_file(path, serialise(migrated))
    except (OSError, Timeout) as error:
        raise StoreError(
            path, f"could not be upgraded from schema version {version}: {error}"
        ) from error
    log.info("migrated store %s from schema version %d; backup at %s", path, version, backup)
    return migrated, signature
