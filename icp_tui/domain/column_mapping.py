"""Column mapping: the field each CSV column feeds, by key, by label or by CRM header.

Headers compare after case folding and dropping everything but letters and digits, so
"Annual Revenue", "AnnualRevenue" and "annual_revenue" are one header. Pipedrive's export
prefixes ("Organization - Name", "Deal - Value") are dropped before comparing.
When two columns could feed one field, the header listed first for that field wins, so
Pipedrive's "Deal - Status" (open, won, lost) is read over its pipeline "Deal - Stage".
A column that maps to nothing is listed as unmapped and never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from icp_tui.domain.attributes import AttributeType, Catalogue
from icp_tui.domain.errors import InvalidInput

ImportKind = Literal["accounts", "prospects", "deals"]

IGNORE = "-"
"""The `--map` target that marks a column as deliberately not imported."""

UNITS: dict[str, int] = {
    "ones": 1,
    "thousands": 10**3,
    "k": 10**3,
    "millions": 10**6,
    "m": 10**6,
    "billions": 10**9,
    "bn": 10**9,
}
"""Units a numeric column can be written in: `--map revenue=annual_revenue:millions`."""

UNIT_NAMES = {1: "ones", 10**3: "thousands", 10**6: "millions", 10**9: "billions"}

NAME_HEADERS = (
    "name",
    "company name",
    "company",
    "account name",
    "account",
    "organization",
    "organization name",
    "organisation",
    "org name",
    "customer",
    "customer name",
    "client",
)

# NOTE: Pipedrive's help pages that could be searched do not list the columns of its
# spreadsheet export. The Pipedrive names matched here and in DEAL_HEADERS are the ones
# that public scripts reading Pipedrive exports use (a search of public code, December
# 2026): "Organization - Name", "- Industry", "- Annual revenue", "- Number of employees",
# "- Country of Address", and "Deal - Organization", "- Status", "- Stage", "- Value",
# "- Deal closed on", "- Won time". They have not been checked against a real export.
ATTRIBUTE_HEADERS: dict[str, tuple[str, ...]] = {
    "industry": ("industry", "sector", "vertical", "industry sector"),
    "annual_revenue": ("annual revenue", "AnnualRevenue", "revenue", "turnover"),
    "employees": (
        "number of employees",
        "NumberOfEmployees",
        "employees",
        "employee count",
        "headcount",
        "staff",
        "no of employees",
    ),
    "geography": (
        "country/region",
        "BillingCountry",
        "billing country",
        "ShippingCountry",
        "country",
        "region",
        "address country",
        "address - country",
        "country of address",
        "location",
        "office location",
        "hq country",
        "headquarters country",
    ),
    "decision_timeline_months": ("sales cycle", "sales cycle months", "decision timeline"),
    "contract_size": ("contract size", "contract value", "deal size", "average deal size"),
    "buying_frequency": ("buying frequency", "purchase frequency"),
}
"""Usual headers per standard attribute: HubSpot, Salesforce, Pipedrive and spreadsheets."""

RECORD_FIELDS: dict[ImportKind, tuple[str, ...]] = {
    "accounts": ("tier", "profitability", "relationship", "renewals", "referrals", "notes"),
    "prospects": ("stage", "decision", "decision_reason", "notes"),
    "deals": ("account", "stage", "value", "close_date", "currency"),
}
"""Fields other than the name and the attributes, per kind of file."""

NUMERIC_FIELDS = frozenset({"value"})
"""Record fields that take a unit; count and scale fields are whole numbers as written."""

DEAL_HEADERS: dict[str, tuple[str, ...]] = {
    "account": (
        "account",
        "account name",
        "company",
        "company name",
        "organization",
        "organization name",
        "associated company",
        "customer",
    ),
    # Status before stage: where a file has both, as Pipedrive's does, the status is
    # the outcome (won or lost) and the stage a step of the sales pipeline.
    "stage": ("status", "deal status", "stage", "deal stage", "StageName", "outcome"),
    "value": ("value", "amount", "deal value", "close value", "deal amount", "revenue"),
    # "won time" last: only won deals have one, so it is read only when no column gives
    # the close date of every deal.
    "close_date": (
        "close date",
        "CloseDate",
        "closed date",
        "closed on",
        "deal closed on",
        "close time",
        "date closed",
        "won time",
    ),
    # Read only to report a file whose values are in more than one currency.
    "currency": ("currency", "deal currency", "currency code", "CurrencyIsoCode"),
}

_PREFIX = re.compile(r"^\s*(organization|organisation|deal|account|company)\s+-\s+(?=\S)", re.I)
_NOT_ALNUM = re.compile(r"[\W_]+")


def canonical_header(header: str) -> str:
    """Return the comparison form of a header: no CRM prefix, case-folded, letters and digits."""
    return _NOT_ALNUM.sub("", _PREFIX.sub("", header).casefold())


@dataclass(slots=True)
class ColumnMapping:
    """The columns that feed the name, each attribute and each record field, with units."""

    kind: ImportKind
    headers: list[str]
    targets: dict[int, str] = field(default_factory=dict)
    """Column index to target: "name", an attribute key or a record field."""
    units: dict[int, int] = field(default_factory=dict)
    """Column index to the multiplier of a numeric column written in thousands or millions."""
    ignored: set[int] = field(default_factory=set)
    """Columns that `--map COLUMN=-` or the user marked as not imported."""
    notes: list[str] = field(default_factory=list)
    """Reasons a column that looked usable is not read (a duplicate header, a target taken)."""

    @property
    def name_target(self) -> str:
        return "account" if self.kind == "deals" else "name"

    def column_of(self, target: str) -> int | None:
        for index, key in self.targets.items():
            if key == target:
                return index
        return None

    def unmapped(self) -> list[str]:
        """Return the headers of the columns that feed nothing and were not ignored."""
        return [
            header_label(self.headers, index)
            for index in range(len(self.headers))
            if index not in self.targets and index not in self.ignored
        ]

    def describe(self, index: int) -> str:
        """Return what column `index` feeds, in words: "annual_revenue (millions)"."""
        if index in self.ignored:
            return "ignored"
        target = self.targets.get(index)
        if target is None:
            return "not imported"
        unit = self.units.get(index)
        return f"{target} ({UNIT_NAMES[unit]})" if unit and unit != 1 else target

    def assign(self, index: int, target: str | None, unit: int | None = None) -> None:
        """Point column `index` at `target` (None or IGNORE to drop it); another column
        feeding the same target is released."""
        self.targets.pop(index, None)
        self.units.pop(index, None)
        self.ignored.discard(index)
        if target is None:
            return
        if target == IGNORE:
            self.ignored.add(index)
            return
        for other, key in list(self.targets.items()):
            if key == target:
                del self.targets[other]
                self.units.pop(other, None)
        self.targets[index] = target
        if unit is not None and unit != 1:
            self.units[index] = unit


def header_label(headers: Sequence[str], index: int) -> str:
    """Return a header for messages; an empty header is named by its column number."""
    return headers[index] or f"(column {index + 1}, no header)"


def valid_targets(kind: ImportKind, catalogue: Catalogue) -> list[str]:
    """Return the targets a column of this kind of file can feed."""
    if kind == "deals":
        return list(RECORD_FIELDS["deals"])
    return ["name", *(a.key for a in catalogue), *RECORD_FIELDS[kind]]


def takes_unit(target: str, catalogue: Catalogue) -> bool:
    """Tell whether a column feeding `target` may be written in thousands or millions."""
    attribute = catalogue.get(target)
    if attribute is not None:
        return attribute.type is AttributeType.NUMBER
    return target in NUMERIC_FIELDS


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """Read `--map COLUMN=KEY[:UNIT]` options into COLUMN to KEY[:UNIT]."""
    overrides: dict[str, str] = {}
    for option in options:
        column, separator, target = option.rpartition("=")
        if not separator or not column.strip() or not target.strip():
            raise InvalidInput(
                f"--map {option!r} is invalid; write COLUMN=KEY, COLUMN=KEY:UNIT or COLUMN=-"
            )
        overrides[column.strip()] = target.strip()
    return overrides


def parse_target(text: str, kind: ImportKind, catalogue: Catalogue) -> tuple[str, int | None]:
    """Read "KEY" or "KEY:UNIT"; raise InvalidInput naming the valid keys or units."""
    key, _, unit_text = text.partition(":")
    key = key.strip()
    if key == IGNORE:
        return IGNORE, None
    targets = valid_targets(kind, catalogue)
    if key not in targets:
        raise InvalidInput(
            f"{key!r} is not a field of {kind} files; use one of "
            f"{', '.join(targets)}, or - to ignore the column"
        )
    if not unit_text:
        return key, None
    unit = UNITS.get(unit_text.strip().casefold())
    if unit is None:
        raise InvalidInput(
            f"unit {unit_text!r} of {key!r} is unknown; use ones, thousands, millions or billions"
        )
    if not takes_unit(key, catalogue):
        raise InvalidInput(f"{key!r} is not an amount, so it cannot have a unit")
    return key, unit


def plan_mapping(
    headers: Sequence[str],
    catalogue: Catalogue,
    kind: ImportKind,
    overrides: Mapping[str, str] | None = None,
) -> ColumnMapping:
    """Map headers to targets; `overrides` maps COLUMN to KEY[:UNIT] and wins over guesses.

    Raise InvalidInput when an override names a column the file does not have or a target
    it cannot have.
    """
    mapping = ColumnMapping(kind, list(headers))
    by_header = _known_headers(kind, catalogue)
    # A lower rank is a header listed earlier for its field, and wins a conflict.
    rank = {canonical: position for position, canonical in enumerate(by_header)}
    columns = {canonical_header(h): i for i, h in reversed(list(enumerate(headers)))}
    for column, target_text in (overrides or {}).items():
        index = columns.get(canonical_header(column))
        if index is None:
            raise InvalidInput(
                f"--map {column}={target_text}: the file has no column {column!r}; its columns "
                f"are {', '.join(repr(h) for h in headers)}"
            )
        target, unit = parse_target(target_text, kind, catalogue)
        mapping.assign(index, target, unit)

    chosen = set(mapping.targets) | mapping.ignored
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        canonical = canonical_header(header)
        first = seen.setdefault(canonical, index)
        if index in chosen:
            continue
        if first != index and canonical:
            read = f"; only column {first + 1} is read" if first in mapping.targets else ""
            mapping.notes.append(
                f"column {index + 1} {header!r} repeats the header of column {first + 1}{read}"
            )
            continue
        guess = by_header.get(canonical)
        if guess is None:
            continue
        taken = mapping.column_of(guess)
        if taken is None:
            mapping.targets[index] = guess
            continue
        if taken not in chosen and rank[canonical] < rank[canonical_header(headers[taken])]:
            del mapping.targets[taken]
            mapping.targets[index] = guess
            mapping.notes.append(
                f"column {taken + 1} {headers[taken]!r} would feed {guess}, but column "
                f"{index + 1} {header!r} is preferred for it; it is not read"
            )
            continue
        mapping.notes.append(
            f"column {index + 1} {header!r} would feed {guess}, which column "
            f"{taken + 1} {headers[taken]!r} already feeds; it is not read"
        )
    return mapping


def _known_headers(kind: ImportKind, catalogue: Catalogue) -> dict[str, str]:
    known: dict[str, str] = {}
    if kind == "deals":
        for target, names in DEAL_HEADERS.items():
            for name in names:
                known.setdefault(canonical_header(name), target)
        return known
    for name in NAME_HEADERS:
        known.setdefault(canonical_header(name), "name")
    for record_field in RECORD_FIELDS[kind]:
        known.setdefault(canonical_header(record_field), record_field)
    for attribute in catalogue:
        known.setdefault(canonical_header(attribute.key), attribute.key)
        known.setdefault(canonical_header(attribute.label), attribute.key)
    for key, names in ATTRIBUTE_HEADERS.items():
        for name in names:
            known.setdefault(canonical_header(name), key)
    return known
