"""TinyDB over the store's in-memory tables.

Every insert, replace and removal of a record goes through TinyDB's table API, so the file
stays a TinyDB database that TinyDB itself can open. Two extension points TinyDB offers make
it fit a store of 100,000 records:

- `MemoryTablesStorage` hands TinyDB the tables the store already keeps in memory. The
  store's writer thread persists them atomically, so TinyDB's `write` does nothing.
- `InPlaceTable` applies TinyDB's update functions to the table itself. TinyDB's own
  `Table._update_table` copies the whole table into a dict keyed by int doc id and back on
  every operation, which costs tens of milliseconds per change at 100,000 records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

Record = dict[str, Any]
Rows = dict[str, Record]
Tables = dict[str, Rows]


class MemoryTablesStorage(Storage):
    """TinyDB storage that reads the store's current tables and writes nothing itself."""

    def __init__(self, current_tables: Callable[[], Tables]) -> None:
        self._current_tables = current_tables

    def read(self) -> Tables:
        return self._current_tables()

    def write(self, data: Tables) -> None:
        # The tables were changed in place; the store's writer thread saves them.
        pass


class _RowsByDocId(MutableMapping[int, Record]):
    """One table's rows, keyed by TinyDB's int doc ids over the file's string keys."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def __getitem__(self, doc_id: int) -> Record:
        return self._rows[str(doc_id)]

    def __setitem__(self, doc_id: int, record: Record) -> None:
        self._rows[str(doc_id)] = record

    def __delitem__(self, doc_id: int) -> None:
        del self._rows[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._rows

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class InPlaceTable(Table):
    """A TinyDB table whose updates change the stored rows directly, in constant time."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            raise TypeError("InPlaceTable needs a storage that always returns its tables")
        rows = tables.setdefault(self.name, {})
        # TinyDB's update functions only index, test, assign, delete and iterate the table.
        updater(_RowsByDocId(rows))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class StoreDocuments(TinyDB):
    """The TinyDB database of one store, over tables that live in the store's memory."""

    table_class = InPlaceTable

    def __init__(self, current_tables: Callable[[], Tables]) -> None:
        super().__init__(current_tables, storage=MemoryTablesStorage)

    def records(self, table: str) -> Table:
        return self.table(table, cache_size=0)

    def replace(
        self, table: str, records: Iterable[tuple[str, Record]], existing: set[str]
    ) -> None:
        """Insert `records` under their doc ids, replacing those whose doc id is in `existing`.

        Replacing removes the old document first, so the stored dict is a new object and a
        record that the writer thread is serialising stays unchanged.
        """
        documents = [Document(record, doc_id=int(doc_id)) for doc_id, record in records]
        replaced = [document.doc_id for document in documents if str(document.doc_id) in existing]
        documents_table = self.records(table)
        if replaced:
            documents_table.remove(doc_ids=replaced)
        documents_table.insert_multiple(documents)

    def remove(self, table: str, doc_id: str) -> None:
        self.records(table).remove(doc_ids=[int(doc_id)])
