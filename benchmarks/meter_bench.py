"""Keystroke to fit meter: how long until the meter and the Red Flag panel show a new state.

Runs the app in-process with Textual's Pilot on a store of 10,000 prospects, opens one
prospect, and types into its employees field so that every keystroke flips the state of
a characteristic ("450" matches 200 to 2,000, "4500" does not). For each keystroke it
records the time from sending the key until the first frame composed after the meter and
the panel took the new score. Prints p50 and p95 in milliseconds beside the 16 ms target
(one frame at 60 Hz), and the share of that time spent saving to the store.

Usage: python benchmarks/meter_bench.py [--prospects N] [--keys N]
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events

from icp_tui.app import IcpApp
from icp_tui.domain.models import State
from icp_tui.domain.scoring import Score
from icp_tui.screens.finder import NameIndex
from icp_tui.store import WorkspaceStore
from icp_tui.widgets.fit_meter import FitMeter
from icp_tui.widgets.red_flags import RedFlagPanel
from tests.prospect_workspace import build_store

TARGET_MS = 16.0
WARMUP_KEYS = 10


def send_key(app: IcpApp, key: str) -> None:
    character = "0" if key == "0" else None
    event = events.Key(key, character)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


async def measure(store: WorkspaceStore, keys: int) -> tuple[list[float], list[float], list[float]]:
    """Return per keystroke, in ms: time to the widgets' new state, to the next frame, saving."""
    app = IcpApp(store)
    frames: list[float] = []
    shown: list[float] = []
    saves: list[float] = []

    original_display = app._display

    def display(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
        original_display(screen, renderable)

    app._display = display  # type: ignore[method-assign]

    original_save = store.save_prospect

    def timed_save(prospect: Any) -> Any:
        started = time.perf_counter()
        try:
            return original_save(prospect)
        finally:
            saves.append(time.perf_counter() - started)

    store.save_prospect = timed_save  # type: ignore[method-assign]

    latencies: list[float] = []
    shown_times: list[float] = []
    save_times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        acme = store.prospect_named("Acme Clinics")
        assert acme is not None
        app.open_record("prospect", acme.id)
        await pilot.pause()
        meter = app.screen.query_one(FitMeter)
        panel = app.screen.query_one(RedFlagPanel)
        original_show = meter.show

        def show(score: Score | None) -> None:
            original_show(score)
            shown.append(time.perf_counter())

        meter.show = show  # type: ignore[method-assign]
        field = app.screen.query_one("#trait-employees")
        field.focus()
        await pilot.press("end")
        await pilot.pause()

        for number in range(WARMUP_KEYS + keys):
            key = "0" if number % 2 == 0 else "backspace"
            expected = State.MISMATCH if key == "0" else State.MATCH
            shown.clear()
            saves.clear()
            frames.clear()
            started = time.perf_counter()
            # The key goes straight to the driver, as a terminal's would; Pilot.press also
            # waits for the process to go idle, which would be counted in the latency.
            send_key(app, key)
            deadline = started + 2.0
            # The frame that counts is the first one drawn after both the meter and the
            # panel changed.
            panel_changed: float | None = None
            while True:
                now = time.perf_counter()
                if now > deadline:
                    raise RuntimeError("no frame showed the new state within 2 s")
                if panel_changed is None and shown:
                    has_flag = panel.query_one("#flag-employees").display
                    if has_flag is (expected is State.MISMATCH):
                        panel_changed = now
                if panel_changed is not None and any(f > panel_changed for f in frames):
                    break
                await asyncio.sleep(0.0005)
            score = meter.score
            assert score is not None and score.results[0].state is expected
            frame = next(f for f in frames if f > panel_changed)
            if number >= WARMUP_KEYS:
                latencies.append(1000 * (frame - started))
                shown_times.append(1000 * (shown[-1] - started))
                save_times.append(1000 * sum(saves))
    return shown_times, latencies, save_times


def finder_search_times(count: int, query: str) -> list[float]:
    """Return the time, in ms, of each keystroke's search while `query` is typed."""
    syllables = ["ac", "me", "no", "rth", "wi", "nd", "glo", "bex", "ini", "tech", "lu", "mo"]
    names = (
        f"{syllables[n % 12].title()}{syllables[n // 12 % 12]}{syllables[n // 144 % 12]} {n}"
        for n in range(count)
    )
    index = NameIndex((str(number), name) for number, name in enumerate(names))
    times = []
    for end in range(1, len(query) + 1):
        started = time.perf_counter()
        index.search(query[:end])
        times.append(1000 * (time.perf_counter() - started))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospects", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--finder-names", type=int, default=100_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="icp-meter-bench-") as folder:
        store = build_store(Path(folder) / "store.json", prospects=args.prospects)
        shown_times, latencies, save_times = asyncio.run(measure(store, args.keys))
        store.close()

    p50 = statistics.median(latencies)
    p95 = percentile(latencies, 0.95)
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"store: {args.prospects:,} prospects; keystrokes measured: {len(latencies)}")
    print(
        f"keystroke to new state in the meter and panel widgets: "
        f"p50 {statistics.median(shown_times):.1f} ms, p95 {percentile(shown_times, 0.95):.1f} ms"
    )
    print(f"keystroke to frame: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies):.1f} ms")
    print(f"target {TARGET_MS:.0f} ms at p95: ratio p95/target {p95 / TARGET_MS:.2f}")
    print(
        f"of which saving to the store: p50 {statistics.median(save_times):.1f} ms, "
        f"p95 {percentile(save_times, 0.95):.1f} ms"
    )

    query = "acmeno 1"
    finder = finder_search_times(args.finder_names, query)
    steps = ", ".join(f"{query[: n + 1]!r} {ms:.1f}" for n, ms in enumerate(finder))
    print(f"finder over {args.finder_names:,} names, ms per keystroke: {steps}")
    print(f"finder slowest keystroke: {max(finder):.1f} ms against {TARGET_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
