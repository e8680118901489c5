"""The home screen: the workspace at a glance."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from icp_tui.domain.attributes import AttributeKind
from icp_tui.domain.import_report import counted
from icp_tui.domain.models import PROFILE_SIZE, AccountTier, Checklist, Profile
from icp_tui.domain.report import RankedRecord
from icp_tui.domain.scoring import ProfileScorer
from icp_tui.screens.base import IcpScreen
from icp_tui.screens.step5 import BACKGROUND_FROM
from icp_tui.screens.step_base import STEP_SHORT_TITLES
from icp_tui.screens.steps import STEP_SCREENS
from icp_tui.store import WorkspaceStore
from icp_tui.widgets.literal import literal
from icp_tui.widgets.marks import fit_tier_text, state_text

BEST_FIT_ROWS = 8
FLAG_ROWS = 8
"""Red flags listed on the home screen; the count above the list covers them all."""
CHART_WIDTH = 12


def step_facts(
    store: WorkspaceStore, profile: Profile, scored: list[RankedRecord]
) -> dict[int, str]:
    """Return, per step, a few words on what the workspace data shows about it."""
    accounts = store.accounts()
    tiers = Counter(a.tier for a in accounts)
    best = [a for a in accounts if a.tier in (AccountTier.BEST, AccountTier.NEAR_MISS)]
    catalogue = store.catalogue()
    demographic = [a.key for a in catalogue.of_kind(AttributeKind.DEMOGRAPHIC)]
    psychographic = [a.key for a in catalogue.of_kind(AttributeKind.PSYCHOGRAPHIC)]
    demographic_filled = sum(1 for a in best for key in demographic if key in a.traits)
    rated = sum(1 for a in best for key in psychographic if key in a.traits)
    in_profile = Counter(c.dimension for c in profile.characteristics)
    good = sum(1 for s in scored if s.summary.tier in ("strong", "good"))
    return {
        1: f"{tiers[AccountTier.BEST]} best, {tiers[AccountTier.NEAR_MISS]} near miss, "
        f"{tiers[AccountTier.POOR]} poor",
        2: f"{demographic_filled}/{len(best) * len(demographic)} best facts known, "
        f"{in_profile[AttributeKind.DEMOGRAPHIC]} in profile",
        3: f"{rated}/{len(best) * len(psychographic)} best ratings given, "
        f"{in_profile[AttributeKind.PSYCHOGRAPHIC]} in profile",
        4: f"{len(profile.characteristics)} of {PROFILE_SIZE} characteristics written",
        5: f"{len(scored):,} scored, {good:,} strong or good",
    }


def progress_text(facts: dict[int, str], checklist: Checklist) -> Text:
    text = Text()
    for number, title in STEP_SHORT_TITLES.items():
        items = STEP_SCREENS[number].CHECKLIST
        done = sum(1 for item in items if checklist.is_ticked(number, item.item_id))
        mark = "[x]" if items and done == len(items) else "[ ]"
        if number > 1:
            text.append("\n")
        text.append(f"{mark} {number} {title}", "bold" if mark == "[x]" else "")
        text.append(f"  {done}/{len(items)} ticks", "dim")
        text.append(f"\n      {facts[number]}")
    return text


def profile_card(profile: Profile) -> Text:
    card = Text()
    card.append_text(literal(profile.name, "bold"))
    if not profile.characteristics:
        card.append("\nNo characteristics yet: write them in step 4.")
    for number, characteristic in enumerate(profile.characteristics, start=1):
        kind = "D" if characteristic.dimension is AttributeKind.DEMOGRAPHIC else "P"
        card.append(f"\n{number}. [{kind}] ")
        card.append_text(literal(characteristic.label))
    missing = PROFILE_SIZE - len(profile.characteristics)
    if 0 < missing < PROFILE_SIZE:
        card.append(f"\n{missing} more to write in step 4.", "italic")
    card.append("\n[D] demographic  [P] psychographic", "dim")
    return card


def tier_chart(scored: list[RankedRecord]) -> Text:
    spread = Counter(item.summary.tier for item in scored)
    widest = max(spread.values(), default=0)
    chart = Text()
    for tier in ("strong", "good", "partial", "weak"):
        count = spread[tier]
        bar = "█" * (round(CHART_WIDTH * count / widest) if widest else 0)
        if tier != "strong":
            chart.append("\n")
        chart.append(f"{tier:<8}{count:>5,} {bar}")
    return chart


def unplanned_flags_text(profile: Profile, scored: list[RankedRecord]) -> Text:
    total = sum(item.summary.unplanned_flags for item in scored)
    text = Text(f"{counted(total, 'red flag')} without a plan yet", "bold")
    if not total:
        text.append("\nEvery red flag has a plan.")
    listed = 0
    scorer = ProfileScorer(profile)
    for item in scored:
        if listed >= FLAG_ROWS:
            break
        if not item.summary.unplanned_flags:
            continue
        # Only the few listed prospects are scored in full, for their flags' details.
        record = item.record
        for flag in scorer.score(record.traits, record.overrides, record.strategies).red_flags:
            if flag.planned or listed >= FLAG_ROWS:
                continue
            listed += 1
            text.append("\n")
            text.append_text(state_text(flag.reason))
            text.append(" ")
            text.append_text(literal(item.record.name))
            text.append(": ")
            text.append_text(literal(flag.label))
            if flag.friction:
                text.append(" (friction)", "italic")
    if total > listed:
        text.append(f"\n... and {total - listed:,} more; open the prospects in step 5.", "dim")
    return text


class HomeScreen(IcpScreen):
    """Progress, the profile as a card, the best-fit prospects and the red flags with no plan."""

    SCREEN_NAME = "Home"
    HELP = """\
