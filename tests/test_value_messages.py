"""Messages about rejected values: the value as the user wrote it, and why it is rejected."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from icp_tui.domain.attributes import STANDARD_CATALOGUE
from icp_tui.domain.column_mapping import plan_mapping
from icp_tui.domain.csv_files import read_table
from icp_tui.domain.csv_import import read_records
from icp_tui.domain.errors import describe_validation_error
from icp_tui.domain.models import Prospect

HEADER = "Name,Employees,Annual revenue,Partnership,Renewals\n"


def import_problems(tmp_path: Path, row: str) -> list[str]:
    """Read one account row; return its problems as the command line prints them."""
    path = tmp_path / "accounts.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    table = read_table(path)
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "accounts")
    _records, problems = read_records(table, mapping, STANDARD_CATALOGUE, "accounts")
    return [str(problem).removeprefix(f"{path}: row 2, ") for problem in problems]


def test_import_negative_count_as_typed(tmp_path: Path) -> None:
    assert import_problems(tmp_path, "Acme,-5,,,") == [
        "column 'Employees', value '-5': is negative; use 0 or more"
    ]


def test_import_too_large_shows_limit(tmp_path: Path) -> None:
    assert import_problems(tmp_path, "Acme,99999999999999999999,2000000000000000,,") == [
        "column 'Employees', value '99999999999999999999': is too large; "
        "the largest accepted value is 1,000,000,000,000,000",
        "column 'Annual revenue', value '2000000000000000': is too large; "
        "the largest accepted value is 1,000,000,000,000,000",
    ]


@pytest.mark.parametrize("cell", ["3.5", "7", "0"])
def test_import_scale_not_whole_number(tmp_path: Path, cell: str) -> None:
    assert import_problems(tmp_path, f"Acme,,,{cell},") == [
        f"column 'Partnership', value '{cell}': is not a whole number from 1 to 5"
    ]


def test_import_text_in_number_column(tmp_path: Path) -> None:
    assert import_problems(tmp_path, "Acme,lots,,,some") == [
        "column 'Employees', value 'lots': is not a number",
        "column 'Renewals', value 'some': is not a number; expected a whole number of 0 or more",
    ]


def test_import_long_name_shortened(tmp_path: Path) -> None:
    assert import_problems(tmp_path, "N" * 201 + ",,,,") == [
        f"column 'Name', value '{'N' * 40}\u2026': longer than 200 characters (201)"
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("employees", -5, "employees: -5 is negative; use 0 or more"),
        (
            "annual_revenue",
            10**16,
            "annual_revenue: 10000000000000000 is too large; "
            "the largest accepted value is 1,000,000,000,000,000",
        ),
        ("partnership", 3.5, "partnership: 3.5 is not a whole number from 1 to 5"),
        ("partnership", "high", 'partnership: "high" is not a number'),
    ],
)
def test_check_value_names_key_and_value(key: str, value: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        STANDARD_CATALOGUE.require(key).check_value(value)

    assert str(raised.value) == message


def test_record_name_too_long_message() -> None:
    data = {"name": "N" * 201}
    with pytest.raises(ValidationError) as raised:
        Prospect.model_validate(data)

    assert describe_validation_error(raised.value, data=data) == (
        f"name: longer than 200 characters (201): '{'N' * 40}\u2026'"
    )


def test_record_blank_name_message() -> None:
    data = {"name": "   "}
    with pytest.raises(ValidationError) as raised:
        Prospect.model_validate(data)

    assert describe_validation_error(raised.value, data=data) == (
        "name: must not be empty (value: '   ')"
    )
