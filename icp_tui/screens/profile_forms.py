"""Forms of the profile: one characteristic, the tier thresholds, a user-defined attribute."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Input, Select

from icp_tui.domain.attributes import (
    Attribute,
    AttributeKind,
    AttributeType,
    Catalogue,
)
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import (
    WEIGHT_MAX,
    Characteristic,
    Criterion,
    Tiers,
    catalogue_context,
)
from icp_tui.screens.dialogs import (
    FormScreen,
    labelled_input,
    labelled_select,
    number_text,
    optional_count,
    optional_number,
    optional_rating,
)

THRESHOLDS = (("at least", "at_least"), ("at most", "at_most"), ("exactly", "equals"))


def attribute_choice(attribute: Attribute) -> str:
    return f"{attribute.label} ({attribute.kind.value}, {attribute.type.value})"


class CharacteristicForm(FormScreen[Characteristic]):
    """Write one characteristic of the profile: attribute, criterion, weight and label.

    Only the criterion fields that fit the chosen attribute's type are shown: values for a
    category, bounds for a number, a threshold for a scale.
    """

    FIRST_FIELD = "attribute"

    def __init__(
        self,
        slot: int,
        catalogue: Catalogue,
        save: Callable[[Characteristic], object],
        characteristic: Characteristic | None = None,
        *,
        attribute_key: str | None = None,
    ) -> None:
        super().__init__(f"Characteristic {slot}", save)
        self.catalogue = catalogue
        self.characteristic = characteristic
        self.attribute_key = (
            characteristic.attribute if characteristic else attribute_key
        ) or next(iter(catalogue)).key

    def compose_fields(self) -> ComposeResult:
        current = self.characteristic
        criterion = current.criterion if current else None
        yield from labelled_select(
            "Attribute",
            Select(
                [(attribute_choice(a), a.key) for a in self.catalogue],
                value=self.attribute_key,
                allow_blank=False,
                id="attribute",
                compact=True,
            ),
        )
        with Container(id="criterion-category", classes="criterion"):
            yield from labelled_input(
                "Values (comma-separated; matches any one)",
                ", ".join(criterion.one_of) if criterion and criterion.one_of else "",
                "values",
                placeholder="Healthcare, Biotech",
            )
        with Container(id="criterion-number", classes="criterion"):
            yield from labelled_input(
                "Minimum (empty: no lower bound)",
                number_text(criterion.min) if criterion else "",
                "min",
            )
            yield from labelled_input(
                "Maximum (empty: no upper bound)",
                number_text(criterion.max) if criterion else "",
                "max",
            )
        with Container(id="criterion-scale", classes="criterion"):
            thresholds = [value for _label, value in THRESHOLDS]
            kind = criterion.kind if criterion and criterion.kind in thresholds else "at_least"
            yield from labelled_select(
                "Threshold is",
                Select(
                    THRESHOLDS, value=kind, allow_blank=False, id="threshold-kind", compact=True
                ),
            )
            point = getattr(criterion, kind) if criterion and criterion.kind == kind else None
            yield from labelled_input(
                "Threshold (1 to 5)", number_text(point), "threshold", placeholder="4"
            )
        yield from labelled_input(
            "Weight (whole number, 1 to 100)", str(current.weight if current else 1), "weight"
        )
        yield from labelled_input(
            "Label, short and field-ready",
            current.label if current else "",
            "label",
            placeholder="empty: made from the criterion",
        )

    def on_mount(self) -> None:
        # Textual also runs FormScreen's handler, which focuses the first field.
        if self.query("#attribute"):
            self.show_criterion_fields()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "attribute":
            self.show_criterion_fields()

    def chosen_attribute(self) -> Attribute:
        key = self.query_one("#attribute", Select).value
        if not isinstance(key, str):
            raise InvalidInput("Attribute: choose one")
        return self.catalogue.require(key)

    def show_criterion_fields(self) -> None:
        kind = self.chosen_attribute().type.value
        for container in self.query(".criterion"):
            container.display = container.id == f"criterion-{kind}"

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def build(self) -> Characteristic:
        attribute = self.chosen_attribute()
        criterion: dict[str, Any]
        if attribute.type is AttributeType.CATEGORY:
            values = [v.strip() for v in self._text("values").split(",") if v.strip()]
            if not values:
                raise InvalidInput("Values: give at least one value, such as Healthcare")
            criterion = {"one_of": values}
        elif attribute.type is AttributeType.NUMBER:
            criterion = {
                "min": optional_number(self._text("min"), "Minimum"),
                "max": optional_number(self._text("max"), "Maximum"),
            }
            if criterion["min"] is None and criterion["max"] is None:
                raise InvalidInput("Minimum and Maximum: give at least one bound")
        else:
            kind = self.query_one("#threshold-kind", Select).value
            point = optional_rating(self._text("threshold"), "Threshold")
            if point is None:
                raise InvalidInput("Threshold: give a whole number from 1 to 5")
            criterion = {str(kind): point}
        weight = optional_count(self._text("weight"), "Weight")
        if weight is None or not 1 <= weight <= WEIGHT_MAX:
            raise InvalidInput(
                f"Weight: {self._text('weight')!r} is not a whole number from 1 to {WEIGHT_MAX}"
            )
        label = (
            self._text("label").strip()
            or f"{attribute.label}: {Criterion.model_validate(criterion).describe()}"
        )
        return Characteristic.model_validate(
            {
                "label": label,
                "attribute": attribute.key,
                "criterion": criterion,
                "weight": weight,
            },
            context=catalogue_context(self.catalogue),
        )


class TiersForm(FormScreen[Tiers]):
    """Edit the tier thresholds: the lowest fit, in percent, of strong, good and partial."""

    FIRST_FIELD = "strong"

    def __init__(self, tiers: Tiers, save: Callable[[Tiers], object]) -> None:
        super().__init__("Tier thresholds (fit in percent)", save)
        self.tiers = tiers

    def compose_fields(self) -> ComposeResult:
        yield from labelled_input("Strong from", number_text(self.tiers.strong), "strong")
        yield from labelled_input("Good from", number_text(self.tiers.good), "good")
        yield from labelled_input(
            "Partial from (below is weak)", number_text(self.tiers.partial), "partial"
        )

    def build(self) -> Tiers:
        values: dict[str, float] = {}
        for field, label in (("strong", "Strong"), ("good", "Good"), ("partial", "Partial")):
            value = optional_number(self.query_one(f"#{field}", Input).value, label)
            if value is None:
                raise InvalidInput(f"{label}: give a percentage")
            values[field] = value
        return Tiers(**values)


class AttributeForm(FormScreen[Attribute]):
    """Define an attribute of the user's own: key, label, kind, type and, for a scale, poles."""

    FIRST_FIELD = "key"

    def __init__(self, save: Callable[[Attribute], object], kind: AttributeKind) -> None:
        super().__init__("Add an attribute of your own", save)
        self.kind = kind

    def compose_fields(self) -> ComposeResult:
        yield from labelled_input(
            "Key (snake_case, as in CSV headers)", "", "key", placeholder="decision_speed"
        )
        yield from labelled_input("Label", "", "label", placeholder="Decision speed")
        yield from labelled_select(
            "Kind",
            Select(
                [(k.value, k.value) for k in AttributeKind],
                value=self.kind.value,
                allow_blank=False,
                id="kind",
                compact=True,
            ),
        )
        default_type = (
            AttributeType.SCALE
            if self.kind is AttributeKind.PSYCHOGRAPHIC
            else AttributeType.CATEGORY
        )
        yield from labelled_select(
            "Type",
            Select(
                [(t.value, t.value) for t in AttributeType],
                value=default_type.value,
                allow_blank=False,
                id="type",
                compact=True,
            ),
        )
        yield from labelled_input(
            "Meaning of 1 (scale only)", "", "low_pole", placeholder="slow and careful"
        )
        yield from labelled_input(
            "Meaning of 5 (scale only)", "", "high_pole", placeholder="fast and decisive"
        )

    def build(self) -> Attribute:
        fields = {
            name: self.query_one(f"#{name}", Input).value.strip()
            for name in ("key", "label", "low_pole", "high_pole")
        }
        kind = self.query_one("#kind", Select).value
        type_ = self.query_one("#type", Select).value
        if type_ == AttributeType.SCALE.value and not (fields["low_pole"] and fields["high_pole"]):
            raise InvalidInput("Meaning of 1 and of 5: a scale needs both poles named")
        if type_ != AttributeType.SCALE.value:
            fields["low_pole"] = fields["high_pole"] = ""
        description = (
            f"1 {fields['low_pole']}, 5 {fields['high_pole']}" if fields["low_pole"] else ""
        )
        return Attribute.model_validate(
            {**fields, "kind": kind, "type": type_, "description": description}
        )
