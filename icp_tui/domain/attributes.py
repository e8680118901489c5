"""Attributes: the traits an account can be described by, standard or user-defined."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from icp_tui.domain.errors import InvalidValue, json_spelling

SCALE_MIN = 1
SCALE_MAX = 5
NUMBER_MAX = 10**15
"""Largest accepted number: above any real revenue or head count, and exact as a float."""
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


class AttributeKind(StrEnum):
    """The two dimensions of the profile, kept apart everywhere."""

    DEMOGRAPHIC = "demographic"
    PSYCHOGRAPHIC = "psychographic"


class AttributeType(StrEnum):
    """The value type of an attribute, which sets how values are written and compared."""

    CATEGORY = "category"
    NUMBER = "number"
    SCALE = "scale"


TraitValue = str | float | int
"""A trait value: text for a category, a number, or a whole number from 1 to 5 for a scale."""


class Attribute(BaseModel):
    """An attribute definition: key as stored, label as shown, kind and value type."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    kind: AttributeKind
    type: AttributeType
    description: str = ""
    low_pole: str = ""
    """Meaning of 1 on a scale attribute."""
    high_pole: str = ""
    """Meaning of 5 on a scale attribute."""
    standard: bool = False

    @field_validator("key")
    @classmethod
    def _key_is_snake_case(cls, key: str) -> str:
        if not KEY_PATTERN.match(key):
            raise ValueError(
                f"attribute key {key!r} is invalid: use snake_case letters and digits, "
                "for example 'decision_speed'"
            )
        return key

    @field_validator("label")
    @classmethod
    def _label_not_blank(cls, label: str) -> str:
        label = label.strip()
        if not label:
            raise ValueError("attribute label is empty")
        return label

    def check_value(self, value: object) -> TraitValue:
        """Return `value` in this attribute's canonical form.

        Raise InvalidValue whose message names the key and the value, and whose `reason`
        does not, for callers that show the value as the user typed it.
        """
        if isinstance(value, bool):
            raise self._rejected(value, "is not a valid value")
        if self.type is AttributeType.CATEGORY:
            if not isinstance(value, str):
                value = str(value)
            text = " ".join(value.split())
            if not text:
                raise InvalidValue(
                    f"{self.key}: an empty value is invalid; leave it unknown instead"
                )
            return text
        if not isinstance(value, int | float):
            raise self._rejected(value, "is not a number")
        if not math.isfinite(value):
            raise self._rejected(value, "is not a finite number")
        if self.type is AttributeType.SCALE:
            if value != int(value) or not SCALE_MIN <= value <= SCALE_MAX:
                raise self._rejected(
                    value, f"is not a whole number from {SCALE_MIN} to {SCALE_MAX}"
                )
            return int(value)
        if value < 0:
            raise self._rejected(value, "is negative; use 0 or more")
        if value > NUMBER_MAX:
            raise self._rejected(
                value, f"is too large; the largest accepted value is {NUMBER_MAX:,}"
            )
        return int(value) if value == int(value) and abs(value) < 2**53 else float(value)

    def _rejected(self, value: object, reason: str) -> InvalidValue:
        return InvalidValue(f"{self.key}: {json_spelling(value)} {reason}", reason)


def normalise_category(value: str) -> str:
    """Return the comparison form of a category: trimmed, inner spaces folded, case-folded."""
    return " ".join(value.split()).casefold()


def _demographic(key: str, label: str, type_: AttributeType, description: str) -> Attribute:
    return Attribute(
        key=key,
        label=label,
        kind=AttributeKind.DEMOGRAPHIC,
        type=type_,
        description=description,
        standard=True,
    )


def _psychographic(key: str, label: str, low: str, high: str) -> Attribute:
    return Attribute(
        key=key,
        label=label,
        kind=AttributeKind.PSYCHOGRAPHIC,
        type=AttributeType.SCALE,
        description=f"1 {low}, 5 {high}",
        low_pole=low,
        high_pole=high,
        standard=True,
    )


STANDARD_ATTRIBUTES: tuple[Attribute, ...] = (
    _demographic("industry", "Industry", AttributeType.CATEGORY, "industry vertical"),
    _demographic(
        "annual_revenue",
        "Annual revenue",
        AttributeType.NUMBER,
        "annual revenue, in the workspace currency",
    ),
    _demographic("employees", "Employees", AttributeType.NUMBER, "employee count"),
    _demographic("geography", "Geography", AttributeType.CATEGORY, "country or region"),
    _demographic(
        "decision_timeline_months",
        "Decision timeline (months)",
        AttributeType.NUMBER,
        "months from first meeting to signature",
    ),
    _demographic(
        "contract_size",
        "Contract size",
        AttributeType.NUMBER,
        "typical contract value, in the workspace currency",
    ),
    _demographic(
        "buying_frequency",
        "Buying frequency",
        AttributeType.CATEGORY,
        "one-off, yearly, quarterly, ...",
    ),
    _psychographic(
        "partnership", "Partnership", "transactional efficiency", "long-term partnership"
    ),
    _psychographic("adoption", "Adoption", "proven methods only", "early adopter"),
    _psychographic("decision_style", "Decision style", "executive mandate", "consensus"),
    _psychographic("vendor_view", "Vendor view", "vendors as commodities", "vendors as partners"),
    _psychographic("orientation", "Orientation", "stability first", "growth first"),
)


class Catalogue:
    """The attributes of one workspace: the standard ones followed by the user's own."""

    def __init__(self, custom: Iterable[Attribute] = ()) -> None:
        self._by_key: dict[str, Attribute] = {a.key: a for a in STANDARD_ATTRIBUTES}
        for attribute in custom:
            if attribute.key in self._by_key:
                raise ValueError(f"attribute key {attribute.key!r} is already defined")
            self._by_key[attribute.key] = attribute

    def __iter__(self) -> Iterator[Attribute]:
        return iter(self._by_key.values())

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: str) -> Attribute | None:
        return self._by_key.get(key)

    def require(self, key: str) -> Attribute:
        """Return the attribute with `key`, or raise ValueError naming the unknown key."""
        try:
            return self._by_key[key]
        except KeyError:
            known = ", ".join(self._by_key)
            raise ValueError(f"unknown attribute {key!r}; known attributes: {known}") from None

    def custom(self) -> list[Attribute]:
        return [a for a in self._by_key.values() if not a.standard]

    def of_kind(self, kind: AttributeKind) -> list[Attribute]:
        return [a for a in self._by_key.values() if a.kind is kind]

    def check_traits(self, traits: dict[str, object]) -> dict[str, TraitValue]:
        """Return `traits` in canonical form; raise ValueError on an unknown key or bad value.

        A value of None means unknown and is dropped rather than stored.
        """
        checked: dict[str, TraitValue] = {}
        for key, value in traits.items():
            attribute = self.require(key)
            if value is None:
                continue
            checked[key] = attribute.check_value(value)
        return checked


STANDARD_CATALOGUE = Catalogue()
