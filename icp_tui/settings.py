"""User settings kept between sessions (the theme), in a small JSON file.

The file lives at `paths.config_path()` unless $ICP_TUI_CONFIG names another one, so tests
and shared accounts can keep their own. A missing or unreadable file means the defaults; a
setting that cannot be saved is logged and the app carries on.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from icp_tui.paths import config_path

log = logging.getLogger(__name__)

CONFIG_ENV = "ICP_TUI_CONFIG"
DEFAULT_THEME = "textual-dark"
TERMINAL_THEME = "ansi-dark"
"""The theme that draws with the terminal's own 16 colours (Textual 8.2 names it so)."""
THEME_ALIASES = {"textual-ansi": TERMINAL_THEME}
"""Older Textual releases called the terminal-colour theme "textual-ansi"."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's settings; unknown keys in the file are ignored."""

    theme: str = DEFAULT_THEME


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    """Return the settings file: $ICP_TUI_CONFIG when set, else the user config directory."""
    environ = os.environ if environ is None else environ
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV]).expanduser()
    return config_path()


def load_settings(path: Path) -> Settings:
    """Read the settings at `path`; return the defaults when the file is missing or invalid."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        log.warning("settings file %s is unreadable (%s); using the defaults", path, error)
        return Settings()
    if not isinstance(data, dict):
        log.warning("settings file %s does not hold a JSON object; using the defaults", path)
        return Settings()
    theme = data.get("theme")
    if not isinstance(theme, str) or not theme:
        return Settings()
    return Settings(theme=THEME_ALIASES.get(theme, theme))


def save_settings(path: Path, settings: Settings) -> bool:
    """Write `settings` to `path` through a temporary file; return False if that failed."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        log.warning("settings could not be saved to %s: %s", path, error)
        return False
    return True
