"""Paths of the store and the bundled resources, resolved from arguments and environment.

Nothing here runs at import time, so callers resolve a path when they need it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "icp-tui"
STORE_ENV = "ICP_TUI_STORE"
STORE_FILE_NAME = "workspace.json"
DEMO_FILE_NAME = "demo-workspace.json"


def default_store_path() -> Path:
    """Return the store in the user data directory, such as ~/.local/share/icp-tui."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / STORE_FILE_NAME


def resolve_store_path(
    argument: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> Path:
    """Return the store to open: `--store`, then $ICP_TUI_STORE, then the default."""
    environ = os.environ if environ is None else environ
    if argument:
        return Path(argument).expanduser()
    if environ.get(STORE_ENV):
        return Path(environ[STORE_ENV]).expanduser()
    return default_store_path()


def resource_dir(name: str) -> Path:
    """Return a bundled folder (`styles` or `sample_data`).

    An installed wheel carries them inside the package; a source checkout has them at the
    top of the repository.
    """
    package = Path(__file__).resolve().parent
    inside = package / name
    if inside.is_dir():
        return inside
    return package.parent / name


def demo_workspace_file() -> Path:
    return resource_dir("sample_data") / DEMO_FILE_NAME


def config_path() -> Path:
    """Return the user's settings file (theme and the like), kept between sessions."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"
