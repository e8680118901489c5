"""Reading and replacing the store file.

The file keeps TinyDB's layout, `{table: {doc_id: record}}`, serialised with orjson.
A write goes to a temporary file in the same folder, which is flushed and synced, then
renamed over the store, so the file on disk is always either the old or the new content.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock

from icp_tui.store.errors import StoreError

Record = dict[str, Any]
Table = dict[str, Record]
Data = dict[str, Table]

NEW_FILE_MODE = 0o600
"""A new store is readable and writable by its owner only."""

LOCK_TIMEOUT_SECONDS = 10.0
"""How long a write waits for another session to release the lock file."""


@dataclass(frozen=True, slots=True)
class FileSignature:
    """Identity of one version of the store file, as `stat` reports it.

    Every write renames a new file over the store, so a write by any process changes the
    inode number as well as the modification time. A session compares signatures to learn
    that another one wrote.
    """

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> FileSignature:
        return cls(status.st_ino, status.st_size, status.st_mtime_ns)


def store_lock(path: Path) -> FileLock:
    """Return the cross-process lock that every read-modify-write of the store holds.

    It is a file beside the store, `<store>.lock`, created owner-only when first taken.
    """
    return FileLock(
        f"{path}.lock", timeout=LOCK_TIMEOUT_SECONDS, mode=NEW_FILE_MODE, thread_local=False
    )


def file_signature(path: Path) -> FileSignature | None:
    """Return the signature of the file at `path`, or None if there is no file."""
    try:
        return FileSignature.of(os.stat(path))
    except FileNotFoundError:
        return None


def read_store_bytes(path: Path) -> tuple[bytes, FileSignature] | None:
    """Read the whole store file; None if it does not exist.

    The signature comes from the open file, so it always describes the bytes returned even
    when another process renames a new version over the path meanwhile.
    """
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise StoreError(path, "cannot be read: it is not a regular file")
            return handle.read(), FileSignature.of(status)
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise StoreError(path, "cannot be read: it is a folder, not a file") from error
    except OSError as error:
        raise StoreError(path, f"cannot be read: {error.strerror or error}") from error


def parse_store(path: Path, raw: bytes) -> Data:
    """Parse the store file's bytes and check that it is made of tables of records.

    Raise StoreError naming the file and what is wrong with it.
    """
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoreError(
            path,
            f"is not valid UTF-8 text (invalid byte at offset {error.start}); it may be "
            "truncated or damaged",
        ) from error
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        # A parse error at the very end is what a write cut short leaves behind.
        truncated = error.pos >= len(raw.rstrip()) or error.msg.startswith("unexpected end")
        hint = "; it may be truncated" if truncated else ""
        raise StoreError(path, f"is not valid JSON ({error}){hint}") from error
    if not isinstance(data, dict):
        raise StoreError(
            path, f"does not have the shape of an icp-tui store: it is a JSON {json_kind(data)}"
        )
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise StoreError(
                path,
                f"does not have the shape of an icp-tui store: table {table_name!r} is a "
                f"JSON {json_kind(table)}, not an object of records",
            )
        for doc_id, record in table.items():
            if not doc_id.isdigit():
                raise StoreError(
                    path,
                    f"does not have the shape of an icp-tui store: record key {doc_id!r} of "
                    f"table {table_name!r} is not a TinyDB document id (a whole number)",
                )
            if not isinstance(record, dict):
                raise StoreError(
                    path,
                    f"does not have the shape of an icp-tui store: record {doc_id!r} of table "
                    f"{table_name!r} is a JSON {json_kind(record)}, not an object",
                )
    return data


def json_kind(value: object) -> str:
    """Return the JSON type of a parsed value: object, array, string, number, boolean or null."""
    kinds = {
        dict: "object",
        list: "array",
        str: "string",
        int: "number",
        float: "number",
        bool: "boolean",
    }
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


@contextlib.contextmanager
def long_lived_loading() -> Iterator[None]:
    """Load objects that live as long as the store without cyclic garbage collections.

    Loading 100,000 records allocates millions of containers, none of them garbage, and
    each burst of allocations would start a collection that scans everything made so far.
    The collector is paused meanwhile, then `gc.freeze()` moves the loaded objects out of
    its reach for good. Reference counting still frees them when the store drops them.
    """
    # NOTE: the freeze covers every object alive in the process at that moment, so
    # reference cycles among them are never collected. A store is opened a few times per
    # process, so this leaks little in practice.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def serialise(data: Data) -> bytes:
    """Serialise all tables in one orjson call, for one-off writes such as a migration.

    The writer thread uses `EncodedRecords` instead, because orjson keeps the global
    interpreter lock for the whole call: 100,000 records pause every other thread for
    45 to 125 ms on the benchmark machine.
    """
    return orjson.dumps(data)


@dataclass(frozen=True, slots=True)
class TableSnapshot:
    """One table's doc ids and records, in file order, as parallel lists.

    Two lists cost two allocations, where 100,000 `(doc_id, record)` tuples would each be
    tracked by the cyclic garbage collector and start collections that scan the cache.
    """

    name: str
    doc_ids: list[str]
    records: list[Record]

    @classmethod
    def of(cls, name: str, rows: Table) -> TableSnapshot:
        return cls(name, list(rows.keys()), list(rows.values()))


SLICE_RECORDS = 2_000
"""Encoded records joined into one chunk of the file, about 700 kB at 100,000 prospects.

