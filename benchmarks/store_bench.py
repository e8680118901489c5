"""Measure the workspace store on 100,000 prospects, each figure beside a floor from this run.

    python -m benchmarks.store_bench [--prospects N] [--idle-seconds S]

Figures and targets:
- open to first data: `WorkspaceStore.open` plus what a first screen reads (workspace name,
  profile, prospect names and the first 50 prospects), at most 3 times the orjson parse of
  the file;
- save one change: `save_prospect` and `flush`, at most 1.5 times serialising the tables
  and replacing the file;
- rescore and rank all prospects after a profile change with `rank_records`, which uses
  the score summary: under 1 second. The same ranking built from full
  `ProfileScorer.score` objects is printed for comparison;
- peak memory of a process that opens the store, reads and ranks every prospect and saves
  a change, keeping either the ranking or every full Score object: at most 400 MB;
- CPU time of a process that keeps the store open, with its writer and watcher, while idle.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

from icp_tui.domain.models import Decision, Profile, Prospect, Stage
from icp_tui.domain.report import rank_records
from icp_tui.domain.scoring import ProfileScorer, rank_key
from icp_tui.store import WorkspaceStore
from icp_tui.store.storage import replace_file

REPOSITORY = Path(__file__).resolve().parents[1]

INDUSTRIES = ["Healthcare", "Biotech", "Retail", "Finance", "Manufacturing", "Logistics"]
REGIONS = ["Germany", "France", "United States", "Japan", "Brazil", "Kenya"]

FIRST_PROFILE = {
    "name": "Care mid-market",
    "characteristics": [
        {"label": "Care", "attribute": "industry", "criterion": {"one_of": ["Healthcare"]}},
        {"label": "Mid-market", "attribute": "employees", "criterion": {"min": 200, "max": 2000}},
        {"label": "Partners", "attribute": "partnership", "criterion": {"at_least": 4}},
        {"label": "Early", "attribute": "adoption", "criterion": {"at_least": 3}},
        {"label": "Funded", "attribute": "annual_revenue", "criterion": {"min": 5_000_000}},
    ],
}
CHANGED_PROFILE = {
    **FIRST_PROFILE,
    "characteristics": [
        {
            "label": "Care and biotech",
            "attribute": "industry",
            "criterion": {"one_of": ["Healthcare", "Biotech"]},
        },
        *FIRST_PROFILE["characteristics"][1:],  # type: ignore[index]
    ],
}


def build_store(path: Path, count: int) -> None:
    """Write a version-1 store of `count` prospects with mixed traits, notes and plans."""
    rng = random.Random(7)
    prospects: dict[str, object] = {}
    for number in range(1, count + 1):
        traits: dict[str, object] = {
            "industry": rng.choice(INDUSTRIES),
            "employees": rng.randint(5, 20_000),
            "annual_revenue": rng.randint(100_000, 500_000_000),
            "geography": rng.choice(REGIONS),
            "partnership": rng.randint(1, 5),
            "adoption": rng.randint(1, 5),
        }
        if rng.random() < 0.5:
            del traits["adoption"]
        prospect = Prospect(
            name=f"Prospect {number:06d} {rng.choice(INDUSTRIES)}",
            traits=traits,
            strategies={"adoption": "Start with a pilot"} if rng.random() < 0.3 else {},
            notes="Met at a trade fair; follow up in spring." if rng.random() < 0.4 else "",
            stage=rng.choice(list(Stage)),
            decision=rng.choice(list(Decision)),
        )
        prospects[str(number)] = prospect.model_dump(mode="json")
    data = {
        "meta": {"1": {"schema_version": 1, "name": "Benchmark", "currency": "USD"}},
        "profile": {"1": Profile.model_validate(FIRST_PROFILE).model_dump(mode="json")},
        "prospects": prospects,
    }
    replace_file(path, orjson.dumps(data))


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def open_to_first_data(path: Path) -> WorkspaceStore:
    store = WorkspaceStore.open(path)
    _ = store.workspace_name, store.profile(), store.prospect_count()
    names = store.prospect_names()
    for record_id, _name in names[:50]:
        store.prospect(record_id)
    return store


def measure_open(path: Path, repeat: int) -> tuple[float, float, float]:
    """Return open to first data, the orjson parse, and the parse with the collector paused.

    The store pauses the cyclic garbage collector while it loads, so the third figure is
    the stricter floor.
    """
    raw = path.read_bytes()
    floor = median_seconds(lambda: orjson.loads(raw), repeat)
    gc.disable()
    paused_floor = median_seconds(lambda: orjson.loads(raw), repeat)
    gc.enable()
    figure = median_seconds(lambda: open_to_first_data(path).close(), repeat)
    return figure, floor, paused_floor


def measure_save(path: Path, repeat: int) -> SaveFigures:
    """Measure saving one change to the store at `path`, beside its floors."""
    with WorkspaceStore.open(path) as store:
        record_id, _name = store.prospect_names()[0]
        prospect = store.prospect(record_id)
        assert prospect is not None
        save_calls: list[float] = []

        def save_one() -> None:
            changed = prospect.model_copy(update={"notes": f"call {time.perf_counter()}"})
            started = time.perf_counter()
            store.save_prospect(changed)
            save_calls.append(time.perf_counter() - started)
            store.flush()

        figure = median_seconds(save_one, repeat)
        pauses = [max_pauses_during_save(store, prospect) for _ in range(repeat)]
        idle_pauses = [max_tick_gap(IDLE_TICK_SECONDS) for _ in range(repeat)]
        busy_pauses = [max_tick_gap_beside_busy_thread() for _ in range(repeat)]
        data = store._file._data  # the same tables the writer serialises
        # One orjson call over everything is the fastest way to serialise, so it is the floor.
        floor = median_seconds(lambda: replace_file(path, orjson.dumps(data)), repeat)
    return SaveFigures(
        save=figure,
        floor=floor,
        save_call=statistics.median(save_calls),
        other_thread_pause=max(pause for pause, _caller in pauses),
        caller_pause=max(caller for _pause, caller in pauses),
        idle_pause=max(idle_pauses),
        busy_pause=max(busy_pauses),
    )


@dataclass(frozen=True)
class SaveFigures:
    """Seconds measured by `measure_save`."""

    save: float
    floor: float
    save_call: float
    other_thread_pause: float
    """Maximum gap of a thread that sleeps 1 ms in a loop and never touches the store."""
    caller_pause: float
    """Maximum gap of the saving thread while it polls `unsaved`, which takes the mutex."""
    idle_pause: float
    """Maximum gap of the same sleeping thread while nothing saves: the machine's noise."""
    busy_pause: float
    """Maximum gap of the same sleeping thread beside a thread running a pure-Python loop.

    That is the least pause any Python work in a background thread can cause on this
    machine at its current load, because threads take turns on the interpreter lock.
    """


