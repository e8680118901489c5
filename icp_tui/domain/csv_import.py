"""Reading accounts and prospects from CSV files as CRMs export them.

Columns map to the name and to attributes by key, by label, or by the usual CRM field
names. Every cell that cannot be read is reported with its row, column and value; callers
save nothing when any problem is reported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from icp_tui.domain.attributes import Attribute, AttributeType, Catalogue, TraitValue
from icp_tui.domain.errors import InvalidInput, describe_validation_error
from icp_tui.domain.models import PastAccount, Prospect, catalogue_context
from icp_tui.domain.numbers import parse_number

RecordKind = Literal["accounts", "prospects"]

NAME_HEADERS = (
    "name",
    "company name",
    "company",
    "account name",
    "account",
    "organization",
    "organization name",
    "organisation",
)

CRM_HEADERS: dict[str, tuple[str, ...]] = {
    "industry": ("industry", "sector", "vertical"),
    "annual_revenue": ("annual revenue", "annualrevenue", "revenue"),
    "employees": (
        "number of employees",
        "numberofemployees",
        "employees",
        "employee count",
        "headcount",
    ),
    "geography": (
        "country/region",
        "billingcountry",
        "billing country",
        "country",
        "region",
        "address country",
    ),
}
"""Usual CRM and spreadsheet headers per standard attribute (HubSpot, Salesforce, Pipedrive)."""

RECORD_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    "accounts": ("tier", "profitability", "relationship", "renewals", "referrals", "notes"),
    "prospects": ("stage", "decision", "notes"),
}


def _header_key(header: str) -> str:
    return " ".join(header.replace("_", " ").split()).casefold()


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file read into memory: headers and rows with their line numbers."""

    path: Path
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str


@dataclass(frozen=True, slots=True)
class Problem:
    """One unreadable cell or row of a file."""

    path: Path
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.path}: row {self.row}, column {self.column!r}, "
            f"value {self.value!r}: {self.reason}"
        )


@dataclass(slots=True)
class ColumnMapping:
    """Which column feeds the name, each attribute and each record field."""

    name: int | None = None
    attributes: dict[int, str] = field(default_factory=dict)
    fields: dict[int, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)


def read_table(path: Path) -> CsvTable:
    """Read a CSV file: UTF-8 (with or without BOM), UTF-16 or cp1252; comma, semicolon or tab."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read: {error.strerror or error}") from error
    text = _decode(raw)
    sample = text[:8192]
    delimiter = max((",", ";", "\t"), key=lambda d: sample.split("\n", 1)[0].count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if headers is None:
            headers = [cell.strip() for cell in cells]
            continue
        rows.append((reader.line_num, cells))
    if headers is None:
        raise InvalidInput(f"{path}: the file is empty; expected a header row")
    return CsvTable(path, headers, rows, delimiter)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def plan_mapping(
    headers: Sequence[str],
    catalogue: Catalogue,
    kind: RecordKind,
    overrides: Mapping[str, str] | None = None,
) -> ColumnMapping:
    """Map headers to the name, attributes and record fields; `overrides` maps COLUMN=KEY."""
    by_header: dict[str, str] = {}
    for attribute in catalogue:
        by_header.setdefault(_header_key(attribute.key), attribute.key)
        by_header.setdefault(_header_key(attribute.label), attribute.key)
    for key, names in CRM_HEADERS.items():
        for name in names:
            by_header.setdefault(_header_key(name), key)
    overrides = {_header_key(k): v for k, v in (overrides or {}).items()}
    mapping = ColumnMapping()
    for index, header in enumerate(headers):
        wanted = _header_key(header)
        target = overrides.get(wanted)
        if target is None and mapping.name is None and wanted in NAME_HEADERS:
            target = "name"
        if target is None and wanted in RECORD_FIELDS[kind]:
            target = wanted
        if target is None:
            target = by_header.get(wanted)
        if target is None:
            mapping.unmapped.append(header)
        elif target == "name":
            mapping.name = index
        elif target in RECORD_FIELDS[kind]:
            mapping.fields[index] = target
        elif target in catalogue and target not in mapping.attributes.values():
            mapping.attributes[index] = target
        else:
            mapping.unmapped.append(header)
    return mapping


def read_cell(attribute: Attribute, text: str, *, decimal_comma: bool) -> TraitValue:
    """Read one cell for `attribute`; raise ValueError saying why it cannot be read."""
    if attribute.type is AttributeType.CATEGORY:
        return attribute.check_value(text)
    return attribute.check_value(parse_number(text, decimal_comma=decimal_comma))


def read_records(
    table: CsvTable,
    mapping: ColumnMapping,
    catalogue: Catalogue,
    kind: RecordKind,
) -> tuple[list[PastAccount] | list[Prospect], list[Problem]]:
    """Build records from the rows; return them with every problem found."""
    if mapping.name is None:
        raise InvalidInput(
            f"{table.path}: no name column; call one of {', '.join(NAME_HEADERS)} "
            "or map one with --map COLUMN=name"
        )
    decimal_comma = table.delimiter == ";"
    model: type[PastAccount] | type[Prospect] = PastAccount if kind == "accounts" else Prospect
    records: list[PastAccount] | list[Prospect] = []
    problems: list[Problem] = []
    for line, cells in table.rows:

        def cell(index: int, cells: list[str] = cells) -> str:
            return cells[index].strip() if index < len(cells) else ""

        name = cell(mapping.name)
        traits: dict[str, TraitValue] = {}
        for index, key in mapping.attributes.items():
            text = cell(index)
            if not text:
                continue
            try:
                traits[key] = read_cell(catalogue.require(key), text, decimal_comma=decimal_comma)
            except ValueError as error:
                problems.append(Problem(table.path, line, table.headers[index], text, str(error)))
        data: dict[str, object] = {"name": name, "traits": traits}
        for index, field_name in mapping.fields.items():
            text = cell(index)
            if text:
                data[field_name] = text
        try:
            records.append(
                model.model_validate(data, context=catalogue_context(catalogue))  # type: ignore[arg-type]
            )
        except ValidationError as error:
            column = table.headers[mapping.name]
            problems.append(
                Problem(table.path, line, column, name, describe_validation_error(error))
            )
    return records, problems
