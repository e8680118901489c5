"""A failed import prints its first problems and writes all of them with --problems."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.commands.output import PROBLEMS_SHOWN

BAD_ROWS = 120


def bad_file(tmp_path: Path, bad_rows: int = BAD_ROWS) -> Path:
    """Write accounts whose employees cell is unreadable in every row but the first."""
    lines = ["name,employees", "Good Co,10"]
    lines += [f"Company {number},lots" for number in range(bad_rows)]
    path = tmp_path / "accounts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(tmp_path: Path, source: Path, *options: str) -> int:
    store = tmp_path / "store.json"
    return main(["import", "accounts", str(source), "--store", str(store), *options])


def read_report(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_problems_printed_up_to_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = run(tmp_path, bad_file(tmp_path))
    err = capsys.readouterr().err

    assert status == 2
    assert err.count("value 'lots'") == PROBLEMS_SHOWN
    assert "row 3, column 'employees', value 'lots'" in err
    assert f"... and {BAD_ROWS - PROBLEMS_SHOWN} more problems; use --problems PROBLEMS.csv" in err
    assert f"nothing was imported: {BAD_ROWS} problems in {BAD_ROWS} rows" in err


def test_problems_file_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "problems.csv"
    status = run(tmp_path, bad_file(tmp_path), "--problems", str(report))
    err = capsys.readouterr().err
    rows = read_report(report)

    assert status == 2
    assert len(rows) == BAD_ROWS
    assert rows[0] == {
        "row": "3",
        "column": "employees",
        "value": "lots",
        "reason": "is not a number",
    }
    assert rows[-1]["row"] == str(BAD_ROWS + 2)
    assert f"listed with the others in {report}" in err


def test_problems_file_few_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "problems.csv"
    status = run(tmp_path, bad_file(tmp_path, bad_rows=2), "--problems", str(report))
    err = capsys.readouterr().err

    assert status == 2
    assert len(read_report(report)) == 2
    assert f"these problems are also listed in {report}" in err
    assert "more problem" not in err


def test_problems_file_with_skip_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "problems.csv"
    status = run(tmp_path, bad_file(tmp_path), "--skip-invalid", "--problems", str(report))
    out = capsys.readouterr().out

    assert status == 0
    assert len(read_report(report)) == BAD_ROWS
    assert f"Imported 1 record into {tmp_path / 'store.json'}" in out
    assert f"{BAD_ROWS} rows skipped" in out


def test_problems_file_neutralises_formulas(tmp_path: Path) -> None:
    source = tmp_path / "accounts.csv"
    source.write_text('name,employees\nAcme,"=HYPERLINK(""x"")"\n', encoding="utf-8")
    report = tmp_path / "problems.csv"
    run(tmp_path, source, "--problems", str(report))

    assert read_report(report)[0]["value"] == '\'=HYPERLINK("x")'


def test_problems_file_clean_import_has_header_only(tmp_path: Path) -> None:
    source = tmp_path / "accounts.csv"
    source.write_text("name,employees\nAcme,10\n", encoding="utf-8")
    report = tmp_path / "problems.csv"
    status = run(tmp_path, source, "--problems", str(report))

    assert status == 0
    assert report.read_bytes() == b"row,column,value,reason\r\n"


def test_problems_file_not_over_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = bad_file(tmp_path)
    before = source.read_bytes()
    status = run(tmp_path, source, "--problems", str(source))

    assert status == 2
    assert "would overwrite the file being imported" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_problems_file_unwritable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "missing-folder" / "problems.csv"
    status = run(tmp_path, bad_file(tmp_path), "--problems", str(report))

    assert status == 2
    assert f"{report}: cannot be written" in capsys.readouterr().err


def test_score_input_problems_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = bad_file(tmp_path)
    status = main(["score", "--demo", "--input", str(source)])
    err = capsys.readouterr().err

    assert status == 2
    assert err.count("value 'lots'") == PROBLEMS_SHOWN
    assert (
        f"... and {BAD_ROWS - PROBLEMS_SHOWN} more problems; `icp-tui import prospects "
        f"{source} --dry-run --problems PROBLEMS.csv` writes every problem to a CSV file"
    ) in err