IDLE_TICK_SECONDS = 0.3
"""How long the sleeping thread runs for the idle floor, about as long as one save."""


def max_tick_gap(seconds: float) -> float:
    """Sleep 1 ms at a time for `seconds` and return the maximum gap between wake-ups."""
    longest = 0.0
    started = last = time.perf_counter()
    while last - started < seconds:
        time.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    return longest


def max_tick_gap_beside_busy_thread() -> float:
    """Return `max_tick_gap` while another thread runs Python code without pause."""
    done = threading.Event()

    def spin() -> None:
        total = 0
        while not done.is_set():
            total += sum(range(100))

    spinner = threading.Thread(target=spin, name="bench-spinner")
    spinner.start()
    try:
        return max_tick_gap(IDLE_TICK_SECONDS)
    finally:
        done.set()
        spinner.join()


def max_pauses_during_save(store: WorkspaceStore, prospect: Prospect) -> tuple[float, float]:
    """Save a change and return the maximum gaps of two threads until it is written.

    One thread sleeps 1 ms in a loop without touching the store. The saving thread polls
    `unsaved` every millisecond, so it also waits whenever the writer holds the store's
    mutex. Both stand in for the app's thread, which must keep drawing frames.
    """
    done = threading.Event()
    ticker_gaps: list[float] = []

    def tick() -> None:
        longest = 0.0
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now
        ticker_gaps.append(longest)

    ticker = threading.Thread(target=tick, name="bench-ticker")
    ticker.start()
    time.sleep(0.01)
    store.save_prospect(prospect.model_copy(update={"notes": f"tick {time.perf_counter()}"}))
    longest = 0.0
    last = time.perf_counter()
    while store.unsaved:
        time.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    done.set()
    ticker.join()
    return ticker_gaps[0], longest


