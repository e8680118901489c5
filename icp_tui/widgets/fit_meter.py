"""The live fit meter: overall fit as a bar, its two parts, known coverage and each state."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from icp_tui.domain.attributes import TraitValue
from icp_tui.domain.models import State, format_number
from icp_tui.domain.scoring import CharacteristicResult, Score
from icp_tui.widgets.literal import literal

BAR_WIDTH = 16

STATE_MARKS = {State.MATCH: "✔", State.MISMATCH: "✘", State.UNKNOWN: "?"}
"""A mark per state; the word is always written beside it, so colour is never needed."""

STATE_STYLES = {State.MATCH: "green", State.MISMATCH: "red", State.UNKNOWN: "yellow"}


def percent_text(value: float | None) -> str:
    """Return a percentage with one decimal, or "n/a" when the part does not apply."""
    return "n/a" if value is None else f"{value:.1f}%"


def fit_bar(fit: float, width: int = BAR_WIDTH) -> str:
    """Return a bar of `width` cells, filled in proportion to `fit` (0 to 100)."""
    filled = round(width * max(0.0, min(fit, 100.0)) / 100)
    return "█" * filled + "░" * (width - filled)


def value_text(value: TraitValue | None) -> str:
    if value is None:
        return "not known"
    if isinstance(value, str):
        return value
    return format_number(value)


def state_text(state: State) -> Text:
    """Return a state as its mark and its word, e.g. "✘ mismatch"."""
    return Text(f"{STATE_MARKS[state]} {state.value}", style=STATE_STYLES[state])


class FitMeter(Widget):
    """The fit of one record against the profile, redrawn from a `Score` as a whole.

    Lines longer than the meter end in an ellipsis instead of wrapping, so the meter keeps
    the same height, two lines per characteristic, whatever the labels and values.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Fit"
        self._score: Score | None = None
        self._text = self.render_score(None)

    @property
    def score(self) -> Score | None:
        """The score shown; None until `show` is called or when the profile is empty."""
        return self._score

    def show(self, score: Score | None) -> None:
        """Draw `score`; None means the profile has no characteristics yet."""
        old_height = self._line_count()
        self._score = score
        # Built once per score: the meter is drawn in the same frame as the keystroke.
        self._text = self.render_score(score)
        # A new layout costs far more than a repaint, and the height changes only when the
        # number of characteristics does.
        self.refresh(layout=self._line_count() != old_height)

    def _line_count(self) -> int:
        return len(self._text.split("\n"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._line_count()

    def render(self) -> Text:
        width = self.content_size.width or 80
        lines = self._text.split("\n")
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    @staticmethod
    def render_score(score: Score | None) -> Text:
        """Return the meter's text for `score`, one line per row, before truncation."""
        if score is None or not score.results:
            return Text("No profile yet: write the characteristics in step 4.")
        text = Text()
        text.append(fit_bar(score.fit), style="bold")
        text.append(f" {percent_text(score.fit):>6} ")
        text.append(score.tier, style="bold")
        if score.incomplete:
            text.append(" incomplete", style="italic")
        text.append(
            f"\nDemographic {percent_text(score.demographic_fit)}"
            f"  Psychographic {percent_text(score.psychographic_fit)}"
            f"\nKnown {percent_text(score.known)}"
        )
        if score.overridden:
            text.append("  (uses overrides)", style="italic")
        for result in score.results:
            text.append("\n")
            text.append_text(_result_lines(result))
        return text


def _result_lines(result: CharacteristicResult) -> Text:
    characteristic = result.characteristic
    line = state_text(result.state)
    line.pad_right(11 - len(line))
    line.append_text(literal(characteristic.label))
    detail = Text("\n    ", style="dim")
    if result.override is not None:
        # The computed state comes first so that truncation never hides it.
        detail.append(f"by hand, computed {result.computed.value} · ", style="bold italic")
    detail.append_text(literal(value_text(result.value)))
    detail.append_text(literal(f" · wants {characteristic.criterion.describe()}"))
    line.append_text(detail)
    return line
