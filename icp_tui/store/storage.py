"""A TinyDB storage that keeps the data in memory and replaces the file atomically.

TinyDB's own JSONStorage truncates and rewrites the file in place, so a crash mid-write
leaves a broken file. This storage writes to a temporary file in the same folder, flushes
and syncs it, then renames it over the store, so the file on disk is always either the
old or the new content.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from icp_tui.store.errors import StoreError

Data = dict[str, dict[str, Any]]


def read_json_file(path: Path) -> Data | None:
    """Read and parse a store file; None if it is empty. Raise StoreError if unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(path, f"cannot be read: {error.strerror or error}") from error
    if not raw.strip():
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise StoreError(path, f"is not valid JSON ({error}); it may be truncated") from error
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreError(path, "does not have the shape of an icp-tui store (tables of records)")
    return data


def replace_file(path: Path, content: bytes) -> None:
    """Write `content` to a temporary file beside `path`, sync it and rename it over `path`."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # Keep the owner's permissions; mkstemp creates files readable by the owner only.
            with contextlib.suppress(OSError):
                os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is synced too.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def serialise(data: Data) -> bytes:
    return orjson.dumps(data)


class AtomicJSONStorage(Storage):
    """TinyDB storage: the whole database in memory, each write an atomic file replace."""

    def __init__(self, path: str | os.PathLike[str], *, initial: Data | None = None) -> None:
        self.path = Path(path)
        self._data: Data | None = initial

    def read(self) -> Data | None:
        return self._data

    def write(self, data: Data) -> None:
        self._data = data
        replace_file(self.path, serialise(data))

    def close(self) -> None:
        pass
