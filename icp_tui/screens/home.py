"""The home screen: the workspace at a glance."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from icp_tui.domain.models import AccountTier
from icp_tui.domain.report import score_records
from icp_tui.screens.base import IcpScreen
from icp_tui.widgets.literal import literal

TIER_MARKS = {"strong": "●●●●", "good": "●●●○", "partial": "●●○○", "weak": "●○○○"}
"""Tier shown as marks beside the word, so it reads without colour."""

BEST_FIT_ROWS = 8


class HomeScreen(IcpScreen):
    """Progress, the profile as a card, the best-fit prospects and their spread over tiers."""

    SCREEN_NAME = "Home"
    HELP = """\
The home screen shows where the workspace stands.

- **Profile**: the five characteristics prospects are scored against (written in step 4).
- **Best-fit prospects**: the highest scores first; scores follow from the profile and
  the traits, never typed in.
- **Tiers**: how prospects spread from strong to weak fit.

Press `1` to `5` to work through the steps.
"""

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="home-body"):
            yield Static(id="home-workspace", markup=False)
            with Horizontal(id="home-panels"):
                yield Static(id="home-profile", classes="panel")
                yield Static(id="home-tiers", classes="panel")
            table: DataTable[Text] = DataTable(id="home-best", cursor_type="row")
            table.border_title = "Best-fit prospects"
            yield table

    def on_mount(self) -> None:
        table = self.query_one("#home-best", DataTable)
        table.add_columns("Prospect", "Fit", "Tier", "Flags")

    def refresh_data(self) -> None:
        store = self.store
        accounts = store.accounts()
        tiers = Counter(a.tier for a in accounts)
        self.query_one("#home-workspace", Static).update(
            Text.assemble(
                ("Workspace: ", "bold"),
                literal(store.workspace_name),
                f"   {len(accounts)} past accounts ({tiers[AccountTier.BEST]} best, "
                f"{tiers[AccountTier.NEAR_MISS]} near miss, {tiers[AccountTier.POOR]} poor)   "
                f"{len(store.prospects())} prospects",
            )
        )
        profile = store.profile()
        card = Text()
        card.append(literal(profile.name, "bold"))
        card.append("\n")
        if not profile.characteristics:
            card.append("No characteristics yet: write them in step 4.")
        for number, characteristic in enumerate(profile.characteristics, start=1):
            card.append(f"\n{number}. ")
            card.append(literal(characteristic.label))
            card.append(f"  [{characteristic.dimension.value}]", style="dim")
        self.query_one("#home-profile", Static).update(card)

        scored = score_records(profile, store.prospects()) if profile.characteristics else []
        spread = Counter(item.score.tier for item in scored)
        chart = Text("Prospects by tier\n", style="bold")
        widest = max(spread.values(), default=0)
        for tier in ("strong", "good", "partial", "weak"):
            count = spread[tier]
            bar = "█" * (round(20 * count / widest) if widest else 0)
            chart.append(f"\n{tier:<8} {count:>4} {bar}")
        self.query_one("#home-tiers", Static).update(chart)

        table = self.query_one("#home-best", DataTable)
        table.clear()
        for item in scored[:BEST_FIT_ROWS]:
            table.add_row(
                literal(item.record.name),
                Text(f"{item.score.fit:5.1f}%"),
                Text(f"{TIER_MARKS[item.score.tier]} {item.score.tier}"),
                Text(str(item.score.unplanned_flags)),
            )
