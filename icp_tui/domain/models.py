"""Pydantic models of a workspace: profile, past accounts, prospects and checklist ticks.

Traits and characteristics refer to attributes by key. Validation looks the key up in the
catalogue passed as validation context (`context=catalogue_context(catalogue)`), or in the
standard catalogue when no context is given, so an unknown key is always rejected.
"""

from __future__ import annotations

import json
import math
from datetime import date
from enum import StrEnum
from typing import Any, Self
from uuid import uuid4

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from icp_tui.domain.attributes import (
    SCALE_MAX,
    SCALE_MIN,
    STANDARD_CATALOGUE,
    AttributeKind,
    AttributeType,
    Catalogue,
    TraitValue,
    normalise_category,
)
from icp_tui.domain.errors import (
    InvalidInput,
    describe_validation_error,
    json_spelling,
    shorten,
)

NAME_MAX_LENGTH = 200
PROFILE_SIZE = 5
"""Number of characteristics the method calls for. Fewer or more is a finding, not an error."""
WEIGHT_MAX = 100
"""The largest weight of a characteristic."""

PROFILE_FIELD_RULES = {"weight": f"a whole number from 1 to {WEIGHT_MAX}"}
"""Rules that profile file messages give for a wrong value of these fields."""


def catalogue_context(catalogue: Catalogue) -> dict[str, Catalogue]:
    """Return the validation context that makes models check keys against `catalogue`."""
    return {"catalogue": catalogue}


def _catalogue(info: ValidationInfo) -> Catalogue:
    context = info.context
    if isinstance(context, dict):
        found = context.get("catalogue")
        if isinstance(found, Catalogue):
            return found
    return STANDARD_CATALOGUE


def _clean_name(value: str) -> str:
    # Messages follow the field's name, which describe_validation_error puts first.
    name = " ".join(value.split())
    if not name:
        raise ValueError("must not be empty")
    if len(name) > NAME_MAX_LENGTH:
        raise ValueError(
            f"longer than {NAME_MAX_LENGTH} characters ({len(name)}): {shorten(name)!r}"
        )
    return name


def _json_kind(value: object) -> str:
    kinds = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def new_id() -> str:
    return uuid4().hex


class State(StrEnum):
    """The state of one characteristic for one account."""

    MATCH = "match"
    MISMATCH = "mismatch"
    UNKNOWN = "unknown"


class AccountTier(StrEnum):
    """The role of a past account in the evidence: best, near miss, poor or other."""

    BEST = "best"
    NEAR_MISS = "near_miss"
    POOR = "poor"
    OTHER = "other"


class Stage(StrEnum):
    """A prospect's position in the sales funnel."""

    ABOVE_FUNNEL = "above_funnel"
    IN_FUNNEL = "in_funnel"
    BEST_FEW = "best_few"
    WON = "won"
    LOST = "lost"


class Decision(StrEnum):
    """The salesperson's plan for a prospect. No value rejects or hides it."""

    UNDECIDED = "undecided"
    PURSUE = "pursue"
    INVEST_LONG_TERM = "invest_long_term"
    DEPRIORITIZE = "deprioritize"


