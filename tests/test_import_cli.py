"""`icp-tui import`: all or nothing, --skip-invalid, --dry-run, updates by name, profiles."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.commands.import_ import progress_printer
from icp_tui.store import WorkspaceStore

GOOD_AND_BAD = (
    "Company name,Industry,Number of Employees\n"
    "Acme,Retail,1200\n"
    "Beta,Food,many\n"
    'Gamma,Software,"1,5"\n'
    "Delta,Retail,300\n"
)


def write(tmp_path: Path, text: str, name: str = "accounts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored_names(store_path: Path) -> list[str]:
    with WorkspaceStore.open(store_path) as store:
        return sorted(a.name for a in store.accounts())


def run(store_path: Path, *args: str | Path) -> int:
    return main(["import", *(str(a) for a in args), "--store", str(store_path)])


def test_import_all_or_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_path = tmp_path / "store.json"
    status = run(store_path, "accounts", write(tmp_path, GOOD_AND_BAD))
    err = capsys.readouterr().err

    assert status == 2
    assert stored_names(store_path) == []
    assert "row 3, column 'Number of Employees', value 'many'" in err
    assert "row 4, column 'Number of Employees', value '1,5'" in err
    assert "nothing was imported: 2 problems in 2 rows" in err


def test_import_skip_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_path = tmp_path / "store.json"
    status = run(store_path, "accounts", write(tmp_path, GOOD_AND_BAD), "--skip-invalid")
    captured = capsys.readouterr()

    assert status == 0
    assert stored_names(store_path) == ["Acme", "Delta"]
    assert "value 'many'" in captured.err
    assert "2 rows skipped" in captured.out


def test_import_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_path = tmp_path / "store.json"
    status = run(store_path, "accounts", write(tmp_path, "name\nAcme\n"), "--dry-run")
    out = capsys.readouterr().out

    assert status == 0
    assert stored_names(store_path) == []
    assert "Past accounts: 1 new, 0 updated" in out
    assert "Dry run: nothing was written." in out


def test_import_twice_updates_by_name(tmp_path: Path) -> None:
    store_path = tmp_path / "store.json"
    path = write(tmp_path, "name,industry,employees\nAcme,Retail,100\n")
    run(store_path, "accounts", path)
    write(tmp_path, "name,industry,employees\nACME,Retail,250\n")
    run(store_path, "accounts", path)

    with WorkspaceStore.open(store_path) as store:
        accounts = store.accounts()
    assert len(accounts) == 1
    assert accounts[0].name == "Acme"
    assert accounts[0].traits["employees"] == 250


def test_import_lists_unmapped_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(tmp_path / "store.json", "accounts", write(tmp_path, "name,Owner,Founded\nAcme,Jo,1990\n"))

    assert "Not imported: Owner, Founded" in capsys.readouterr().out


def test_import_map_option(tmp_path: Path) -> None:
    store_path = tmp_path / "store.json"
    path = write(tmp_path, "Firm,Rev (k)\nAcme,250\n")
    run(store_path, "accounts", path, "--map", "Firm=name", "--map", "Rev (k)=annual_revenue:k")

    with WorkspaceStore.open(store_path) as store:
        account = store.account_named("Acme")
    assert account is not None
    assert account.traits == {"annual_revenue": 250_000}


def test_import_without_name_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = run(tmp_path / "store.json", "accounts", write(tmp_path, "Industry\nRetail\n"))

    assert status == 2
    assert "no name column found" in capsys.readouterr().err


def test_import_prospects(tmp_path: Path) -> None:
    store_path = tmp_path / "store.json"
    run(store_path, "prospects", write(tmp_path, "name,stage\nAcme,best few\n"))

    with WorkspaceStore.open(store_path) as store:
        assert [p.stage.value for p in store.prospects()] == ["best_few"]


def test_import_profile_rejects_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {
        "format": "icp-profile",
        "version": 1,
        "name": "P",
        "characteristics": [
            {"label": "Size", "attribute": "employees", "criterion": {"at_least": 4}}
        ],
    }
    path = write(tmp_path, json.dumps(data), "profile.json")
    status = run(tmp_path / "store.json", "profile", path)
    err = capsys.readouterr().err

    assert status == 2
    assert str(path) in err
    assert "characteristic 1 (Size): an at_least criterion does not fit number attribute" in err


def test_import_profile_rejects_map_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "{}", "profile.json")
    status = run(tmp_path / "store.json", "profile", path, "--map", "a=b")

    assert status == 2
    assert "--map, --skip-invalid and --problems apply to CSV files" in capsys.readouterr().err


def test_progress_printer_small_file_silent() -> None:
    assert progress_printer(500, io.StringIO()) is None


def test_progress_printer_large_file_about_ten_lines() -> None:
    stream = io.StringIO()
    report = progress_printer(100_000, stream)
    assert report is not None
    for done in range(2000, 100_001, 2000):
        report(done, 100_000)

    lines = stream.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[-1] == "reading rows: 100,000 of 100,000"


def test_import_hints_revenue_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "account,revenue\nAcme,1100.04\nBeta,251.41\n")
    run(tmp_path / "store.json", "accounts", path, "--dry-run")

    assert "map it as annual_revenue:millions" in capsys.readouterr().out


MAVEN_DEALS = Path("/work/shared/data/maven-crm/sales_pipeline.csv")


def test_deals_into_missing_store_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "new.json"
    status = run(store_path, "deals", MAVEN_DEALS)
    out = capsys.readouterr().out

    assert status == 0
    assert not store_path.exists()
    assert "Imported" not in out
    assert "Nothing to update: the workspace has no past accounts" in out
    assert "Nothing was written." in out


def test_deals_matching_no_account_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "store.json"
    run(store_path, "accounts", write(tmp_path, "name\nNobody Of This Name\n"))
    before = store_path.read_bytes()
    capsys.readouterr()
    status = run(store_path, "deals", MAVEN_DEALS)
    out = capsys.readouterr().out

    assert status == 0
    assert store_path.read_bytes() == before
    assert "Imported" not in out
    assert f"Nothing to update: no past account in {store_path} matches" in out


def test_import_every_row_skipped_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "store.json"
    source = write(tmp_path, "name,employees\nAcme,many\n")
    status = run(store_path, "accounts", source, "--skip-invalid")
    out = capsys.readouterr().out

    assert status == 0
    assert not store_path.exists()
    assert f"Nothing to import: {source} has no row to import; nothing was written." in out