def measure_rescore(path: Path, repeat: int) -> tuple[float, list[float], list[float]]:
    """Return the first read of every prospect (validation), then the timings of each run
    of ranking all prospects after a profile change: with `rank_records`, and with full
    Score objects sorted the same way."""
    with WorkspaceStore.open(path) as store:
        started = time.perf_counter()
        prospects = store.prospects()
        first_read = time.perf_counter() - started
        store.save_profile(Profile.model_validate(CHANGED_PROFILE))

        def rank_summaries() -> object:
            return rank_records(store.profile(), prospects)

        def rank_full_scores() -> object:
            scorer = ProfileScorer(store.profile())
            scored = [
                (p.name, scorer.score(p.traits, p.overrides, p.strategies)) for p in prospects
            ]
            return sorted(scored, key=lambda item: rank_key(*item))

        fast = [seconds(rank_summaries) for _ in range(repeat)]
        full = [seconds(rank_full_scores) for _ in range(repeat)]
    return first_read, fast, full


def seconds(action: Callable[[], object]) -> float:
    """Time one run of `action`, dropping its result before the next run starts."""
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    del result
    return elapsed


PEAK_MEMORY = """
import sys
from pathlib import Path
path = Path(sys.argv[1])
if sys.argv[2] == "parse":
    import orjson
    data = orjson.loads(path.read_bytes())
else:
    from icp_tui.domain.report import rank_records
    from icp_tui.domain.scoring import ProfileScorer
    from icp_tui.store import WorkspaceStore
    with WorkspaceStore.open(path) as store:
        prospects = store.prospects()
        if sys.argv[2] == "scores":
            scorer = ProfileScorer(store.profile())
            kept = [scorer.score(p.traits, p.overrides, p.strategies) for p in prospects]
        else:
            kept = rank_records(store.profile(), prospects)
        store.save_prospect(prospects[0].model_copy(update={"notes": "changed"}))
        store.flush()
# VmHWM is this process's own peak; ru_maxrss would carry the parent's over fork and exec.
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""

IDLE_CPU = """
import os, sys, time
from pathlib import Path
from icp_tui.store import WorkspaceStore
with WorkspaceStore.open(Path(sys.argv[1])) as store:
    store.prospect_names()
    before = os.times()
    time.sleep(float(sys.argv[2]))
    after = os.times()
