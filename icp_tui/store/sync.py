"""The store's records in memory, written to disk and kept in step with other sessions.

Changes update memory at once and are written by a background thread named
`icp-tui-store-writer`, which gathers the changes of COALESCE_SECONDS into one write.
Each write holds a lock file beside the store (`<store>.lock`) for its whole
read-modify-write. If another process replaced the file since this session last read it,
the file is read again and this session's pending records are merged into it before the
result is written (see `merge.py`).

The same thread checks the file's signature every WATCH_SECONDS while idle (one `stat`
call), so a session picks up another's writes within that time without busy polling.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from filelock import Timeout

from icp_tui.store.documents import StoreDocuments
from icp_tui.store.errors import StoreError
from icp_tui.store.merge import Conflict, RecordChange, StoreChanges, merge_record
from icp_tui.store.schema import RECORD_TABLES, TABLES, identity, schema_version
from icp_tui.store.storage import (
    LOCK_TIMEOUT_SECONDS,
    Data,
    EncodedRecords,
    FileSignature,
    Record,
    TableSnapshot,
    file_signature,
    long_lived_loading,
    parse_store,
    read_store_bytes,
    remove_temporaries,
    replace_file,
    store_lock,
)

log = logging.getLogger(__name__)

COALESCE_SECONDS = 0.2
"""How long the writer waits after a change for more changes to save in the same write."""

WATCH_SECONDS = 1.0
"""How often the writer checks whether another session replaced the file."""

RETRY_SECONDS = 1.0
"""Pause before a failed write is tried again."""

Key = tuple[str, str]


class WriteFailed(StoreError):
    """A write that failed but may work when tried again (disk full, lock held)."""


"""A record's table and identity."""


