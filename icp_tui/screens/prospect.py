"""One prospect or past account: its traits, live fit meter, red flags and decision.

Every valid change goes to the store as it is typed. The meter and the Red Flag panel are
recomputed from the record's current traits after each change, never adjusted step by step,
and edits that arrive together are drawn once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from icp_tui.domain.attributes import Attribute, AttributeType, TraitValue
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import Override, PastAccount, Prospect
from icp_tui.domain.scoring import CharacteristicResult, ProfileScorer, Score
from icp_tui.domain.similarity import BestCustomerIndex
from icp_tui.screens.base import FIELD_TAB_BINDINGS, IcpScreen
from icp_tui.screens.record_override import OverrideScreen
from icp_tui.store.errors import StoreError
from icp_tui.widgets.decision_form import DecisionForm
from icp_tui.widgets.fit_meter import FitMeter
from icp_tui.widgets.literal import literal
from icp_tui.widgets.red_flags import RedFlagPanel, StrategyArea
from icp_tui.widgets.trait_field import TraitField

log = logging.getLogger(__name__)

RecordKind = Literal["prospect", "account"]
Record = Prospect | PastAccount

ACCOUNT_TIER_LABELS = {
    "best": "best account",
    "near_miss": "near miss",
    "poor": "poor fit",
    "other": "past account",
}


class RecordScreen(IcpScreen):
    """A prospect or a past account scored against the profile, edited in place."""

    SCREEN_NAME = "Prospect"
    HELP = """\
Type what you learn about the account; the fit meter and the red flags follow every
keystroke, and every valid value is saved at once.

- **Numbers** accept `1,200`, `5M`, `10k` or `12.5 million`; the line under the field
  shows how the value was read. Invalid text gets a message and the saved value stays.
- **Categories** complete from values already in the workspace: press the right arrow
  to accept the suggestion.
- **Scales** take `1` to `5`, or the left and right arrows.
- Clearing a field makes the trait unknown.
- **Red flags**: every mismatch and unknown. Write a strategy (alternate position) under
  each; a strategy is kept if the flag goes away and comes back with it.
- **ctrl+o** sets the state of the focused characteristic by hand, with a reason;
  **ctrl+r** clears it. The computed state stays visible beside it.
- A low fit never hides or removes a prospect: decide to pursue, invest long-term or
  deprioritize, and say why.
