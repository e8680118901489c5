"""Serialising the store from each record's cached bytes (`EncodedRecords`)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson
import pytest

from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore
from icp_tui.store.storage import (
    SLICE_RECORDS,
    Data,
    EncodedRecords,
    TableSnapshot,
    replace_file,
)


def snapshot(data: Data) -> list[TableSnapshot]:
    return [TableSnapshot.of(name, rows) for name, rows in data.items()]


def encode(
    encoder: EncodedRecords, data: Data, changed: dict[str, dict[str, Any]] | None = None
) -> bytes:
    return b"".join(encoder.file_chunks(snapshot(data), changed or {}))


def prospect_record(number: int, notes: str = "") -> dict[str, Any]:
    return {"id": f"p{number}", "name": f"Prospect {number}", "notes": notes, "traits": {}}


def many_prospects(count: int) -> Data:
    rows = {str(number): prospect_record(number) for number in range(1, count + 1)}
    return {"meta": {"1": {"schema_version": 1}}, "prospects": rows}


def file_and_memory(store: WorkspaceStore) -> tuple[bytes, bytes]:
    """Return the store file's bytes and one orjson call over the session's tables."""
    with store._file.mutex:
        return store.path.read_bytes(), orjson.dumps(store._file._data)


# EncodedRecords on its own


def test_chunks_equal_orjson_dumps() -> None:
    data = many_prospects(3 * SLICE_RECORDS + 7)
    data["empty"] = {}
    assert encode(EncodedRecords(), data) == orjson.dumps(data)


def test_chunks_of_empty_store() -> None:
    assert encode(EncodedRecords(), {}) == b"{}"


def test_chunks_reuse_unchanged_records() -> None:
    data = many_prospects(10)
    encoder = EncodedRecords()
    encode(encoder, data)
    cached = encoder._encoded["prospects"]["3"]
    assert encode(encoder, data) == orjson.dumps(data)
    assert encoder._encoded["prospects"]["3"] is cached


def test_chunks_encode_replaced_record() -> None:
    data = many_prospects(10)
    encoder = EncodedRecords()
    encode(encoder, data)
    data["prospects"]["3"] = prospect_record(3, notes="called back")
    content = encode(encoder, data, {"prospects": {"3": data["prospects"]["3"]}})
    assert content == orjson.dumps(data)
    assert b"called back" in content


def test_chunks_drop_removed_records() -> None:
    data = many_prospects(10)
    encoder = EncodedRecords()
    encode(encoder, data)
    del data["prospects"]["4"]
    assert encode(encoder, data) == orjson.dumps(data)
    assert "4" not in encoder._encoded["prospects"]


def test_chunks_drop_removed_table() -> None:
    data = many_prospects(10)
    data["accounts"] = {"1": {"id": "a1", "name": "Acme"}}
    encoder = EncodedRecords()
    encode(encoder, data)
    del data["accounts"]
    assert encode(encoder, data) == orjson.dumps(data)
    assert "accounts" not in encoder._encoded


def test_chunks_after_clear() -> None:
    data = many_prospects(10)
    encoder = EncodedRecords()
    encode(encoder, data)
    encoder.clear()
    # After clear, a changed record that the caller does not report is encoded anew.
    data["prospects"]["5"] = prospect_record(5, notes="new")
    assert encode(encoder, data) == orjson.dumps(data)


def test_chunks_random_changes_match() -> None:
    rng = random.Random(20261204)
    data = many_prospects(500)
    encoder = EncodedRecords()
    next_number = 501
    for round_number in range(200):
        rows = data["prospects"]
        changed: dict[str, Any] = {}
        for _ in range(rng.randint(1, 30)):
            action = rng.random()
            if action < 0.4 and rows:
                doc_id = rng.choice(list(rows))
                rows[doc_id] = {**rows[doc_id], "notes": f"round {round_number}"}
                changed[doc_id] = rows[doc_id]
            elif action < 0.7 and rows:
                doc_id = rng.choice(list(rows))
                del rows[doc_id]
                changed.pop(doc_id, None)
            else:
                doc_id = str(next_number)
                rows[doc_id] = prospect_record(next_number, notes="added")
                changed[doc_id] = rows[doc_id]
                next_number += 1
        content = encode(encoder, data, {"prospects": changed})
        assert orjson.loads(content) == orjson.loads(orjson.dumps(data)), round_number
        assert content == orjson.dumps(data), round_number


def test_failed_chunk_keeps_old_file(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    replace_file(path, b'{"meta":{}}')
    data = many_prospects(SLICE_RECORDS + 10)
    # A set cannot be encoded as JSON, so the second slice raises midway through the write.
    data["prospects"][str(SLICE_RECORDS + 5)] = {"id": "bad", "tags": {"a"}}
    with pytest.raises(TypeError):
        replace_file(path, EncodedRecords().file_chunks(snapshot(data), {}))
    assert path.read_bytes() == b'{"meta":{}}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.json"]


# The writer of two sessions on one file


def test_writer_file_matches_memory_after_merges(tmp_path: Path) -> None:
    """Random saves, deletions and merges of two sessions; each write must equal memory.

    Each session changes only the prospects it created, so the expected notes of every
    prospect are known whatever order the merges run in.
    """
    path = tmp_path / "store.json"
    rng = random.Random(7)
    first = WorkspaceStore.open(path)
    second = WorkspaceStore.open(path)
    sessions = (first, second)
    owned: tuple[list[str], list[str]] = ([], [])
    expected: dict[str, str] = {}
    try:
        for step in range(120):
            session_number = rng.randrange(2)
            store, mine = sessions[session_number], owned[session_number]
            for change in range(rng.randint(1, 5)):
                action = rng.random()
                notes = f"step {step} change {change}"
                if action < 0.45 or not mine:
                    prospect = store.save_prospect(
                        Prospect(
                            name=f"Session {session_number} step {step} change {change}",
                            notes=notes,
                        )
                    )
                    mine.append(prospect.id)
                    expected[prospect.id] = notes
                elif action < 0.8:
                    current = store.prospect(rng.choice(mine))
                    assert current is not None, f"step {step}: a prospect of the session is gone"
                    store.save_prospect(current.model_copy(update={"notes": notes}))
                    expected[current.id] = notes
                else:
                    record_id = mine.pop(rng.randrange(len(mine)))
                    store.delete_prospect(record_id)
                    del expected[record_id]
            if rng.random() < 0.3:
                # Leave these changes pending, so the other session's next write merges them.
                continue
            store.flush()
            on_disk, in_memory = file_and_memory(store)
            assert orjson.loads(on_disk) == orjson.loads(in_memory), f"step {step}"
            assert on_disk == in_memory, f"step {step}"
        for store in sessions:
            store.flush()
        for store in sessions:
            store.reload()
    finally:
        first.close()
        second.close()

    with WorkspaceStore.open(path) as reopened:
        stored = {prospect.id: prospect.notes for prospect in reopened.prospects()}
    assert stored == expected