class StoreFile:
    """The tables of one store file in memory, with a background writer and watcher.

    Records passed in and returned are plain dicts that callers must not mutate. Because
    `put` always stores a new dict, a record that the writer is encoding stays unchanged.
    """

    def __init__(
        self,
        path: Path,
        data: Data,
        signature: FileSignature | None,
        *,
        writable: bool,
        on_reload: Callable[[StoreChanges], None],
    ) -> None:
        self.path = path
        self.mutex = threading.RLock()
        """Lock that guards the tables. Hold it to read several records consistently."""
        self._data = data
        self._documents = StoreDocuments(lambda: self._data)
        """TinyDB over `_data`: every change to a record goes through it."""
        self._index = _build_index(data)
        self._next_ids = _next_doc_ids(data)
        self._signature = signature
        self._writable = writable
        self._on_reload = on_reload
        self._file_lock = store_lock(path)
        self._io_lock = threading.Lock()
        self._condition = threading.Condition(self.mutex)
        self._pending: dict[Key, tuple[Record | None, int]] = {}
        """Records changed since the last write: their version as last synced, and the
        change number of their latest change."""
        self._change_count = 0
        self._saved_count = 0
        self._urgent = False
        self._stopping = False
        self._write_error: StoreError | None = None
        self._fatal_error: StoreError | None = None
        self._changes = StoreChanges()
        self._encoded = EncodedRecords()
        """Each record's JSON bytes from the last write. Used only while holding _io_lock.

        It stays correct only because every change to `_data` goes through `put_many` or
        `remove`, which mark the record pending, or through `_merge`, after which it is
        cleared."""
        self._temporaries_removed = False
        self._thread = threading.Thread(target=self._run, name="icp-tui-store-writer", daemon=True)
        self._thread.start()

    # Reading and changing records

    def get(self, table: str, record_identity: str) -> Record | None:
        with self.mutex:
            doc_id = self._index.get(table, {}).get(record_identity)
            return None if doc_id is None else self._data[table][doc_id]

    def records(self, table: str) -> list[tuple[str, Record]]:
        """Return the table's records with their identities, in file order."""
        with self.mutex:
            return [
                (record_identity, self._data[table][doc_id])
                for record_identity, doc_id in self._index.get(table, {}).items()
            ]

    def values(self, table: str) -> list[Record]:
        """Return the table's records, in file order."""
        with self.mutex:
            return list(self._data.get(table, {}).values())

    def count(self, table: str) -> int:
        with self.mutex:
            return len(self._index.get(table, {}))

    def put(self, table: str, record_identity: str, record: Record) -> None:
        """Insert or replace one record, which is written within about COALESCE_SECONDS."""
        self.put_many(table, [(record_identity, record)])

    def put_many(self, table: str, records: list[tuple[str, Record]]) -> None:
        with self._condition:
            self._check_usable()
            rows = self._data.setdefault(table, {})
            index = self._index.setdefault(table, {})
            placed: dict[str, Record] = {}
            existing: set[str] = set()
            for record_identity, record in records:
                doc_id = index.get(record_identity)
                self._mark_pending((table, record_identity), rows.get(doc_id) if doc_id else None)
                if doc_id is None:
                    doc_id = self._new_doc_id(table)
                    index[record_identity] = doc_id
                elif doc_id in rows:
                    existing.add(doc_id)
                placed[doc_id] = record
            self._documents.replace(table, placed.items(), existing)
            self._condition.notify_all()

    def remove(self, table: str, record_identity: str) -> bool:
        """Remove one record, or return False if there is none with that identity."""
        with self._condition:
            self._check_usable()
            doc_id = self._index.get(table, {}).pop(record_identity, None)
            if doc_id is None:
                return False
            self._mark_pending((table, record_identity), self._data[table][doc_id])
            self._documents.remove(table, doc_id)
            self._condition.notify_all()
            return True

    def _new_doc_id(self, table: str) -> str:
        number = self._next_ids.get(table, 1)
        self._next_ids[table] = number + 1
        return str(number)

    def _mark_pending(self, key: Key, current: Record | None) -> None:
        self._change_count += 1
        base = self._pending[key][0] if key in self._pending else current
        self._pending[key] = (base, self._change_count)

    def _pending_records(self) -> dict[str, dict[str, Record]]:
        """Return the pending records that the tables contain, by table and doc id.

        A record stays pending until a write that includes it completes, so these are
        all the records whose bytes `_encoded` may lack or hold from an older version.
        """
        records: dict[str, dict[str, Record]] = {}
        for table, record_identity in self._pending:
            doc_id = self._index.get(table, {}).get(record_identity)
            if doc_id is not None:
                records.setdefault(table, {})[doc_id] = self._data[table][doc_id]
        return records

    def _check_usable(self) -> None:
        if self._fatal_error is not None:
            raise self._fatal_error

    # Saving

    @property
    def unsaved(self) -> bool:
        with self.mutex:
            return self._saved_count < self._change_count

    def flush(self, timeout: float | None = None) -> None:
        """Block until every change made so far is on disk.

        Raise StoreError if the write failed or did not finish within `timeout` seconds.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            target = self._change_count
            self._write_error = None
            while self._saved_count < target:
                error = self._fatal_error or self._write_error
                if error is not None:
                    raise error
                if not self._thread.is_alive():
                    raise StoreError(self.path, "cannot be saved: the writer has stopped")
                self._urgent = True
                self._condition.notify_all()
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise StoreError(self.path, f"was not saved within {timeout:g} seconds")
                self._condition.wait(remaining)

    def close(self) -> None:
        """Write what is pending, then stop the writer thread; later calls do nothing."""
        if self._stopping:
            return
        try:
            if self._writable:
                self.flush()
        finally:
            with self._condition:
                self._stopping = True
                self._condition.notify_all()
            self._thread.join()

    @property
    def error(self) -> StoreError | None:
        """The reason the last write failed, or None after a successful write."""
        with self.mutex:
            return self._fatal_error or self._write_error

    # Other sessions

    def take_changes(self) -> StoreChanges:
        """Return what other sessions changed since the last call, and forget it."""
        with self.mutex:
            changes, self._changes = self._changes, StoreChanges()
            return changes

    def reload(self) -> StoreChanges:
        """Read the file now if another session replaced it, and merge it into memory."""
        with self._io_lock:
            changes = self._reload_if_replaced()
        with self.mutex:
            self._changes.extend(changes)
        return changes

    def _reload_if_replaced(self) -> StoreChanges:
        # The caller holds _io_lock, so only one read or write of the file runs at a time.
        if file_signature(self.path) == self._signature:
            return StoreChanges()
        started = time.perf_counter()
        loaded = read_store_bytes(self.path)
        if loaded is None:
            # The file was removed: the next write puts the whole workspace back.
            log.warning("store file %s disappeared; it will be written again", self.path)
            with self.mutex:
                self._signature = None
                for table, index in self._index.items():
                    for record_identity, doc_id in index.items():
                        self._mark_pending((table, record_identity), self._data[table][doc_id])
            return StoreChanges()
        raw, signature = loaded
        with long_lived_loading():
            disk = parse_store(self.path, raw)
            schema_version(self.path, disk)
            disk_index = _build_index(disk)
            next_ids = _next_doc_ids(disk)
            with self.mutex:
                ours = {table: dict(rows) for table, rows in self._data.items()}
                ours_index = {table: dict(index) for table, index in self._index.items()}
            # Comparing 100,000 records takes a good part of a second, so it runs on copies
            # without the mutex. Records are replaced, never changed in place, and a record
            # put after the copies were taken is pending, so the merge below still includes it.
            differing = _differing_records(ours, ours_index, disk, disk_index)
            with self.mutex:
                self._next_ids = next_ids
                changes = self._merge(disk, disk_index, differing)
                # The merge can change any record and its doc id without marking it
                # pending, so the next write encodes every record anew.
                self._encoded.clear()
                self._signature = signature
                if changes:
                    self._on_reload(changes)
        log.info(
            "reloaded store after another session wrote it (%d records changed) in %.3f s",
            len(changes.records),
            time.perf_counter() - started,
        )
        return changes

    def _merge(
        self, disk: Data, disk_index: dict[str, dict[str, str]], differing: set[Key]
    ) -> StoreChanges:
        """Make `disk` the new tables, with this session's pending records merged in.

        Only the records in `differing` and the pending ones need a look: every other
        record is the same on disk as in memory.
        """
        changes = StoreChanges()
        # NOTE: names are not checked here, so when two sessions add a record with the
        # same name at the same time, both records are kept and a name lookup finds one.
        for key in sorted(differing | set(self._pending), key=_key_order):
            table, record_identity = key
            ours = self._index.get(table, {})
            theirs = disk_index.setdefault(table, {})
            rows = disk.setdefault(table, {})
            mine = self._data[table][ours[record_identity]] if record_identity in ours else None
            other = rows[theirs[record_identity]] if record_identity in theirs else None
            if key in self._pending:
                before, change_number = self._pending[key]
                result, conflicts = merge_record(before, mine, other)
                self._pending[key] = (other, change_number)
            else:
                before = mine
                result, conflicts = other, []
            name = _record_name(table, record_identity, result or other or mine or {})
            if other != before:
                # `before` is this session's last view of the record on disk.
                if before is None:
                    kind = "added"
                elif other is None:
                    kind = "removed"
                else:
                    kind = "changed"
                changes.records.append(RecordChange(table, record_identity, name, kind))
            for field in conflicts:
                changes.conflicts.append(Conflict(table, record_identity, name, field))
            if result is None:
                if record_identity in theirs:
                    del rows[theirs.pop(record_identity)]
            elif result is not other:
                if record_identity not in theirs:
                    theirs[record_identity] = self._new_doc_id(table)
                rows[theirs[record_identity]] = result
        for conflict in changes.conflicts:
            log.info(
                "both sessions changed %s %s field %s; this session's value was kept",
                conflict.table,
                conflict.record_id,
                conflict.field,
            )
        self._data = disk
        self._index = disk_index
        return changes

    # The writer thread

    def _run(self) -> None:
        while True:
            with self._condition:
                if not self._stopping and not self._urgent and not self._has_work():
                    self._condition.wait(WATCH_SECONDS)
                if self._stopping:
                    return
                has_work = self._has_work()
                if has_work and not self._urgent:
                    # Gather the changes that follow quickly, such as keystrokes, into one write.
                    self._condition.wait_for(
                        lambda: self._urgent or self._stopping, COALESCE_SECONDS
                    )
            try:
                if has_work:
                    self._write()
                else:
                    self.reload()
            except StoreError as error:
                self._fail(error)
            except Exception as error:
                # Anything unexpected must reach flush(), not kill the writer silently.
                log.exception("store writer failed on %s", self.path)
                self._fail(StoreError(self.path, f"could not be saved: {error}"))

    def _has_work(self) -> bool:
        return (
            self._writable and self._fatal_error is None and self._saved_count < self._change_count
        )

    def _fail(self, error: StoreError) -> None:
        log.error("%s", error)
        with self._condition:
            if isinstance(error, WriteFailed):
                self._write_error = error
            else:
                # The file on disk cannot be merged with (corrupt, newer, unreadable), so
                # writing over it would destroy it: saving stops until the store is reopened.
                self._fatal_error = error
            self._urgent = False
            self._condition.notify_all()
            if self._fatal_error is None:
                self._condition.wait(RETRY_SECONDS)

    def _write(self) -> None:
        started = time.perf_counter()
        with self._io_lock:
            if self._signature is None:
                # A store opened with `create_on_write` may not have its folder yet.
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise WriteFailed(
                        self.path, f"could not be saved: {error.strerror or error}"
                    ) from error
            try:
                with self._file_lock:
                    if not self._temporaries_removed:
                        remove_temporaries(self.path)
                        self._temporaries_removed = True
                    changes = self._reload_if_replaced()
                    with self.mutex:
                        target = self._change_count
                        written = {key: self.get(*key) for key in self._pending}
                        # Records are never changed in place, so copying the tables'
                        # lists is enough to encode them after the mutex is released.
                        tables = [TableSnapshot.of(name, rows) for name, rows in self._data.items()]
                        changed = self._pending_records()
                    try:
                        signature = replace_file(
                            self.path, self._encoded.file_chunks(tables, changed)
                        )
                    except OSError as error:
                        raise WriteFailed(
                            self.path, f"could not be saved: {error.strerror or error}"
                        ) from error
            except Timeout as error:
                raise WriteFailed(
                    self.path,
                    f"could not be saved: another session held {self._file_lock.lock_file} "
                    f"for over {LOCK_TIMEOUT_SECONDS:g} seconds",
                ) from error
        with self._condition:
            self._signature = signature
            for key, (_base, change_number) in list(self._pending.items()):
                if change_number <= target:
                    del self._pending[key]
                else:
                    self._pending[key] = (written.get(key), change_number)
            self._saved_count = max(self._saved_count, target)
            self._write_error = None
            self._urgent = self._saved_count < self._change_count and self._urgent
            self._changes.extend(changes)
            self._condition.notify_all()
        log.debug("saved store %s in %.3f s", self.path, time.perf_counter() - started)


def _build_index(data: Data) -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for table, rows in data.items():
        if table in RECORD_TABLES:
            # The common case gets a plain comprehension: a table may have 100,000 records.
            index[table] = {record["id"]: doc_id for doc_id, record in rows.items()}
        else:
            index[table] = {
                identity(table, doc_id, record): doc_id for doc_id, record in rows.items()
            }
    return index


def _next_doc_ids(data: Data) -> dict[str, int]:
    # TinyDB numbers documents from 1 upwards. Keys that are not numbers are left alone.
    return {
        table: max(map(int, filter(str.isdigit, rows)), default=0) + 1
        for table, rows in data.items()
    }


def _differing_records(
    ours: Data,
    ours_index: dict[str, dict[str, str]],
    disk: Data,
    disk_index: dict[str, dict[str, str]],
) -> set[Key]:
    """Return the records that are missing from one side or differ between the two."""
    differing: set[Key] = set()
    for table in set(ours_index) | set(disk_index):
        our_rows = ours.get(table, {})
        their_rows = disk.get(table, {})
        our_ids = ours_index.get(table, {})
        their_ids = disk_index.get(table, {})
        for record_identity, doc_id in our_ids.items():
            their_doc_id = their_ids.get(record_identity)
            if their_doc_id is None or their_rows[their_doc_id] != our_rows[doc_id]:
                differing.add((table, record_identity))
        differing.update((table, i) for i in their_ids if i not in our_ids)
    return differing


def _key_order(key: Key) -> tuple[int, str]:
    table, record_identity = key
    return (TABLES.index(table) if table in TABLES else len(TABLES), record_identity)


def _record_name(table: str, record_identity: str, record: Record) -> str:
    name = record.get("name") or record.get("label") or record_identity
    return str(name)