class Criterion(BaseModel):
    """A testable criterion: exactly one of a set of values, a range, or a scale threshold."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Strict numbers: a profile file's `true` or "4" is rejected instead of read as 1 or 4.
    # A strict float still accepts a whole number.
    one_of: tuple[str, ...] | None = None
    min: float | None = Field(default=None, strict=True)
    max: float | None = Field(default=None, strict=True)
    at_least: int | None = Field(default=None, strict=True)
    at_most: int | None = Field(default=None, strict=True)
    equals: int | None = Field(default=None, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _exactly_one_kind(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError(
                f'must be an object such as {{"one_of": [...]}}, not {json_spelling(data)}'
            )
        groups = {
            "one_of": ("one_of",),
            "range": ("min", "max"),
            "at_least": ("at_least",),
            "at_most": ("at_most",),
            "equals": ("equals",),
        }
        present = [
            name
            for name, keys in groups.items()
            if any(key in data and data[key] is not None for key in keys)
        ]
        if len(present) > 1:
            raise ValueError(
                f"{json_spelling(data)} has {len(present)} kinds of criterion at once "
                f"({', '.join(present)}); use exactly one of one_of, min/max, at_least, "
                "at_most, equals"
            )
        if not present:
            raise ValueError(
                f"{json_spelling(data)} sets no criterion; give one_of, min and/or max, at_least, "
                "at_most or equals"
            )
        return data

    @field_validator("one_of")
    @classmethod
    def _values_not_blank(cls, values: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if values is None:
            return None
        cleaned: list[str] = []
        seen: set[str] = set()
        for value in values:
            text = " ".join(str(value).split())
            if not text:
                raise ValueError("one_of contains an empty value")
            if normalise_category(text) not in seen:
                seen.add(normalise_category(text))
                cleaned.append(text)
        if not cleaned:
            raise ValueError("one_of needs at least one value")
        return tuple(cleaned)

    @field_validator("min", "max")
    @classmethod
    def _bound_finite(cls, bound: float | None) -> float | None:
        if bound is not None and not math.isfinite(bound):
            raise ValueError(f"range bound {bound!r} is not a finite number")
        return bound

    @field_validator("at_least", "at_most", "equals")
    @classmethod
    def _on_scale(cls, point: int | None) -> int | None:
        if point is not None and not SCALE_MIN <= point <= SCALE_MAX:
            raise ValueError(f"scale threshold {point!r} is outside {SCALE_MIN} to {SCALE_MAX}")
        return point

    @model_validator(mode="after")
    def _range_ordered(self) -> Self:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"range min {self.min:g} is above max {self.max:g}")
        return self

    @property
    def kind(self) -> str:
        """The criterion kind: `one_of`, `range`, `at_least`, `at_most` or `equals`."""
        if self.one_of is not None:
            return "one_of"
        if self.at_least is not None:
            return "at_least"
        if self.at_most is not None:
            return "at_most"
        if self.equals is not None:
            return "equals"
        return "range"

    def fits_type(self, attribute_type: AttributeType) -> bool:
        if attribute_type is AttributeType.CATEGORY:
            return self.kind == "one_of"
        if attribute_type is AttributeType.NUMBER:
            return self.kind == "range"
        return self.kind in ("at_least", "at_most", "equals", "range")

    def matches(self, value: TraitValue) -> bool:
        """Test a known value; categories compare after trimming and ignoring case."""
        if self.one_of is not None:
            wanted = {normalise_category(v) for v in self.one_of}
            return isinstance(value, str) and normalise_category(value) in wanted
        if isinstance(value, str):
            return False
        if self.at_least is not None:
            return value >= self.at_least
        if self.at_most is not None:
            return value <= self.at_most
        if self.equals is not None:
            return value == self.equals
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def to_json(self) -> dict[str, Any]:
        """Return the criterion as the profile file writes it."""
        if self.one_of is not None:
            return {"one_of": list(self.one_of)}
        if self.kind == "range":
            bounds: dict[str, Any] = {}
            if self.min is not None:
                bounds["min"] = _plain_number(self.min)
            if self.max is not None:
                bounds["max"] = _plain_number(self.max)
            return bounds
        return {self.kind: getattr(self, self.kind)}

    def describe(self) -> str:
        """Return the criterion in words, for tables and the profile card."""
        if self.one_of is not None:
            return "one of " + ", ".join(self.one_of)
        if self.at_least is not None:
            return f"at least {self.at_least}"
        if self.at_most is not None:
            return f"at most {self.at_most}"
        if self.equals is not None:
            return f"exactly {self.equals}"
        if self.min is not None and self.max is not None:
            return f"{format_number(self.min)} to {format_number(self.max)}"
        if self.min is not None:
            return f"{format_number(self.min)} or more"
        return f"{format_number(self.max or 0)} or less"


def _plain_number(value: float) -> int | float:
    return int(value) if value == int(value) and abs(value) < 2**53 else value


def format_number(value: float) -> str:
    """Format a number for people: thousands separated, no needless decimals."""
    if value == int(value) and abs(value) < 2**53:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


class Characteristic(BaseModel):
    """One of the profile's characteristics: an attribute, a criterion, a weight, a label."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    attribute: str
    kind: AttributeKind | None = None
    criterion: Criterion
    weight: int = Field(default=1, ge=1, le=WEIGHT_MAX, strict=True)

    @field_validator("label")
    @classmethod
    def _label(cls, label: str) -> str:
        return _clean_name(label)

    @field_validator("attribute")
    @classmethod
    def _known_attribute(cls, key: str, info: ValidationInfo) -> str:
        # Checked here as well as below, so that an unknown key is reported on `attribute`.
        _catalogue(info).require(key)
        return key

    @model_validator(mode="after")
    def _fits_attribute(self, info: ValidationInfo) -> Self:
        # Messages leave out the label: the location of the error names the characteristic.
        attribute = _catalogue(info).require(self.attribute)
        if self.kind is None:
            object.__setattr__(self, "kind", attribute.kind)
        elif self.kind is not attribute.kind:
            raise ValueError(
                f"kind {self.kind.value!r} does not match attribute {self.attribute!r}, "
                f"which is {attribute.kind.value}"
            )
        if not self.criterion.fits_type(attribute.type):
            wanted = {
                AttributeType.CATEGORY: "one_of",
                AttributeType.NUMBER: "min and/or max",
                AttributeType.SCALE: "at_least, at_most or equals",
            }[attribute.type]
            article = "an" if self.criterion.kind[0] in "aeiou" else "a"
            raise ValueError(
                f"{article} {self.criterion.kind} criterion does not fit "
                f"{attribute.type.value} attribute {self.attribute!r}; use {wanted}"
            )
        return self

    @property
    def dimension(self) -> AttributeKind:
        """The characteristic's kind, always set after validation."""
        assert self.kind is not None
        return self.kind


