"""Merging this session's unsaved changes with what another session wrote meanwhile.

Records are matched by identity (see `schema.identity`), never by doc id, because two
sessions number new records independently. Within a record the merge goes field by field,
and into nested objects such as `traits`, so edits to different fields are all kept. When
both sessions changed the same field, this session's value wins because its write is the
later one, and the field is listed as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from icp_tui.store.storage import Record

_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record that another session added, changed or removed."""

    table: str
    record_id: str
    name: str
    change: str
    """`added`, `changed` or `removed`."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field that both sessions changed; this session's value replaced the other's."""

    table: str
    record_id: str
    name: str
    field: str


@dataclass(slots=True)
class StoreChanges:
    """Report of a reload: records that another session changed, and conflicting fields."""

    records: list[RecordChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.records or self.conflicts)

    def extend(self, other: StoreChanges) -> None:
        self.records.extend(other.records)
        self.conflicts.extend(other.conflicts)

    def tables(self) -> set[str]:
        """Return the tables that were touched, so a screen can tell if it must refresh."""
        return {c.table for c in self.records} | {c.table for c in self.conflicts}

    def summary(self, limit: int = 3) -> str:
        """Describe the changes in one or two sentences for a notification."""
        parts: list[str] = []
        if self.records:
            names = [_label(c.table, c.name) for c in self.records[:limit]]
            more = len(self.records) - len(names)
            listed = ", ".join(names) + (f" and {more} more" if more else "")
            parts.append(f"Another session changed {listed}.")
        if self.conflicts:
            names = [f"{_label(c.table, c.name)} ({c.field})" for c in self.conflicts[:limit]]
            more = len(self.conflicts) - len(names)
            listed = ", ".join(names) + (f" and {more} more" if more else "")
            parts.append(
                f"Both sessions edited {listed}; the value saved from this session was kept."
            )
        return " ".join(parts)


def _label(table: str, name: str) -> str:
    return name if table in ("accounts", "prospects", "attributes") else f"the {table}"


def merge_record(
    base: Record | None, ours: Record | None, theirs: Record | None
) -> tuple[Record | None, list[str]]:
    """Merge one record three ways; return the result and the conflicting field paths.

    `base` is the record as this session last read or wrote it, `ours` this session's
    current version and `theirs` the version on disk; None means the record does not exist
    there. A deletion against an edit is a conflict that this session's side wins.
    """
    if ours == theirs:
        return ours, []
    if theirs == base:
        return ours, []
    if ours == base:
        return theirs, []
    if ours is None or theirs is None:
        return ours, ["record"]
    merged = _merge_values(base if base is not None else {}, ours, theirs, "")
    return merged


def _merge_values(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], prefix: str
) -> tuple[dict[str, Any], list[str]]:
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        before = base.get(key, _MISSING)
        mine = ours.get(key, _MISSING)
        other = theirs.get(key, _MISSING)
        if mine == other or other == before:
            value = mine
        elif mine == before:
            value = other
        elif isinstance(mine, dict) and isinstance(other, dict):
            nested_base = before if isinstance(before, dict) else {}
            value, nested = _merge_values(nested_base, mine, other, f"{prefix}{key}.")
            conflicts.extend(nested)
        else:
            value = mine
            conflicts.append(f"{prefix}{key}")
        if value is not _MISSING:
            merged[key] = value
    return merged, conflicts