print(after.user - before.user + after.system - before.system)
"""


def run_child(script: str, *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=REPOSITORY,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def cpu_model() -> str:
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def spread(timings: list[float]) -> str:
    """Format the median of `timings` with the fastest and slowest run."""
    median = statistics.median(timings)
    return f"{median:.3f} s ({min(timings):.3f} to {max(timings):.3f})"


def row(figure: str, measured: str, floor: str, ratio: str, target: str) -> str:
    return f"| {figure} | {measured} | {floor} | {ratio} | {target} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospects", type=int, default=100_000, help="prospects in the store")
    parser.add_argument(
        "--idle-seconds", type=float, default=30.0, help="how long the idle process sleeps"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per timed figure (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="icp-tui-bench-") as folder:
        path = Path(folder) / "store.json"
        build_store(path, args.prospects)
        size_mb = path.stat().st_size / 1e6

        open_time, parse_time, paused_parse_time = measure_open(path, args.repeat)
        save = measure_save(path, args.repeat)
        first_read, fast_rescores, full_rescores = measure_rescore(path, args.repeat)
        peak_kb = int(run_child(PEAK_MEMORY, str(path), "ranking"))
        scores_peak_kb = int(run_child(PEAK_MEMORY, str(path), "scores"))
        parse_peak_kb = int(run_child(PEAK_MEMORY, str(path), "parse"))
        idle_cpu = float(run_child(IDLE_CPU, str(path), str(args.idle_seconds)))

    print(f"# store benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}")
    # Other processes on the machine slow every figure; the load average shows how busy it was.
    print("load average at the end: " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    print(f"store: {args.prospects:,} prospects, {size_mb:.1f} MB; timings are medians of")
    print(f"{args.repeat} runs\n")
    print(row("figure", "measured", "floor", "ratio", "target"))
    print(row("---", "---", "---", "---", "---"))
    print(
        row(
            "open to first data",
            f"{open_time:.3f} s",
            f"{parse_time:.3f} s (orjson parse)",
            f"{open_time / parse_time:.2f}x",
            "<= 3x",
        )
    )
    print(
        row(
            "open to first data, against the stricter floor",
            f"{open_time:.3f} s",
            f"{paused_parse_time:.3f} s (orjson parse, collector paused)",
            f"{open_time / paused_parse_time:.2f}x",
            "",
        )
    )
    print(
        row(
            "save one change and flush",
            f"{save.save:.3f} s",
            f"{save.floor:.3f} s (serialise and replace)",
            f"{save.save / save.floor:.2f}x",
            "<= 1.5x",
        )
    )
    print(
        row("save_prospect call (caller's thread)", f"{save.save_call * 1000:.2f} ms", "", "", "")
    )
    print(
        row(
            "max pause of a thread that does not touch the store, while the writer saves",
            f"{save.other_thread_pause * 1000:.1f} ms",
            f"{save.idle_pause * 1000:.1f} ms (no save), "
            f"{save.busy_pause * 1000:.1f} ms (beside a Python loop)",
            "",
            "< 16 ms (one frame)",
        )
    )
    print(
        row(
            "max pause of the caller's thread, polling the store, while the writer saves",
            f"{save.caller_pause * 1000:.1f} ms",
            "",
            "",
            "< 16 ms (one frame)",
        )
    )
    print(row("first read of all prospects (validation)", f"{first_read:.3f} s", "", "", ""))
    print(
        row(
            "rescore and rank all after a profile change (rank_records)",
            spread(fast_rescores),
            "",
            "",
            "< 1 s",
        )
    )
    print(
        row(
            "the same with full Score objects (ProfileScorer.score, sorted)",
            spread(full_rescores),
            "",
            "",
            "",
        )
    )
    print(
        row(
            "peak memory: all prospects read, ranking kept, one save",
            f"{peak_kb / 1024:.0f} MB",
            f"{parse_peak_kb / 1024:.0f} MB (orjson parse only)",
            f"{peak_kb / parse_peak_kb:.2f}x",
            "<= 400 MB",
        )
    )
    print(
        row(
            "peak memory: the same with every Score object kept",
            f"{scores_peak_kb / 1024:.0f} MB",
            f"{parse_peak_kb / 1024:.0f} MB (orjson parse only)",
            f"{scores_peak_kb / parse_peak_kb:.2f}x",
            "<= 400 MB",
        )
    )
    print(
        row(
            f"CPU while idle for {args.idle_seconds:g} s",
            f"{idle_cpu:.3f} s",
            "",
            "",
            "about 0",
        )
    )


if __name__ == "__main__":
    main()
