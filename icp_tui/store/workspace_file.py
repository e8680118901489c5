"""Workspace files: a whole workspace in one readable JSON document.

The bundled demo workspace is such a file; `--demo` loads it into a fresh temporary store,
so the bundled file itself is never written.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from icp_tui.domain.attributes import Attribute, Catalogue
from icp_tui.domain.errors import InvalidInput, describe_validation_error
from icp_tui.domain.models import PastAccount, Profile, Prospect, catalogue_context
from icp_tui.store.repository import WorkspaceStore

WORKSPACE_FORMAT = "icp-workspace"


def load_workspace_file(source: Path, store: WorkspaceStore) -> None:
    """Fill an empty `store` from the workspace file `source`; nothing is saved on error."""
    try:
        data = orjson.loads(source.read_bytes())
    except (OSError, orjson.JSONDecodeError) as error:
        raise InvalidInput(f"{source}: cannot be read as JSON: {error}") from error
    if not isinstance(data, dict) or data.get("format") != WORKSPACE_FORMAT:
        raise InvalidInput(f"{source}: format is not {WORKSPACE_FORMAT!r}")
    try:
        attributes = [Attribute.model_validate(a) for a in data.get("attributes", [])]
        catalogue = Catalogue(attributes)
        context = catalogue_context(catalogue)
        accounts = [
            PastAccount.model_validate(a, context=context) for a in data.get("accounts", [])
        ]
        prospects = [Prospect.model_validate(p, context=context) for p in data.get("prospects", [])]
        profile = (
            Profile.from_json(data["profile"], catalogue) if data.get("profile") else Profile()
        )
    except ValidationError as error:
        raise InvalidInput(f"{source}: {describe_validation_error(error)}") from error
    except ValueError as error:
        raise InvalidInput(f"{source}: {error}") from error
    ticks: dict[str, Any] = data.get("checklist", {})

    if data.get("name"):
        store.set_workspace_name(str(data["name"]))
    if data.get("currency"):
        store.set_currency(str(data["currency"]))
    for attribute in attributes:
        store.add_attribute(attribute)
    store.save_profile(profile)
    store.save_many(accounts=accounts, prospects=prospects)
    for step, items in ticks.items():
        for item in items:
            store.set_tick(int(step), str(item), True)


def open_demo_store(source: Path) -> WorkspaceStore:
    """Open a fresh temporary store filled from the bundled demo workspace file."""
    folder = Path(tempfile.mkdtemp(prefix="icp-tui-demo-"))
    # The copy is thrown away when the process ends, so demo runs leave nothing behind.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    try:
        store = WorkspaceStore.open(folder / "demo-store.json")
        load_workspace_file(source, store)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return store
