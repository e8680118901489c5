"""Past accounts and prospects from CSV files as CRMs export them.

`plan_import` reads every row and returns the records to save with every problem found
(row, column, value and reason). It writes nothing: callers save the records with the
store's all-or-nothing `save_many`, and only when there is no problem or the user chose to
skip the invalid rows. A row whose name is already in the workspace updates that record:
the file's non-blank cells replace the stored values and everything else is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from icp_tui.domain.attributes import Attribute, AttributeType, Catalogue, TraitValue
from icp_tui.domain.column_mapping import (
    NAME_HEADERS,
    ColumnMapping,
    ImportKind,
    header_label,
    plan_mapping,
)
from icp_tui.domain.csv_files import CsvTable, Problem, collection_paused, read_table
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import (
    NAME_MAX_LENGTH,
    AccountTier,
    Decision,
    PastAccount,
    Prospect,
    Scorable,
    Stage,
    new_id,
)
from icp_tui.domain.numbers import NumberFormatError, is_grouped, parse_amount, to_float

__all__ = [
    "CsvTable",
    "ImportPlan",
    "Problem",
    "plan_import",
    "plan_mapping",
    "read_records",
    "read_table",
]

RecordT = TypeVar("RecordT", bound=Scorable)
Progress = Callable[[int, int], None]
"""Called with (rows done, rows in all) while a long file is read."""

PROGRESS_EVERY = 2000
"""Rows between two progress calls."""

CellReader = Callable[[str], object]
"""Turn a non-blank, stripped cell into a field value, or raise ValueError saying why."""
TraitReader = Callable[[str], TraitValue]


@dataclass(slots=True)
class ImportPlan(Generic[RecordT]):
    """The outcome of importing a file: records to create and to update, and the problems."""

    table: CsvTable
    mapping: ColumnMapping
    created: list[RecordT] = field(default_factory=list)
    updated: list[RecordT] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    invalid_rows: int = 0

    @property
    def records(self) -> list[RecordT]:
        return self.created + self.updated


def plan_import(
    table: CsvTable,
    mapping: ColumnMapping,
    catalogue: Catalogue,
    stored: Iterable[RecordT],
    model: type[RecordT],
    progress: Progress | None = None,
) -> ImportPlan[RecordT]:
    """Read every row into a record of `model`; a row named as a `stored` record updates it.

    Raise InvalidInput when the file has no name column. The records are built from values
    already checked here, cell by cell, by the attributes' own rules, without a second
    pydantic pass: the store validates every record again when it saves them.
    """
    name_index = mapping.column_of("name")
    if name_index is None:
        raise InvalidInput(
            f"{table.path}: no name column found; call one {', '.join(NAME_HEADERS[:5])}, "
            "or map one with --map COLUMN=name"
        )
    readers = [
        (index, key, _attribute_reader(catalogue.require(key), mapping.units.get(index), table))
        for index, key in mapping.targets.items()
        if key in catalogue
    ]
    field_keys = {key for key in mapping.targets.values() if key in FIELD_READERS}
    readers += [
        (index, key, _memoised(FIELD_READERS[key]))
        for index, key in mapping.targets.items()
        if key in field_keys
    ]
    by_name = {record.name.casefold(): record for record in stored}
    plan: ImportPlan[RecordT] = ImportPlan(table, mapping)
    # Copying a default record is several times faster than building each one.
    template = model(name="template")
    first_row_of: dict[str, int] = {}
    total = len(table.rows)
    with collection_paused():
        for done, (row, cells) in enumerate(table.rows, start=1):
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            width = len(cells)
            name = " ".join(cells[name_index].split()) if name_index < width else ""
            folded = name.casefold()
            faults: list[tuple[int, str, str]] = []
            if not name:
                faults.append((name_index, "", "the name is empty; every row needs one"))
            elif len(name) > NAME_MAX_LENGTH:
                faults.append(
                    (name_index, name, f"the name is longer than {NAME_MAX_LENGTH} characters")
                )
            elif (earlier := first_row_of.setdefault(folded, row)) != row:
                faults.append((name_index, name, f"the same name is on row {earlier}"))

            traits: dict[str, TraitValue] = {}
            values: dict[str, Any] = {}
            for index, key, read in readers:
                text = cells[index].strip() if index < width else ""
                if not text:
                    continue
                try:
                    if key in field_keys:
                        values[key] = read(text)
                    else:
                        traits[key] = read(text)
                except ValueError as error:
                    faults.append((index, text, _reason(error, key)))

            if faults:
                plan.problems.extend(
                    Problem(table.path, row, header_label(table.headers, index), value, reason)
                    for index, value, reason in faults
                )
                plan.invalid_rows += 1
                continue
            existing = by_name.get(folded)
            if existing is None:
                values.update(id=new_id(), name=name, traits=traits, strategies={}, overrides={})
                plan.created.append(template.model_copy(update=values))
            else:
                values["traits"] = {**existing.traits, **traits}
                plan.updated.append(existing.model_copy(update=values))
    if progress is not None:
        progress(total, total)
    return plan


def read_records(
    table: CsvTable,
    mapping: ColumnMapping,
    catalogue: Catalogue,
    kind: ImportKind,
) -> tuple[list[Scorable], list[Problem]]:
    """Read the rows as new records (nothing is looked up); return them with every problem."""
    model: type[Scorable] = PastAccount if kind == "accounts" else Prospect
    plan = plan_import(table, mapping, catalogue, (), model)
    return list(plan.records), plan.problems


def _reason(error: ValueError, key: str) -> str:
    # Attribute checks prefix their message with the key, which the column already names.
    return str(error).removeprefix(f"{key}: ")


def _attribute_reader(attribute: Attribute, unit: int | None, table: CsvTable) -> TraitReader:
    check = attribute.check_value
    decimal_comma = table.decimal_comma
    scale = attribute.type is AttributeType.SCALE
    group_mark = "." if decimal_comma else ","

    def _grouped(text: str) -> bool:
        return group_mark not in text or is_grouped(text, group_mark)

    def read_category(text: str) -> TraitValue:
        return " ".join(text.split())

    def read_number(text: str) -> TraitValue:
        digits = text.replace(group_mark, "") if group_mark in text else text
        if digits.isdigit() and digits.isascii() and len(digits) < 16 and _grouped(text):
            # Most cells are whole numbers, bare or grouped; they skip the general reader.
            whole = int(digits) * (unit or 1)
            if not scale:
                return whole
            return check(whole)
        amount, has_magnitude = parse_amount(text, decimal_comma=decimal_comma)
        if unit is not None and not has_magnitude:
            amount *= unit
        return check(to_float(amount, text))

    return _memoised(read_category if attribute.type is AttributeType.CATEGORY else read_number)


MEMO_SIZE = 10_000
"""Distinct values remembered per column; exports repeat industries, countries and scores."""


def _memoised(read: Callable[[str], Any]) -> Callable[[str], Any]:
    memo: dict[str, Any] = {}

    def read_cached(text: str) -> Any:
        try:
            return memo[text]
        except KeyError:
            value = read(text)
            if len(memo) < MEMO_SIZE:
                memo[text] = value
            return value

    return read_cached


def _whole_number(low: int, high: int | None) -> CellReader:
    limits = f"from {low} to {high}" if high is not None else f"of {low} or more"

    def read(text: str) -> object:
        try:
            amount, _ = parse_amount(text)
        except NumberFormatError as error:
            raise ValueError(f"{error}; expected a whole number {limits}") from None
        too_high = high is not None and amount > high
        if amount != amount.to_integral_value() or amount < low or too_high:
            raise ValueError(f"expected a whole number {limits}")
        return int(amount)

    return read


def _choice(options: type[AccountTier] | type[Stage] | type[Decision]) -> CellReader:
    by_text = {member.value.replace("_", ""): member for member in options}
    names = ", ".join(member.value for member in options)

    def read(text: str) -> object:
        found = by_text.get("".join(ch for ch in text.casefold() if ch.isalnum()))
        if found is None:
            raise ValueError(f"expected one of {names}")
        return found

    return read


def _text(text: str) -> object:
    return text


FIELD_READERS: dict[str, CellReader] = {
    "tier": _choice(AccountTier),
    "profitability": _whole_number(1, 5),
    "relationship": _whole_number(1, 5),
    "renewals": _whole_number(0, None),
    "referrals": _whole_number(0, None),
    "notes": _text,
    "stage": _choice(Stage),
    "decision": _choice(Decision),
    "decision_reason": _text,
}
"""Readers of the record fields of past-account and prospect files."""
