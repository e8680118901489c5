"""The domain and the store never import Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import icp_tui.domain
import icp_tui.store


def layer_modules() -> list[str]:
    names = []
    for package in (icp_tui.domain, icp_tui.store):
        names.append(package.__name__)
        names += [
            info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        ]
    return names


def test_layers_found() -> None:
    assert "icp_tui.domain.scoring" in layer_modules()
    assert "icp_tui.store.repository" in layer_modules()


def test_domain_and_store_do_not_import_textual() -> None:
    # A fresh interpreter, so that modules the test run already loaded do not count.
    program = (
        "import importlib, sys\n"
        f"for name in {layer_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_command_line_without_app_does_not_import_textual() -> None:
    program = "import sys\nimport icp_tui.cli\nprint('textual' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