The home screen shows how far the workspace has come.

- **Progress**: each step with its checklist ticks and what the data says about it.
- **Profile**: the five characteristics prospects are scored against (written in
  step 4); [D] marks a demographic one, [P] a psychographic one.
- **Prospects by tier**: how prospects spread from strong to weak fit.
- **Best-fit prospects**: the highest fit first; `Enter` opens one.
- **Red flags with no plan**: mismatches and unknowns that still need a strategy,
  best-fit prospects first.

Scores follow from the profile and the traits; they are never typed in. Press `1` to `5`
to work through the steps.
"""

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="home-body"):
            with Horizontal(id="home-top"):
                yield Static(id="home-progress", classes="panel")
                yield Static(id="home-tiers", classes="panel")
            with Horizontal(id="home-middle"):
                yield Static(id="home-profile", classes="panel")
                table: DataTable[Text] = DataTable(id="home-best", cursor_type="row")
                table.border_title = "Best-fit prospects"
                yield table
            yield Static(id="home-flags", classes="panel")

    def on_mount(self) -> None:
        table = self.query_one("#home-best", DataTable)
        table.add_column("Prospect", key="name")
        table.add_column("Fit", key="fit")
        table.add_column("Tier", key="tier")
        table.add_column("No plan", key="flags")
        for panel_id, title in (
            ("#home-progress", "Progress"),
            ("#home-tiers", "Prospects by tier"),
            ("#home-profile", "Profile"),
            ("#home-flags", "Red flags with no plan"),
        ):
            self.query_one(panel_id).border_title = title

    def refresh_data(self) -> None:
        profile = self.store.profile()
        self.query_one("#home-profile", Static).update(profile_card(profile))
        if not profile.characteristics:
            self.show_scores(profile, [])
            return
        if self.store.prospect_count() < BACKGROUND_FROM:
            self.show_scores(profile, self.icp_app.scores.ranked(profile, self.store.prospects()))
            return
        self.query_one("#home-flags", Static).update(
            f"Scoring {self.store.prospect_count():,} prospects..."
        )
        self.score_in_background(profile)

    # A description stops Textual from building one out of the arguments' repr.
    @work(
        thread=True,
        exclusive=True,
        group="home-scores",
        name="score prospects for home",
        description="scoring prospects for the home screen",
    )
    def score_in_background(self, profile: Profile) -> None:
        # Reading 100,000 prospects validates them on first use, which takes seconds, so
        # the read happens here too; the store serialises access with its own lock.
        scored = self.icp_app.scores.ranked(profile, self.store.prospects())
        self.app.call_from_thread(self.show_scores, profile, scored)

    def show_scores(self, profile: Profile, scored: list[RankedRecord]) -> None:
        """Fill every panel from the store and the ranked prospect scores."""
        store = self.store
        facts = step_facts(store, profile, scored)
        self.query_one("#home-progress", Static).update(progress_text(facts, store.checklist()))
        self.query_one("#home-tiers", Static).update(tier_chart(scored))
        self.query_one("#home-flags", Static).update(unplanned_flags_text(profile, scored))

        table = self.query_one("#home-best", DataTable)
        table.clear()
        for item in scored[:BEST_FIT_ROWS]:
            table.add_row(
                literal(item.record.name),
                Text(f"{item.summary.fit:.0f}%", justify="right"),
                fit_tier_text(item.summary.tier, item.summary.incomplete),
                Text(str(item.summary.unplanned_flags), justify="right"),
                key=item.record.id,
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.icp_app.open_record("prospect", str(event.row_key.value))
