"""The Maven Analytics CRM export, imported as it is: accounts and the pipeline as deals."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.domain.models import AccountTier, Characteristic, Criterion, Profile
from icp_tui.domain.relationship import rank_by_relationship
from icp_tui.domain.report import score_records
from icp_tui.store import WorkspaceStore


@pytest.fixture
def store_path(tmp_path: Path, maven_crm: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "store.json"
    status = main(
        [
            "import",
            "accounts",
            str(maven_crm / "accounts.csv"),
            "--map",
            "revenue=annual_revenue:millions",
            "--store",
            str(path),
        ]
    )
    assert status == 0
    capsys.readouterr()
    return path


def test_maven_accounts_revenue_in_millions(store_path: Path) -> None:
    with WorkspaceStore.open(store_path) as store:
        acme = store.account_named("Acme Corporation")
        count = len(store.accounts())

    assert count == 85
    assert acme is not None
    assert acme.traits["annual_revenue"] == 1_100_040_000
    assert acme.traits["employees"] == 2822
    assert acme.traits["geography"] == "United States"


def test_maven_misspelt_sector_kept_and_shown(
    tmp_path: Path, maven_crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "import",
            "accounts",
            str(maven_crm / "accounts.csv"),
            "--dry-run",
            "--store",
            str(tmp_path / "s.json"),
        ]
    )
    out = capsys.readouterr().out

    assert status == 0
    assert "technolgy (12)" in out
    assert "Not imported: year_established, subsidiary_of" in out


def test_maven_pipeline_as_deals(
    store_path: Path, maven_crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["import", "deals", str(maven_crm / "sales_pipeline.csv"), "--store", str(store_path)]
    )
    out = capsys.readouterr().out

    assert status == 0
    assert "Deals: 4,238 won and 2,473 lost, summed for 85 accounts" in out
    assert "Deals without an account, not counted: 1,425." in out
    assert "Open deals, not counted: 2,089 (Engaging 1,589, Prospecting 500)." in out
    with WorkspaceStore.open(store_path) as store:
        deals = [a.deals for a in store.accounts()]
    assert all(d is not None and d.won > 0 and d.lost > 0 for d in deals)


def test_maven_through_the_steps(store_path: Path, maven_crm: Path) -> None:
    # Step 1 ranks the imported accounts by the relationship score, which the deal history
    # feeds; the six highest become the best accounts, a profile is written over the
    # imported traits and every account is scored against it.
    main(["import", "deals", str(maven_crm / "sales_pipeline.csv"), "--store", str(store_path)])
    with WorkspaceStore.open(store_path) as store:
        ranked = rank_by_relationship(store.accounts())
        best = [a.model_copy(update={"tier": AccountTier.BEST}) for a, _score in ranked[:6]]
        store.save_many(accounts=best)
        profile = Profile(
            characteristics=(
                Characteristic(
                    label="Mid-size", attribute="employees", criterion=Criterion(min=500)
                ),
                Characteristic(
                    label="Sector",
                    attribute="industry",
                    criterion=Criterion(one_of=("technolgy", "medical", "retail")),
                ),
            )
        )
        store.save_profile(profile)
        scored = score_records(store.profile(), store.accounts())
        best_count = sum(1 for a in store.accounts() if a.tier is AccountTier.BEST)

    assert ranked[0][1].has_evidence
    assert best_count == 6
    assert len(scored) == 85
    assert scored[0].score.fit == 100.0
