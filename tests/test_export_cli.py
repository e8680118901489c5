"""`icp-tui export`: the profile card, the profile file round trip, prospects as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icp_tui.cli import main
from icp_tui.domain.csv_import import restore_neutralised
from icp_tui.domain.models import (
    AccountTier,
    Characteristic,
    Criterion,
    PastAccount,
    Profile,
    Prospect,
    Tiers,
)
from icp_tui.domain.report import neutralise_cell
from icp_tui.store import WorkspaceStore

PROFILE = Profile(
    name="Mid-market health",
    characteristics=(
        Characteristic(
            label="Mid-market: 200 to 2,000 employees",
            attribute="employees",
            criterion=Criterion(min=200, max=2000),
        ),
        Characteristic(
            label="Healthcare | Biotech",
            attribute="industry",
            criterion=Criterion(one_of=("Healthcare", "Biotech")),
        ),
        Characteristic(
            label="Wants a partner",
            attribute="partnership",
            criterion=Criterion(at_least=4),
            weight=2,
        ),
        Characteristic(
            label="Revenue over 10M", attribute="annual_revenue", criterion=Criterion(min=1e7)
        ),
    ),
    tiers=Tiers(strong=85, good=65, partial=35),
)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_profile(PROFILE)
        store.save_many(
            accounts=[
                PastAccount(
                    name="Clinic One",
                    tier=AccountTier.BEST,
                    traits={"employees": 500, "industry": "Healthcare"},
                ),
                PastAccount(name="Big Box", tier=AccountTier.BEST, traits={"employees": 9000}),
            ],
            prospects=[
                Prospect(name='=HYPERLINK("http://x")', traits={"employees": 300}),
                Prospect(
                    name="Good Fit",
                    traits={"employees": 900, "industry": "biotech", "partnership": 5},
                    notes="@call Monday",
                ),
            ],
        )
    return path


def export(store_path: Path, *args: str) -> int:
    return main(["export", *args, "--store", str(store_path)])


def test_export_profile_markdown_card(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(store_path, "profile", "--format", "markdown") == 0
    card = capsys.readouterr().out

    assert card.startswith("# Mid-market health\n")
    assert "## Demographic" in card
    assert "## Psychographic" in card
    assert "| 2 | Healthcare \\| Biotech | Industry | one of Healthcare, Biotech | 1 |" in card
    assert "1 of 2" in card
    assert "Strong 85% and over, good 65% and over, partial 35% and over" in card


def test_export_profile_json_round_trip(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile_file = tmp_path / "profile.json"
    assert export(store_path, "profile", "--format", "json", "--output", str(profile_file)) == 0
    other_store = tmp_path / "other.json"
    status = main(["import", "profile", str(profile_file), "--store", str(other_store)])
    capsys.readouterr()

    assert status == 0
    with WorkspaceStore.open(other_store) as store:
        assert store.profile() == PROFILE


def test_export_prospects_csv_neutralises_formulas(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(store_path, "prospects", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_fit = {row["name"]: row for row in rows}

    assert [row["name"] for row in rows] == ["Good Fit", '\'=HYPERLINK("http://x")']
    assert by_fit["Good Fit"]["notes"] == "'@call Monday"
    assert by_fit["Good Fit"]["tier"] == "good"
    assert by_fit["Good Fit"]["Wants a partner (state)"] == "match"
    assert by_fit["Good Fit"]["red_flags"] == "Revenue over 10M: unknown"
    assert by_fit["Good Fit"]["employees"] == "900"


def test_export_prospects_csv_imports_back(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "prospects.csv"
    export(store_path, "prospects", "--output", str(exported))
    status = main(
        ["import", "prospects", str(exported), "--dry-run", "--store", str(tmp_path / "n.json")]
    )
    out = capsys.readouterr().out

    assert status == 0
    assert "Prospects: 2 new" in out


def test_export_import_same_store_round_trips(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "prospects.csv"
    export(store_path, "prospects", "--output", str(exported))
    status = main(["import", "prospects", str(exported), "--store", str(store_path)])
    out = capsys.readouterr().out

    assert status == 0
    assert "Prospects: 0 new, 2 updated" in out
    with WorkspaceStore.open(store_path) as store:
        prospects = {prospect.name: prospect for prospect in store.prospects()}
    assert sorted(prospects) == ['=HYPERLINK("http://x")', "Good Fit"]
    assert prospects["Good Fit"].notes == "@call Monday"


def test_export_import_keeps_leading_apostrophe_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "store.json"
    with WorkspaceStore.open(store_path) as store:
        store.save_prospect(Prospect(name="'=x"))
    exported = tmp_path / "prospects.csv"
    export(store_path, "prospects", "--output", str(exported))
    status = main(["import", "prospects", str(exported), "--store", str(store_path)])

    assert status == 0
    assert "0 new, 1 updated" in capsys.readouterr().out
    with WorkspaceStore.open(store_path) as store:
        assert [prospect.name for prospect in store.prospects()] == ["'=x"]


def test_import_restores_neutralised_cells(tmp_path: Path) -> None:
    source = tmp_path / "prospects.csv"
    source.write_text(
        "name,industry,employees,notes\n"
        "'=1+1,'-Retail,'+5,'+call\n"
        "'90s Retro,'Quoted,12,'plain\n"
        "',x,,'\n",
        encoding="utf-8",
    )
    store_path = tmp_path / "store.json"
    status = main(
        ["import", "prospects", str(source), "--skip-invalid", "--store", str(store_path)]
    )

    assert status == 0
    with WorkspaceStore.open(store_path) as store:
        prospects = {prospect.name: prospect for prospect in store.prospects()}
    assert sorted(prospects) == ["'", "'90s Retro", "=1+1"]
    assert prospects["=1+1"].traits["industry"] == "-Retail"
    assert prospects["=1+1"].notes == "+call"
    assert prospects["=1+1"].traits["employees"] == 5
    assert prospects["'90s Retro"].traits["industry"] == "'Quoted"
    assert prospects["'90s Retro"].notes == "'plain"
    assert prospects["'"].notes == "'"


def test_export_rejects_format_for_target(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(store_path, "prospects", "--format", "json") == 2
    assert "--format json does not apply to prospects" in capsys.readouterr().err


def test_export_unwritable_output(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "card.md"

    assert export(store_path, "profile", "--output", str(target)) == 2
    assert "cannot be written" in capsys.readouterr().err


@given(st.text())
def test_neutralised_cell_restores_on_import(text: str) -> None:
    assert restore_neutralised(neutralise_cell(text)) == text
