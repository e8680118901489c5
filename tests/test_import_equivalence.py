"""The fast import against a row-by-row reading with full pydantic validation.

`plan_import` reads columns in blocks, reads each distinct cell text once and builds records
without validating them again. These tests read the same generated rows one cell at a time,
validate every record with `model_validate`, and require the same records and problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from icp_tui.domain import csv_import
from icp_tui.domain.attributes import STANDARD_CATALOGUE, AttributeType
from icp_tui.domain.column_mapping import ColumnMapping, header_label, plan_mapping
from icp_tui.domain.csv_files import CsvTable, Problem
from icp_tui.domain.csv_import import (
    FIELD_READERS,
    PROGRESS_EVERY,
    _attribute_reader,
    _RecordBuilder,
    new_ids,
    plan_import,
)
from icp_tui.domain.errors import InvalidValue
from icp_tui.domain.models import (
    NAME_MAX_LENGTH,
    AccountTier,
    PastAccount,
    Prospect,
    Scorable,
    catalogue_context,
)

ACCOUNT_HEADERS = [
    "Company name",
    "Industry",
    "Annual Revenue",
    "Number of Employees",
    "Partnership",
    "tier",
    "renewals",
    "profitability",
    "notes",
]
PROSPECT_HEADERS = ["name", "geography", "employees", "adoption", "stage", "decision", "notes"]

NAMES = ["Acme", " Acme ", "ACME", "Beta  Corp", "Société Générale", "", "   ", "x" * 201]
CATEGORIES = ["Retail", " retail ", "Health  care", "", "  ", "Software", "Ünïcode"]
NUMBERS = [
    "$5M",
    "1,200",
    "1,20",
    "12.5 million",
    "abc",
    "-5",
    "0",
    "1200",
    "3.5",
    "10k",
    "\uff11\uff12",  # fullwidth digits, which int() would accept
    "1_000",
    "999999999999999",
    "9999999999999999",
    "99999999999999999999",
    "1,234,567,890,123",
    "1,234,567,890,123,456",
    "inf",
    "nan",
    "5 zz",
    "",
    " 42 ",
]
SCALES = ["1", "5", "0", "6", "3.0", "4.5", "x", "", "2,000", "+3"]
TIERS = ["best", "Near miss", "near_miss", "gold", "", "POOR"]
STAGES = ["in funnel", "Won", "lost", "closed", ""]
DECISIONS = ["pursue", "Invest long term", "maybe", ""]
COUNTS = ["3", "-1", "2.5", "1,000", "", "x", "0", "7"]
NOTES = ["Lost on price", "  ", "", 'a "quoted" note']

ACCOUNT_CELLS = [NAMES, CATEGORIES, NUMBERS, NUMBERS, SCALES, TIERS, COUNTS, SCALES, NOTES]
PROSPECT_CELLS = [NAMES, CATEGORIES, NUMBERS, SCALES, STAGES, DECISIONS, NOTES]


def rows_of(cell_pools: list[list[str]]) -> st.SearchStrategy[list[list[str]]]:
    """Rows of cells drawn from the pools, some cut short as hand-made files have them."""
    row = st.tuples(*(st.sampled_from(pool) for pool in cell_pools)).map(list)
    short_row = st.tuples(row, st.integers(1, len(cell_pools) - 1)).map(lambda r: r[0][: r[1]])
    numbered_name = st.integers(0, 40).map(lambda number: f"Company {number}")
    named_row = st.tuples(row, numbered_name).map(lambda r: [r[1], *r[0][1:]])
    return st.lists(st.one_of(row, named_row, short_row), max_size=60)


def table_of(headers: list[str], rows: list[list[str]]) -> CsvTable:
    # Row 1 is the header, as read_table numbers rows.
    numbered = [(number, cells) for number, cells in enumerate(rows, start=2)]
    return CsvTable(Path("generated.csv"), headers, numbered, ",", "UTF-8")


def read_row_by_row(
    table: CsvTable, mapping: ColumnMapping, stored: list[Scorable], model: type[Scorable]
) -> tuple[list[Scorable], list[Scorable], list[Problem]]:
    """Read each row cell by cell and validate its record fully; the reference reading."""
    catalogue = STANDARD_CATALOGUE
    context = catalogue_context(catalogue)
    name_index = mapping.column_of("name")
    assert name_index is not None
    readers = {
        index: _attribute_reader(catalogue.require(key), mapping.units.get(index), table)
        for index, key in mapping.targets.items()
        if key in catalogue
    }
    readers |= {
        index: FIELD_READERS[key] for index, key in mapping.targets.items() if key in FIELD_READERS
    }
    by_name = {record.name.casefold(): record for record in stored}
    first_row_of: dict[str, int] = {}
    created: list[Scorable] = []
    updated: list[Scorable] = []
    problems: list[Problem] = []
    for row, cells in table.rows:
        raw_name = cells[name_index] if name_index < len(cells) else ""
        name = " ".join(raw_name.split())
        faults: list[tuple[int, str, str]] = []
        if not name:
            faults.append((name_index, "", "the name is empty; every row needs one"))
        elif len(name) > NAME_MAX_LENGTH:
            reason = f"longer than {NAME_MAX_LENGTH} characters ({len(name)})"
            faults.append((name_index, name, reason))
        elif (earlier := first_row_of.setdefault(name.casefold(), row)) != row:
            faults.append((name_index, name, f"the same name is on row {earlier}"))

        traits: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        for index, read in readers.items():
            key = mapping.targets[index]
            text = cells[index].strip() if index < len(cells) else ""
            if not text:
                continue
            try:
                value = read(text)
            except InvalidValue as error:
                # The problem shows the cell's text, so the reason leaves the value out.
                faults.append((index, text, error.reason))
                continue
            except ValueError as error:
                faults.append((index, text, str(error).removeprefix(f"{key}: ")))
                continue
            if key not in catalogue:
                fields[key] = value
            elif catalogue.require(key).type is AttributeType.CATEGORY:
                # The raw text, so the model's own validator does the folding.
                traits[key] = text
            else:
                traits[key] = value

        existing = by_name.get(name.casefold())
        if existing is None:
            data = {"name": raw_name, "traits": traits, **fields}
        else:
            data = {**existing.model_dump(), **fields}
            data["traits"] = {**existing.traits, **traits}
        try:
            record = model.model_validate(data, context=context)
        except ValidationError as error:
            # Whatever the model rejects, the import must have rejected too.
            assert faults, f"row {row}: the model rejects {data!r} ({error}) but the import not"
            record = None
        if faults:
            problems += [
                Problem(table.path, row, header_label(table.headers, index), text, reason)
                for index, text, reason in faults
            ]
        elif existing is None:
            assert record is not None
            created.append(record)
        else:
            assert record is not None
            updated.append(record)
    return created, updated, problems


def as_json(record: Scorable, *, with_id: bool) -> str:
    # JSON distinguishes 1 from 1.0, which `==` on the models does not.
    return record.model_dump_json(exclude=None if with_id else {"id"})


def check_same_as_reference(
    headers: list[str],
    rows: list[list[str]],
    model: type[Scorable],
    stored: list[Scorable],
) -> None:
    kind = "accounts" if model is PastAccount else "prospects"
    table = table_of(headers, rows)
    mapping = plan_mapping(headers, STANDARD_CATALOGUE, kind)
    plan = plan_import(table, mapping, STANDARD_CATALOGUE, stored, model)
    created, updated, problems = read_row_by_row(table, mapping, stored, model)

    assert plan.problems == problems
    assert plan.invalid_rows == len({problem.row for problem in problems})
    assert [as_json(r, with_id=False) for r in plan.created] == [
        as_json(r, with_id=False) for r in created
    ]
    assert [as_json(r, with_id=True) for r in plan.updated] == [
        as_json(r, with_id=True) for r in updated
    ]
    for record in plan.records:
        revalidated = model.model_validate(
            record.model_dump(), context=catalogue_context(STANDARD_CATALOGUE)
        )
        assert as_json(revalidated, with_id=True) == as_json(record, with_id=True)


STORED_ACCOUNTS: list[Scorable] = [
    PastAccount(name="Acme", traits={"industry": "Old", "employees": 3}, tier=AccountTier.BEST),
    PastAccount(name="Company 7", notes="kept", strategies={"industry": "talk to the CFO"}),
]
STORED_PROSPECTS: list[Scorable] = [Prospect(name="company 3", traits={"adoption": 2})]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(rows_of(ACCOUNT_CELLS))
def test_fast_import_accounts_match_validation(rows: list[list[str]]) -> None:
    check_same_as_reference(ACCOUNT_HEADERS, rows, PastAccount, STORED_ACCOUNTS)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(rows_of(PROSPECT_CELLS))
def test_fast_import_prospects_match_validation(rows: list[list[str]]) -> None:
    check_same_as_reference(PROSPECT_HEADERS, rows, Prospect, STORED_PROSPECTS)


def test_fast_import_across_blocks_matches_validation() -> None:
    # Duplicates and repeated invalid cells fall in different blocks of rows.
    pools = ACCOUNT_CELLS
    rows = [
        [
            f"Company {number % (PROGRESS_EVERY + 300)}",
            *(pool[number % len(pool)] for pool in pools[1:]),
        ]
        for number in range(2 * PROGRESS_EVERY + 500)
    ]

    check_same_as_reference(ACCOUNT_HEADERS, rows, PastAccount, STORED_ACCOUNTS)


def test_record_builder_matches_model_construct() -> None:
    for model in (PastAccount, Prospect):
        builder = _RecordBuilder(model)
        values: dict[str, Any] = {
            "name": "Acme",
            "traits": {"industry": "Retail", "employees": 12},
            "strategies": {},
            "overrides": {},
            "notes": "n",
        }
        built = builder.new_records([dict(values)])[0]
        constructed = model.model_construct(**{**values, "id": built.id})

        assert built.__dict__ == constructed.__dict__
        assert list(built.__dict__) == list(constructed.__dict__)
        assert built.model_fields_set == constructed.model_fields_set
        assert built.__pydantic_extra__ == constructed.__pydantic_extra__
        assert built.__pydantic_private__ == constructed.__pydantic_private__
        assert built == model.model_validate(built.model_dump())


def test_new_ids_unique_hex_of_32() -> None:
    ids = new_ids(5000)

    assert len(set(ids)) == 5000
    assert all(len(record_id) == 32 for record_id in ids)
    assert all(set(record_id) <= set("0123456789abcdef") for record_id in ids)


def test_fast_import_past_readings_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # A limit smaller than a block makes every column forget its readings between blocks.
    monkeypatch.setattr(csv_import, "READINGS_LIMIT", 10)
    rows = [
        [f"Company {number}", "Retail", f"{number:,}", "abc" if number % 7 else "", "3"]
        for number in range(PROGRESS_EVERY + 100)
    ]
    headers = ["name", "industry", "annual revenue", "employees", "partnership"]

    check_same_as_reference(headers, rows, PastAccount, [])
