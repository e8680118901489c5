"""`icp-tui check` through the real command line, on a real store in a temporary folder."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.domain.attributes import TraitValue
from icp_tui.domain.models import AccountTier, PastAccount, Profile
from icp_tui.store import WorkspaceStore

PROFILE = Profile.model_validate(
    {
        "characteristics": [
            {"label": "Retail", "attribute": "industry", "criterion": {"one_of": ["Retail"]}},
            {"label": "Mid-size", "attribute": "employees", "criterion": {"min": 100, "max": 1000}},
            {"label": "German", "attribute": "geography", "criterion": {"one_of": ["Germany"]}},
            {"label": "Partners", "attribute": "partnership", "criterion": {"at_least": 4}},
            {"label": "Open to new", "attribute": "adoption", "criterion": {"at_least": 3}},
        ]
    }
)
FITTING: dict[str, TraitValue] = {
    "industry": "Retail",
    "employees": 500,
    "geography": "Germany",
    "partnership": 5,
    "adoption": 4,
}
UNFIT: dict[str, TraitValue] = {
    "industry": "Mining",
    "employees": 20_000,
    "geography": "France",
    "partnership": 1,
    "adoption": 1,
}


def make_store(path: Path, accounts: Sequence[PastAccount], profile: Profile | None = None) -> Path:
    with WorkspaceStore.open(path) as store:
        for account in accounts:
            store.save_account(account)
        if profile is not None:
            store.save_profile(profile)
    return path


def sound_accounts() -> list[PastAccount]:
    """Five chosen accounts (one a near miss) that fit, and three poor ones that do not."""
    made = [
        PastAccount(name=f"Best {i}", tier=AccountTier.BEST, traits=FITTING, profitability=5)
        for i in range(4)
    ]
    made.append(PastAccount(name="Lost one", tier=AccountTier.NEAR_MISS, traits=FITTING))
    made += [
        PastAccount(name=f"Poor {i}", tier=AccountTier.POOR, traits=UNFIT, profitability=1)
        for i in range(3)
    ]
    return made


def run_check(store: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    status = main(["check", "--store", str(store), *options])
    return status, capsys.readouterr().out


def test_check_sound_workspace_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = make_store(tmp_path / "ws.json", sound_accounts(), PROFILE)
    status, out = run_check(store, capsys, "--format", "json")
    assert status == 0
    assert json.loads(out) == {"findings": []}


def test_check_empty_store_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = make_store(tmp_path / "ws.json", [])
    status, out = run_check(store, capsys, "--format", "json")
    findings = json.loads(out)["findings"]
    assert status == 1
    assert [f["code"] for f in findings] == ["selection_size", "no_near_miss", "not_five"]
    assert {f["severity"] for f in findings} == {"warning"}
    assert all(set(f) == {"code", "severity", "message"} for f in findings)


def test_check_notes_only_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accounts = sound_accounts()
    unknown = {k: v for k, v in FITTING.items() if k != "adoption"}
    for index in (0, 1):
        accounts[index] = accounts[index].model_copy(update={"traits": unknown})
    store = make_store(tmp_path / "ws.json", accounts, PROFILE)
    status, out = run_check(store, capsys, "--format", "json")
    findings = json.loads(out)["findings"]
    assert status == 0
    assert [(f["code"], f["severity"]) for f in findings] == [("aspirational", "info")]


def test_check_text_lists_findings_and_backtest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    accounts = [a for a in sound_accounts() if a.tier is not AccountTier.NEAR_MISS]
    store = make_store(tmp_path / "ws.json", accounts, PROFILE)
    status, out = run_check(store, capsys)
    lines = out.splitlines()
    assert status == 1
    assert lines[0] == "Findings: 2 warnings."
    assert "WARNING  selection_size" in lines
    assert "WARNING  no_near_miss" in lines
    assert "the higher fit in 12 of 12 best/poor pairs (100%)." in " ".join(lines)
    assert "fit     best (4)                 poor (3)" in lines
    assert all(len(line) <= 80 for line in lines)


def test_check_text_without_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = make_store(tmp_path / "ws.json", sound_accounts(), PROFILE)
    status, out = run_check(store, capsys)
    assert status == 0
    assert out.splitlines()[0] == "No findings: the selection and the profile pass every check."


def test_check_text_escapes_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    accounts = sound_accounts()
    accounts += [
        PastAccount(name="Evil\x1b[2J", tier=AccountTier.POOR, traits=FITTING),
        PastAccount(name="Also fits", tier=AccountTier.POOR, traits=FITTING),
        PastAccount(name="Fits too", tier=AccountTier.POOR, traits=FITTING),
    ]
    store = make_store(tmp_path / "ws.json", accounts, PROFILE)
    status, out = run_check(store, capsys)
    assert status == 1
    assert "\x1b" not in out
    assert "Evil\\x1b[2J" in out


def test_check_rejects_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = make_store(tmp_path / "ws.json", [])
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--store", str(store), "--format", "yaml"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'yaml'" in capsys.readouterr().err