Each join is one C call that keeps the interpreter lock, so slices keep it short.
"""


class EncodedRecords:
    """The JSON bytes of every record written last time, so a write encodes only changes.

    The caller passes the records changed since the last write that completed, so every
    other cached entry still describes its record. The store replaces a record with a new
    dict on every change and never mutates one in place, and every change marks the
    record pending until a write that includes it completes, so the pending records are
    that set. A doc id without bytes, such as every record after `clear`, is encoded when
    its slice is written.

    Encoding runs in a Python loop, one orjson call per changed record, so other threads
    get the interpreter lock every `sys.getswitchinterval()` (5 ms by default). Use one
    instance from one thread at a time.
    """

    def __init__(self) -> None:
        # Per table, doc id to the record's `"doc_id":{...}` bytes. A dict of str and
        # bytes is not tracked by the garbage collector.
        self._encoded: dict[str, dict[str, bytes]] = {}

    def clear(self) -> None:
        """Forget every encoded record, so the next write encodes all of them."""
        self._encoded = {}

    def file_chunks(
        self, tables: list[TableSnapshot], changed: dict[str, dict[str, Record]]
    ) -> Iterator[bytes]:
        """Yield the store file for `tables` in chunks and keep each record's bytes.

        `changed` maps a table to the records, by doc id, that changed since the last
        write that produced every chunk. The chunks joined are the bytes `orjson.dumps`
        returns for the same tables. The records must not be changed meanwhile.
        """
        yield b"{"
        for position, table in enumerate(tables):
            if position:
                yield b","
            yield orjson.dumps(table.name) + b":{"
            encoded = self._encoded.setdefault(table.name, {})
            for doc_id, record in changed.get(table.name, {}).items():
                encoded[doc_id] = _encode(doc_id, record)
            for start in range(0, len(table.doc_ids), SLICE_RECORDS):
                doc_ids = table.doc_ids[start : start + SLICE_RECORDS]
                try:
                    chunk = b",".join(map(encoded.__getitem__, doc_ids))
                except KeyError:
                    slice_records = table.records[start : start + SLICE_RECORDS]
                    for doc_id, record in zip(doc_ids, slice_records, strict=True):
                        if doc_id not in encoded:
                            encoded[doc_id] = _encode(doc_id, record)
                    chunk = b",".join(map(encoded.__getitem__, doc_ids))
                if start:
                    yield b","
                yield chunk
            yield b"}"
            # Every doc id of the table has bytes now, so a longer cache has removed ones.
            if len(encoded) > len(table.doc_ids):
                kept = set(table.doc_ids)
                for doc_id in [doc_id for doc_id in encoded if doc_id not in kept]:
                    del encoded[doc_id]
        yield b"}"
        for name in set(self._encoded) - {table.name for table in tables}:
            del self._encoded[name]


def _encode(doc_id: str, record: Record) -> bytes:
    return orjson.dumps(doc_id) + b":" + orjson.dumps(record)


def replace_file(path: Path, content: bytes | Iterable[bytes]) -> FileSignature:
    """Write `content` to a temporary file beside `path`, sync it and rename it over `path`.

    `content` is the whole file or its chunks in order. If producing a chunk raises, the
    temporary file is removed and the store is left as it was. Return the signature of
    the new file. A new store gets mode 0600; an existing one keeps its permission bits.
    """
    chunks = (content,) if isinstance(content, bytes) else content
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(handle.fileno(), os.stat(path).st_mode & 0o777)
            signature = FileSignature.of(os.fstat(handle.fileno()))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)
    return signature


def remove_temporaries(path: Path) -> None:
    """Remove temporary files that writes killed midway left beside the store.

    Call it only while holding the store's lock file: no write is in progress then, so
    every temporary file found belongs to a write that will never finish.
    """
    for temporary in path.parent.glob(f".{glob.escape(path.name)}.*"):
        with contextlib.suppress(OSError):
            temporary.unlink()


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is synced too.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_protection(path: Path) -> str | None:
    """Return why the store at `path` must not be written, or None if it may be.

    Permission bits are read as the owner's intent: a store or folder without any write
    bit is treated as read-only even for root, whom the kernel would let write.
    """
    folder = path.parent
    if path.exists() and (not os.access(path, os.W_OK) or not _has_write_bit(path)):
        return f"the file {path} is read-only"
    if not os.access(folder, os.W_OK) or not _has_write_bit(folder):
        return f"the folder {folder} is read-only"
    return None


def _has_write_bit(path: Path) -> bool:
    return bool(os.stat(path).st_mode & 0o222)