class Tiers(BaseModel):
    """Lowest fit, in percent, of each tier; below `partial` is weak."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    strong: float = Field(default=80, strict=True)
    good: float = Field(default=60, strict=True)
    partial: float = Field(default=40, strict=True)

    @model_validator(mode="after")
    def _descending(self) -> Self:
        if not 0 < self.partial < self.good < self.strong <= 100:
            raise ValueError(
                f"tier thresholds must satisfy 0 < partial < good < strong <= 100; got "
                f"strong {self.strong:g}, good {self.good:g}, partial {self.partial:g}"
            )
        return self

    def tier_of(self, fit: float) -> str:
        if fit >= self.strong:
            return "strong"
        if fit >= self.good:
            return "good"
        if fit >= self.partial:
            return "partial"
        return "weak"


class Profile(BaseModel):
    """The ideal customer profile: named characteristics and tier thresholds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "Ideal customer profile"
    characteristics: tuple[Characteristic, ...] = ()
    tiers: Tiers = Tiers()

    @field_validator("name")
    @classmethod
    def _name(cls, name: str) -> str:
        return _clean_name(name)

    @field_validator("characteristics")
    @classmethod
    def _one_per_attribute(
        cls, characteristics: tuple[Characteristic, ...]
    ) -> tuple[Characteristic, ...]:
        seen: dict[str, int] = {}
        for number, characteristic in enumerate(characteristics, start=1):
            first = seen.setdefault(characteristic.attribute, number)
            if first != number:
                raise ValueError(
                    f"characteristics {first} and {number} both use attribute "
                    f"{characteristic.attribute!r}; combine them into one criterion"
                )
        return characteristics

    def to_json(self) -> dict[str, Any]:
        """Return the profile in the `icp-profile` file format, version 1."""
        return {
            "format": "icp-profile",
            "version": 1,
            "name": self.name,
            "characteristics": [
                {
                    "label": c.label,
                    "attribute": c.attribute,
                    "kind": c.dimension.value,
                    "weight": c.weight,
                    "criterion": c.criterion.to_json(),
                }
                for c in self.characteristics
            ],
            "tiers": {
                "strong": _plain_number(self.tiers.strong),
                "good": _plain_number(self.tiers.good),
                "partial": _plain_number(self.tiers.partial),
            },
        }

    @classmethod
    def from_json(cls, data: Any, catalogue: Catalogue = STANDARD_CATALOGUE) -> Profile:
        """Read a profile file's content; raise InvalidInput with one line per problem.

        Each line names the field as the file has it, with list positions counted from 1
        and each characteristic's label: "characteristic 2 (Size): weight: ...".
        """
        if not isinstance(data, dict):
            raise InvalidInput(
                f"a profile file must contain a JSON object, not a JSON {_json_kind(data)}"
            )
        if data.get("format") != "icp-profile":
            raise InvalidInput(f"format is {data.get('format')!r}, expected 'icp-profile'")
        # `True == 1` and `1.0 == 1` in Python; the file format's version is the integer 1.
        if type(data.get("version")) is not int or data.get("version") != 1:
            shown = json.dumps(data.get("version"))
            raise InvalidInput(f"version {shown} is not supported; expected 1")
        body = {k: v for k, v in data.items() if k not in ("format", "version")}
        try:
            return cls.model_validate(body, context=catalogue_context(catalogue))
        except ValidationError as error:
            message = describe_validation_error(error, data=body, field_rules=PROFILE_FIELD_RULES)
            raise InvalidInput(message) from error