- **ctrl+f** finds another prospect by name; Enter opens it at its first unknown trait.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+o", "override", "Override", tooltip="Set this characteristic by hand"),
        Binding("ctrl+r", "clear_override", "Clear override"),
        Binding("f1", "app.help", "Help"),
        *FIELD_TAB_BINDINGS,
    ]

    def __init__(self, kind: RecordKind, record_id: str) -> None:
        super().__init__()
        self.kind = kind
        self.record_id = record_id
        self._record: Record | None = None
        self._scorer: ProfileScorer | None = None
        self._best: BestCustomerIndex | None = None
        self._rescore_pending = False
        self._save_failed = False
        self._field_order: list[str] = []
        self._shown_title = Text()
        self.score: Score | None = None

    # Building the screen

    def compose_body(self) -> ComposeResult:
        record = self._load()
        self._record = record
        yield Static(id="record-title")
        with Horizontal(id="record-body"):
            with VerticalScroll(id="record-fields"):
                if record is None:
                    yield Static(f"This {self.kind} no longer exists.", markup=False)
                else:
                    yield from self._compose_fields(record)
            with Vertical(id="record-side"):
                yield FitMeter(id="fit-meter")
                yield RedFlagPanel(id="red-flags")

    def _compose_fields(self, record: Record) -> Iterable[Widget]:
        catalogue = self.store.catalogue()
        profile = self.store.profile()
        used = [c.attribute for c in profile.characteristics]
        self._field_order = used
        suggestions = self._category_values()
        if used:
            yield Static("Profile characteristics", classes="fields-heading")
        for key in used:
            attribute = catalogue.require(key)
            yield self._field(attribute, record, suggestions, in_profile=True)
        yield Static("Other attributes", classes="fields-heading")
        for attribute in catalogue:
            if attribute.key not in used:
                yield self._field(attribute, record, suggestions, in_profile=False)
        if isinstance(record, Prospect):
            yield DecisionForm(record)

    def _field(
        self,
        attribute: Attribute,
        record: Record,
        suggestions: dict[str, list[str]],
        *,
        in_profile: bool,
    ) -> TraitField:
        return TraitField(
            attribute,
            record.traits.get(attribute.key),
            suggestions=suggestions.get(attribute.key, ()),
            in_profile=in_profile,
            on_edit=self._trait_edited,
        )

    def _category_values(self) -> dict[str, list[str]]:
        """Return, per category attribute, the values already used in the workspace."""
        keys = [a.key for a in self.store.catalogue() if a.type is AttributeType.CATEGORY]
        found: dict[str, dict[str, str]] = {key: {} for key in keys}
        records: list[Record] = [*self.store.accounts(), *self.store.prospects()]
        # NOTE: this reads every record once each time the screen opens. With 100,000
        # prospects that is an estimated tens of milliseconds, paid once, not per keystroke.
        for record in records:
            for key in keys:
                value = record.traits.get(key)
                if isinstance(value, str):
                    found[key].setdefault(value.casefold(), value)
        return {key: sorted(values.values(), key=str.casefold) for key, values in found.items()}

    def on_mount(self) -> None:
        self._rescore()
        self._focus_first_unknown()

    def _focus_first_unknown(self) -> None:
        """Focus the field of the first unknown characteristic, else the first field.

        With every characteristic known, the first field still takes focus: on a call the
        salesperson opens a prospect to type, and a key with no field to go to would run a
        binding instead (3 opens step 3).
        """
        targets = [
            result.characteristic.attribute
            for result in (self.score.results if self.score else ())
            if result.value is None
        ]
        fields = list(self.query(TraitField))
        for field in fields:
            if not targets or field.attribute.key == targets[0]:
                field.input.focus()
                return

    def refresh_data(self) -> None:
        self.title = "Prospect" if self.kind == "prospect" else "Past account"
        self.sub_title = self.store.workspace_name
        self._scorer = None
        self._best = None
        if [c.attribute for c in self.scorer.profile.characteristics] != self._field_order:
            # The profile changed while this screen was covered: its characteristics'
            # fields come first, so the fields are built again.
            self.call_later(self._rebuild)
            return
        self._rescore()

    async def _rebuild(self) -> None:
        await self.recompose()
        self._rescore()
        self._focus_first_unknown()

    # Loading and saving

    def _load(self) -> Record | None:
        if self.kind == "prospect":
            return self.store.prospect(self.record_id)
        return self.store.account(self.record_id)

    def _save(self, record: Record) -> None:
        """Save `record`; on failure the edit stays on screen and one notification shows why."""
        try:
            if isinstance(record, Prospect):
                saved: Record = self.store.save_prospect(record)
            else:
                saved = self.store.save_account(record)
        except (InvalidInput, StoreError) as error:
            log.warning("saving %s %s failed: %s", self.kind, record.id, error)
            if not self._save_failed:
                self._save_failed = True
                self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return
        self._save_failed = False
        self._record = saved

    # Scoring

    @property
    def scorer(self) -> ProfileScorer:
        if self._scorer is None:
            self._scorer = ProfileScorer(self.store.profile())
        return self._scorer

    def _schedule_rescore(self) -> None:
        # Several edits handled in one pass of the message loop are scored and drawn once.
        if not self._rescore_pending:
            self._rescore_pending = True
            self.call_next(self._rescore)

    def _rescore(self) -> None:
        self._rescore_pending = False
        record = self._record
        if record is None:
            return
        scorer = self.scorer
        score = scorer.score(record.traits, record.overrides, record.strategies)
        self.score = score
        profile_empty = not scorer.profile.characteristics
        self.query_one(FitMeter).show(None if profile_empty else score)
        self.query_one(RedFlagPanel).show(None if profile_empty else score, record.strategies)
        title = self._title(record)
        if title != self._shown_title:
            # The title may wrap to a second line, so it takes a layout pass, but only when
            # the closest best customer changes, not on every keystroke.
            self._shown_title = title
            self.query_one("#record-title", Static).update(title)

    def _title(self, record: Record) -> Text:
        # The header already names the kind of record. A past account's tier is worth the
        # room because it shows whether the account is evidence for the profile.
        text = literal(record.name, "bold")
        if isinstance(record, PastAccount):
            text.append(f" · {ACCOUNT_TIER_LABELS[record.tier.value]}")
        if self._best is None:
            self._best = BestCustomerIndex(self.scorer, self.store.accounts())
        closest = self._best.closest(record.traits, record.overrides, exclude_id=record.id)
        if closest is not None:
            text.append(" · ")
            text.append_text(literal(closest.describe()))
        elif self.scorer.profile.characteristics:
            text.append(" · like no best account yet", style="dim")
        return text

    # Edits

    def _trait_edited(self, event: TraitField.Edited) -> None:
        record = self._record
        if record is None:
            return
        traits: dict[str, TraitValue] = dict(record.traits)
        if event.value is None:
            traits.pop(event.attribute, None)
        else:
            traits[event.attribute] = event.value
        self._record = record.model_copy(update={"traits": traits})
        # Scored at once, not scheduled: the meter must change in the frame that shows the
        # typed character. One score takes a few milliseconds.
        self._rescore()
        self._save(self._record)

    @on(RedFlagPanel.StrategyEdited)
    def _strategy_edited(self, event: RedFlagPanel.StrategyEdited) -> None:
        record = self._record
        if record is None:
            return
        strategies = dict(record.strategies)
        if event.text.strip():
            strategies[event.attribute] = event.text
        else:
            strategies.pop(event.attribute, None)
        self._record = record.model_copy(update={"strategies": strategies})
        self._schedule_rescore()
        self._save(self._record)

    @on(DecisionForm.Edited)
    def _decision_edited(self, event: DecisionForm.Edited) -> None:
        record = self._record
        if not isinstance(record, Prospect):
            return
        self._record = record.model_copy(
            update={
                "decision": event.decision,
                "decision_reason": event.reason,
                "stage": event.stage,
            }
        )
        self._save(self._record)

    # Overrides

    def _focused_result(self) -> CharacteristicResult | None:
        """Return the result of the characteristic whose field or strategy has focus."""
        node = self.focused
        attribute: str | None = None
        while node is not None and attribute is None:
            if isinstance(node, TraitField):
                attribute = node.attribute.key
            elif isinstance(node, StrategyArea):
                attribute = node.attribute
            node = node.parent if isinstance(node.parent, Widget) else None
        if attribute is None or self.score is None:
            return None
        for result in self.score.results:
            if result.characteristic.attribute == attribute:
                return result
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "override":
            return self._focused_result() is not None or None
        if action == "clear_override":
            result = self._focused_result()
            return (result is not None and result.overridden) or None
        return True

    def on_descendant_focus(self) -> None:
        # The override keys depend on which field has focus.
        self.refresh_bindings()

    def action_override(self) -> None:
        result = self._focused_result()
        if result is None:
            self.notify("Move to a profile characteristic's field to set its state by hand.")
            return
        attribute = result.characteristic.attribute

        def set_override(override: Override | None) -> None:
            if override is not None:
                self._set_override(attribute, override)

        self.app.push_screen(OverrideScreen(result), set_override)

    def action_clear_override(self) -> None:
        result = self._focused_result()
        if result is not None and result.overridden:
            self._set_override(result.characteristic.attribute, None)

    def _set_override(self, attribute: str, override: Override | None) -> None:
        record = self._record
        if record is None:
            return
        overrides = dict(record.overrides)
        if override is None:
            overrides.pop(attribute, None)
        else:
            overrides[attribute] = override
        self._record = record.model_copy(update={"overrides": overrides})
        self._save(self._record)
        self._rescore()
        self.refresh_bindings()
