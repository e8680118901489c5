"""`icp-tui score`: ranking, formats and bad input, through the command-line entry point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from icp_tui.cli import main
from icp_tui.domain.models import Profile, Prospect
from icp_tui.paths import resource_dir
from icp_tui.store import WorkspaceStore

PROFILE_FILE = {
    "format": "icp-profile",
    "version": 1,
    "name": "Mid-market healthcare",
    "characteristics": [
        {
            "label": "Mid-market: 200 to 2,000 employees",
            "attribute": "employees",
            "kind": "demographic",
            "weight": 1,
            "criterion": {"min": 200, "max": 2000},
        },
        {
            "label": "Healthcare",
            "attribute": "industry",
            "kind": "demographic",
            "weight": 1,
            "criterion": {"one_of": ["Healthcare", "Biotech"]},
        },
        {
            "label": "Revenue 10M+",
            "attribute": "annual_revenue",
            "kind": "demographic",
            "weight": 2,
            "criterion": {"min": 10_000_000},
        },
    ],
    "tiers": {"strong": 80, "good": 60, "partial": 40},
}

HUBSPOT_CSV = (
    "Record ID,Company name,Industry,Annual Revenue,Number of Employees,Country/Region\r\n"
    '101,Northwind Clinics,healthcare,"$12M","1,200",United States\r\n'
    "102,Contoso Retail,Retail,5000000,150,Germany\r\n"
    '103,"Fabrikam Bio",Biotech,,"450",\r\n'
)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    assert main(["score", *args, "--format", "json"]) == 0
    result: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return result


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE_FILE), encoding="utf-8")
    return path


@pytest.fixture
def hubspot_file(tmp_path: Path) -> Path:
    path = tmp_path / "hubspot.csv"
    path.write_bytes(HUBSPOT_CSV.encode("utf-8-sig"))
    return path


def test_demo_json_sorted_by_fit_then_name(capsys: pytest.CaptureFixture[str]) -> None:
    items = run_json(capsys, "--demo")
    keys = [(-item["fit"], item["name"].casefold()) for item in items]
    assert len(items) >= 25
    assert keys == sorted(keys)


def test_demo_json_has_interface_fields(capsys: pytest.CaptureFixture[str]) -> None:
    item = run_json(capsys, "--demo")[-1]
    for field in ("name", "fit", "demographic_fit", "psychographic_fit", "known", "tier"):
        assert field in item
    assert isinstance(item["incomplete"], bool)
    assert item["tier"] in ("strong", "good", "partial", "weak")
    assert {"label", "attribute", "state"} <= set(item["characteristics"][0])
    assert {"label", "attribute", "reason", "friction", "strategy"} <= set(item["red_flags"][0])


def test_demo_json_numbers_one_decimal(capsys: pytest.CaptureFixture[str]) -> None:
    for item in run_json(capsys, "--demo"):
        for field in ("fit", "known"):
            assert round(item[field], 1) == item[field]
            assert 0 <= item[field] <= 100


def test_hubspot_csv_scored_through_input(
    capsys: pytest.CaptureFixture[str], profile_file: Path, hubspot_file: Path
) -> None:
    items = run_json(capsys, "--profile", str(profile_file), "--input", str(hubspot_file))
    by_name = {item["name"]: item for item in items}
    assert [item["name"] for item in items] == [
        "Northwind Clinics",
        "Fabrikam Bio",
        "Contoso Retail",
    ]
    # Northwind: all three match (1 + 1 + 2 of 4).
    assert by_name["Northwind Clinics"]["fit"] == 100.0
    # Fabrikam: employees and industry match, revenue unknown: 2 of 4, known 2 of 4.
    assert by_name["Fabrikam Bio"]["fit"] == 50.0
    assert by_name["Fabrikam Bio"]["known"] == 50.0
    assert by_name["Fabrikam Bio"]["incomplete"] is True
    # Contoso: nothing matches.
    assert by_name["Contoso Retail"]["fit"] == 0.0
    assert by_name["Contoso Retail"]["tier"] == "weak"


def test_psychographic_fit_null_when_not_applicable(
    capsys: pytest.CaptureFixture[str], profile_file: Path, hubspot_file: Path
) -> None:
    items = run_json(capsys, "--profile", str(profile_file), "--input", str(hubspot_file))
    assert items[0]["psychographic_fit"] is None


def test_bundled_hubspot_and_salesforce_files_score(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("prospects-hubspot.csv", "prospects-salesforce.csv"):
        path = resource_dir("sample_data") / name
        items = run_json(capsys, "--demo", "--input", str(path))
        assert len(items) >= 8


def test_csv_format_neutralises_formulas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, profile_file: Path
) -> None:
    path = tmp_path / "evil.csv"
    path.write_text("name,employees\n=HYPERLINK(1),300\n", encoding="utf-8")
    assert (
        main(["score", "--profile", str(profile_file), "--input", str(path), "--format", "csv"])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("name,fit,demographic_fit")
    assert lines[1].startswith("'=HYPERLINK(1)")


def test_table_format_lists_every_prospect(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--demo"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["#", "Name", "Fit"]
    assert len(lines) >= 26


def test_bad_number_cell_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, profile_file: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,employees\nNorthwind,lots\n", encoding="utf-8")
    assert main(["score", "--profile", str(profile_file), "--input", str(path)]) == 2
    error = capsys.readouterr().err
    assert str(path) in error
    assert "row 2" in error
    assert "'employees'" in error
    assert "'lots'" in error


def test_bad_profile_file_exit_2_names_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = json.loads(json.dumps(PROFILE_FILE))
    broken["characteristics"][0]["criterion"] = {"min": 5000, "max": 10}
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert main(["score", "--demo", "--profile", str(path)]) == 2
    error = capsys.readouterr().err
    assert str(path) in error
    assert "characteristic 1 (Mid-market: 200 to 2,000 employees): criterion:" in error
    assert "min 5000 is above max 10" in error


def test_missing_input_file_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["score", "--demo", "--input", str(tmp_path / "nope.csv")]) == 2
    assert "nope.csv" in capsys.readouterr().err


def test_empty_profile_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["score", "--store", str(tmp_path / "empty.json")]) == 2
    assert "no characteristics" in capsys.readouterr().err


def test_corrupt_store_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text("[1, 2", encoding="utf-8")
    assert main(["score", "--store", str(path)]) == 2
    assert str(path) in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "[1, 2"


def store_with_prospect(path: Path, name: str) -> None:
    with WorkspaceStore.open(path) as store:
        store.save_prospect(Prospect(name=name, traits={"employees": 500}))


def test_store_from_environment(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    profile_file: Path,
) -> None:
    path = tmp_path / "env-store.json"
    store_with_prospect(path, "Chosen by environment")
    monkeypatch.setenv("ICP_TUI_STORE", str(path))
    names = [item["name"] for item in run_json(capsys, "--profile", str(profile_file))]
    assert names == ["Chosen by environment"]


def test_store_option_before_subcommand_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, profile_file: Path
) -> None:
    path = tmp_path / "chosen.json"
    store_with_prospect(path, "Chosen by option")
    assert main(["--store", str(path), "score", "--profile", str(profile_file)]) == 0
    assert "Chosen by option" in capsys.readouterr().out


def test_score_leaves_missing_store_uncreated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, profile_file: Path
) -> None:
    path = tmp_path / "missing.json"
    assert main(["--store", str(path), "score", "--profile", str(profile_file)]) == 0
    capsys.readouterr()
    assert not path.exists()


def test_demo_option_before_subcommand_used(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "score", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) >= 25


def test_store_and_demo_together_rejected(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--demo", "score", "--store", str(tmp_path / "s.json")]) == 2
    assert "give only one" in capsys.readouterr().err


def test_table_cuts_long_names(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    store_path = tmp_path / "store.json"
    long_name = "Very Long Name " * 13 + "End"
    wide_name = "\u6771\u4eac\u306e\u4f1a\u793e" * 10
    with WorkspaceStore.open(store_path) as store:
        store.save_profile(Profile.from_json(PROFILE_FILE))
        store.save_many(
            prospects=[
                Prospect(name=long_name, traits={"employees": 500}),
                Prospect(name=wide_name, traits={"employees": 400}),
                Prospect(name="Short", traits={"employees": 300}),
            ]
        )

    assert main(["score", "--store", str(store_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(cell_len(line) for line in lines) <= 110
    table = "\n".join(lines)
    assert "  Very Long Name Very Long Name Very Long\u2026  " in table
    assert "End" not in table
    assert f"  {wide_name[:19]}\u2026  " in table
    assert "  Short  " in table


def test_csv_and_json_keep_long_names(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    store_path = tmp_path / "store.json"
    long_name = "Very Long Name " * 13 + "End"
    with WorkspaceStore.open(store_path) as store:
        store.save_profile(Profile.from_json(PROFILE_FILE))
        store.save_many(prospects=[Prospect(name=long_name, traits={"employees": 500})])

    assert main(["score", "--store", str(store_path), "--format", "csv"]) == 0
    assert long_name in capsys.readouterr().out
    items = run_json(capsys, "--store", str(store_path))
    assert items[0]["name"] == long_name