class Override(BaseModel):
    """A state set by hand for one characteristic, with the reason for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    state: State
    reason: str

    @field_validator("reason")
    @classmethod
    def _reason(cls, reason: str) -> str:
        reason = reason.strip()
        if not reason:
            raise ValueError("an override needs a reason")
        return reason


class DealSummary(BaseModel):
    """Won and lost deals of one account, from imported deal history."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    won: int = Field(default=0, ge=0)
    lost: int = Field(default=0, ge=0)
    won_value: float = Field(default=0, ge=0, allow_inf_nan=False)
    last_close: date | None = None

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None


class Scorable(BaseModel):
    """Fields shared by everything scored against the profile: past accounts and prospects."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=new_id)
    name: str
    traits: dict[str, TraitValue] = Field(default_factory=dict)
    strategies: dict[str, str] = Field(default_factory=dict)
    """Alternate position per red flag, keyed by attribute; kept when the flag goes away."""
    overrides: dict[str, Override] = Field(default_factory=dict)
    """Hand-set characteristic states, keyed by attribute."""
    notes: str = ""

    @field_validator("name")
    @classmethod
    def _name(cls, name: str) -> str:
        return _clean_name(name)

    @field_validator("traits", mode="before")
    @classmethod
    def _traits(cls, traits: Any, info: ValidationInfo) -> Any:
        if not isinstance(traits, dict):
            raise ValueError(
                f"traits must be an object of attribute: value, not {json_spelling(traits)}"
            )
        return _catalogue(info).check_traits(traits)

    @field_validator("strategies")
    @classmethod
    def _strategies(cls, strategies: dict[str, str]) -> dict[str, str]:
        return {key: text for key, text in strategies.items() if text.strip()}


class PastAccount(Scorable):
    """A past or current customer, with the outcome measures used to pick the best ones."""

    tier: AccountTier = AccountTier.OTHER
    profitability: int | None = Field(default=None, ge=1, le=5)
    renewals: int | None = Field(default=None, ge=0)
    referrals: int | None = Field(default=None, ge=0)
    relationship: int | None = Field(default=None, ge=1, le=5)
    """Quality of the working relationship, 1 to 5."""
    deals: DealSummary | None = None


class Prospect(Scorable):
    """An account being qualified: traits, funnel stage, decision and plans."""

    stage: Stage = Stage.ABOVE_FUNNEL
    decision: Decision = Decision.UNDECIDED
    decision_reason: str = ""


class Checklist(BaseModel):
    """Ticked checklist items, by step number (1 to 5)."""

    model_config = ConfigDict(extra="forbid")

    ticks: dict[int, list[str]] = Field(default_factory=dict)

    @field_validator("ticks")
    @classmethod
    def _steps(cls, ticks: dict[int, list[str]]) -> dict[int, list[str]]:
        for step in ticks:
            if not 1 <= step <= PROFILE_SIZE:
                raise ValueError(f"checklist step {step!r} is not a step from 1 to 5")
        return ticks

    def is_ticked(self, step: int, item: str) -> bool:
        return item in self.ticks.get(step, [])
