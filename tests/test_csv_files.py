"""Reading CSV files as they come: encodings, delimiters, line ends, quoting, blank rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_tui.domain.attributes import STANDARD_CATALOGUE
from icp_tui.domain.column_mapping import plan_mapping
from icp_tui.domain.csv_files import Problem, read_table
from icp_tui.domain.csv_import import read_records
from icp_tui.domain.errors import InvalidInput

TEXT = "Company name,Industry,Country/Region\nCafé Müller,Food,Deutschland\nAcme,Retail,US\n"


def write(tmp_path: Path, data: bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("utf-16"), "UTF-16"),
        (TEXT.encode("utf-16-le"), "UTF-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_read_table_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    table = read_table(write(tmp_path, data))

    assert table.encoding == encoding
    assert table.headers == ["Company name", "Industry", "Country/Region"]
    assert table.rows[0][1] == ["Café Müller", "Food", "Deutschland"]


def test_read_table_excel_unicode_text(tmp_path: Path) -> None:
    # Excel's "Unicode text": UTF-16 little-endian with a BOM, tab-separated, CRLF.
    text = "Account Name\tAnnualRevenue\r\nZürich AG\t1200000\r\n"
    table = read_table(write(tmp_path, text.encode("utf-16"), "export.txt"))

    assert table.delimiter == "\t"
    assert table.rows == [(2, ["Zürich AG", "1200000"])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_read_table_detects_delimiter(tmp_path: Path, delimiter: str) -> None:
    text = TEXT.replace(",", delimiter)
    table = read_table(write(tmp_path, text.encode()))

    assert table.delimiter == delimiter
    assert len(table.rows) == 2


def test_read_table_delimiter_ignores_quoted_commas(tmp_path: Path) -> None:
    text = '"Name, legal";Revenue\n"Acme, Inc.";"1.200,50"\n'
    table = read_table(write(tmp_path, text.encode()))

    assert table.delimiter == ";"
    assert table.decimal_comma


def test_read_table_crlf_line_ends(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, TEXT.replace("\n", "\r\n").encode()))

    assert table.rows[1] == (3, ["Acme", "Retail", "US"])


def test_read_table_quoted_line_breaks(tmp_path: Path) -> None:
    text = 'name,notes\nAcme,"first line\nsecond line"\nBeta,short\n'
    table = read_table(write(tmp_path, text.encode()))

    assert table.rows[0] == (2, ["Acme", "first line\nsecond line"])
    assert table.rows[1][0] == 3


def test_read_table_skips_blank_rows_keeping_numbers(tmp_path: Path) -> None:
    text = "\nname,industry\n\n,,\nAcme,Retail\n  ,  \nBeta,Food\n"
    table = read_table(write(tmp_path, text.encode()))

    assert table.headers == ["name", "industry"]
    assert [row for row, _cells in table.rows] == [5, 7]


def test_read_table_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        read_table(write(tmp_path, b"\n\n"))


def test_read_table_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot be read"):
        read_table(tmp_path / "absent.csv")


def test_read_table_unclosed_quote(tmp_path: Path) -> None:
    # A quote left open swallows the rest of the file; the csv module rejects it in strict mode.
    text = 'name,notes\nAcme,"never closed\nBeta,x\n'

    with pytest.raises(InvalidInput, match="cannot be parsed as CSV"):
        read_table(write(tmp_path, text.encode()))


def test_duplicate_headers_reported(tmp_path: Path) -> None:
    text = "name,Industry,industry\nAcme,Retail,Food\n"
    table = read_table(write(tmp_path, text.encode()))
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "accounts")

    assert mapping.targets == {0: "name", 1: "industry"}
    assert mapping.unmapped() == ["industry"]
    assert mapping.notes == [
        "column 3 'industry' repeats the header of column 2; only column 2 is read"
    ]


def test_short_rows_read_as_blank_cells(tmp_path: Path) -> None:
    text = "name,industry,employees\nAcme\n"
    table = read_table(write(tmp_path, text.encode()))
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "accounts")
    records, problems = read_records(table, mapping, STANDARD_CATALOGUE, "accounts")

    assert problems == []
    assert records[0].traits == {}


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_read_table_cp1252_undefined_byte(tmp_path: Path, byte: int) -> None:
    # The é makes the file invalid UTF-8, so it is read as cp1252, which leaves `byte` undefined.
    data = "name,industry\nCafé,Food\n".encode("cp1252") + bytes([0x41, byte]) + b",Retail\n"
    path = write(tmp_path, data, "latin.csv")

    with pytest.raises(InvalidInput) as raised:
        read_table(path)

    assert str(raised.value) == (
        f"{path}: cannot be decoded as cp1252: line 3 has byte 0x{byte:02X}; save it as UTF-8"
    )


def test_read_table_utf16_cut_character(tmp_path: Path) -> None:
    # A high surrogate with no low one after it: the file ends inside a character.
    data = "name\nAcme\n".encode("utf-16") + b"\x3d\xd8"
    path = write(tmp_path, data)

    with pytest.raises(InvalidInput) as raised:
        read_table(path)

    assert str(raised.value) == (
        f"{path}: cannot be decoded as UTF-16: line 3 has bytes 0x3D 0xD8; save it as UTF-8"
    )


def test_read_table_utf8_bom_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfname\nAcme\nBad \xff byte\n")

    with pytest.raises(InvalidInput) as raised:
        read_table(path)

    assert str(raised.value) == (
        f"{path}: cannot be decoded as UTF-8: line 3 has byte 0xFF; save it as UTF-8"
    )


def test_describe_one_row_singular(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"name\nAcme\n"))

    assert table.describe() == "1 row, comma-separated, UTF-8"


def test_problem_long_value_shortened(tmp_path: Path) -> None:
    problem = Problem(tmp_path / "a.csv", 4, "Name", "N" * 201, "longer than 200 characters")

    assert str(problem) == (
        f"{tmp_path / 'a.csv'}: row 4, column 'Name', value '{'N' * 40}\u2026': "
        "longer than 200 characters"
    )
