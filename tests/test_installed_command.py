"""The installed `icp-tui` command, as a user runs it after `pip install .`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def test_installed_score_demo_json(icp_tui_command: str) -> None:
    result = subprocess.run(
        [icp_tui_command, "score", "--demo", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) >= 25
    assert items[0]["fit"] >= items[-1]["fit"]


def test_installed_package_carries_resources(icp_tui_command: str, tmp_path: Path) -> None:
    # Run from an empty folder so that only the installed package can supply the files.
    program = (
        "from icp_tui.paths import resource_dir\n"
        "print(resource_dir('styles'))\n"
        "print(resource_dir('sample_data'))\n"
    )
    python = Path(icp_tui_command).parent / "python"
    result = subprocess.run(
        [str(python), "-c", program], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    styles, sample_data = (Path(line) for line in result.stdout.splitlines())
    assert (styles / "app.tcss").is_file()
    assert (sample_data / "demo-workspace.json").is_file()
