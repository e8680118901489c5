"""Options that write a file reject the store, its lock and backup files, and the input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore

PROSPECTS_CSV = "name,employees\nAcme,100\nBeta,many\n"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "st.json"
    with WorkspaceStore.open(path) as store:
        store.save_many(prospects=[Prospect(name="Kept Prospect", traits={"employees": 50})])
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "big.csv"
    path.write_text(PROSPECTS_CSV, encoding="utf-8")
    return path


def import_with_problems(store_path: Path, source: Path, problems: str | Path) -> int:
    return main(
        [
            "--store",
            str(store_path),
            "import",
            "prospects",
            str(source),
            "--problems",
            str(problems),
        ]
    )


def export_to(store_path: Path, output: str | Path) -> int:
    return main(["--store", str(store_path), "export", "prospects", "--output", str(output)])


def stored_prospects(store_path: Path) -> list[str]:
    with WorkspaceStore.open(store_path) as store:
        return [prospect.name for prospect in store.prospects()]


def test_problems_option_rejects_store(
    store_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store_path.read_bytes()
    status = import_with_problems(store_path, source, store_path)
    err = capsys.readouterr().err

    assert status == 2
    assert store_path.read_bytes() == before
    assert f"--problems {store_path}" in err
    assert "destroy the workspace" in err


def test_problems_option_rejects_relative_store(
    store_path: Path,
    source: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(store_path.parent)
    before = store_path.read_bytes()
    status = import_with_problems(Path("st.json"), source, "./st.json")

    assert status == 2
    assert store_path.read_bytes() == before
    assert "--problems ./st.json" in capsys.readouterr().err


def test_problems_option_rejects_symlink_to_store(
    store_path: Path, source: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(store_path)
    before = store_path.read_bytes()

    assert import_with_problems(store_path, source, link) == 2
    assert store_path.read_bytes() == before
    assert stored_prospects(store_path) == ["Kept Prospect"]


def test_problems_option_rejects_hard_link(store_path: Path, source: Path, tmp_path: Path) -> None:
    link = tmp_path / "other-folder" / "copy.json"
    link.parent.mkdir()
    os.link(store_path, link)
    before = store_path.read_bytes()

    assert import_with_problems(store_path, source, link) == 2
    assert store_path.read_bytes() == before


def test_store_given_through_symlink_protected(
    store_path: Path, source: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(store_path)
    before = store_path.read_bytes()

    assert import_with_problems(link, source, store_path) == 2
    assert import_with_problems(link, source, f"{link}.lock") == 2
    assert store_path.read_bytes() == before


def test_problems_option_rejects_lock_file(
    store_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = Path(f"{store_path}.lock")

    assert import_with_problems(store_path, source, lock) == 2
    assert f"--problems {lock}" in capsys.readouterr().err
    assert not lock.exists() or "row" not in lock.read_text(encoding="utf-8")


def test_problems_option_rejects_backup_and_temporary(
    store_path: Path, source: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "st.json.schema-1-20260101-120000.bak"
    temporary = tmp_path / ".st.json.abc123"

    assert import_with_problems(store_path, source, backup) == 2
    assert not backup.exists()
    assert import_with_problems(store_path, source, temporary) == 2
    assert not temporary.exists()


def test_problems_option_rejects_input_file(
    store_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = import_with_problems(store_path, source, source)

    assert status == 2
    assert source.read_text(encoding="utf-8") == PROSPECTS_CSV
    assert "would overwrite the file being imported" in capsys.readouterr().err


def test_problems_option_accepts_other_file(store_path: Path, source: Path, tmp_path: Path) -> None:
    report = tmp_path / "st.json.problems.csv"
    status = import_with_problems(store_path, source, report)

    assert status == 2  # The file has a bad row, so nothing is imported.
    assert "many" in report.read_text(encoding="utf-8")
    assert stored_prospects(store_path) == ["Kept Prospect"]


def test_export_output_rejects_store(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(store_path)
    before = store_path.read_bytes()

    assert export_to(store_path, store_path) == 2
    assert f"--output {store_path}" in capsys.readouterr().err
    assert export_to(store_path, link) == 2
    assert export_to(store_path, f"{store_path}.lock") == 2
    assert store_path.read_bytes() == before
    assert stored_prospects(store_path) == ["Kept Prospect"]


def test_export_output_rejects_missing_store(tmp_path: Path) -> None:
    store_path = tmp_path / "new.json"

    assert export_to(store_path, store_path) == 2
    assert not store_path.exists()
