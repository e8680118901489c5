"""Killing a process that is saving changes never loses a change it reported as saved."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from icp_tui.store import WorkspaceStore

REPOSITORY = Path(__file__).resolve().parents[1]
KILLS = 120

# Each change writes a sequence number into the prospect's notes. After a flush the child
# prints every change made since the previous flush, so a printed line means "on disk".
CHANGER = """
import random
import sys
from pathlib import Path
from icp_tui.domain.models import Prospect
from icp_tui.store import WorkspaceStore

path, run = Path(sys.argv[1]), int(sys.argv[2])
rng = random.Random(run)
store = WorkspaceStore.open(path)
known = [prospect.id for prospect in store.prospects()]
unreported = []
print("ready", flush=True)
for step in range(1_000_000):
    sequence = run * 1_000_000 + step
    if known and rng.random() < 0.6:
        prospect = store.prospect(rng.choice(known))
        changed = prospect.model_copy(
            update={"notes": str(sequence), "traits": {"employees": step}}
        )
    else:
        changed = Prospect(name=f"Run {run} step {step}", notes=str(sequence))
        known.append(changed.id)
    store.save_prospect(changed)
    unreported.append(f"{changed.id} {sequence}")
    if rng.random() < 0.5:
        store.flush()
        print("\\n".join(unreported), flush=True)
        unreported.clear()
"""


@pytest.mark.slow
def test_sigkill_keeps_saved_changes(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    WorkspaceStore.open(path).close()
    rng = random.Random(20261204)
    confirmed: dict[str, int] = {}
    for run in range(1, KILLS + 1):
        child = subprocess.Popen(
            [sys.executable, "-c", CHANGER, str(path), str(run)],
            cwd=REPOSITORY,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n", f"run {run}: the child did not start"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate(timeout=30)
        for line in output.splitlines():
            record_id, sequence = line.split()
            confirmed[record_id] = max(confirmed.get(record_id, 0), int(sequence))

        with WorkspaceStore.open(path) as store:
            stored = {prospect.id: int(prospect.notes) for prospect in store.prospects()}
        lost = {
            record_id: sequence
            for record_id, sequence in confirmed.items()
            if stored.get(record_id, -1) < sequence
        }
        assert lost == {}, f"run {run}: changes reported saved are missing"
    assert len(confirmed) > KILLS
