"""Model validation: bad values are rejected with the field and the value in the message."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from pydantic import ValidationError

from icp_tui.domain.attributes import Attribute, AttributeKind, AttributeType, Catalogue
from icp_tui.domain.errors import describe_validation_error
from icp_tui.domain.models import (
    Characteristic,
    Criterion,
    PastAccount,
    Profile,
    Prospect,
    Tiers,
    catalogue_context,
)


def rejection(model: type[Any], data: dict[str, Any], **kwargs: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data, **kwargs)
    return describe_validation_error(caught.value)


def test_empty_name_rejected() -> None:
    message = rejection(Prospect, {"name": "   "})
    assert "name" in message
    assert "empty" in message


def test_negative_employee_count_rejected() -> None:
    message = rejection(Prospect, {"name": "Acme", "traits": {"employees": -5}})
    assert "employees" in message
    assert "-5" in message


def test_scale_value_seven_rejected() -> None:
    message = rejection(Prospect, {"name": "Acme", "traits": {"partnership": 7}})
    assert "partnership" in message
    assert "7" in message


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_number_rejected(value: float) -> None:
    message = rejection(Prospect, {"name": "Acme", "traits": {"annual_revenue": value}})
    assert "annual_revenue" in message
    # As a JSON file spells it: NaN, Infinity, -Infinity.
    assert json.dumps(value) in message


def test_range_min_above_max_rejected() -> None:
    message = rejection(Criterion, {"min": 2000, "max": 200})
    assert "min 2000" in message
    assert "max 200" in message


def test_criterion_with_two_kinds_rejected() -> None:
    message = rejection(Criterion, {"min": 1, "at_least": 3})
    assert "2 kinds" in message
    assert "at_least" in message


def test_criterion_empty_rejected() -> None:
    assert "sets no criterion" in rejection(Criterion, {})


def test_unknown_attribute_in_traits_rejected() -> None:
    message = rejection(Prospect, {"name": "Acme", "traits": {"shoe_size": 9}})
    assert "shoe_size" in message
    assert "unknown attribute" in message


def test_unknown_attribute_in_characteristic_rejected() -> None:
    data = {"label": "Shoes", "attribute": "shoe_size", "criterion": {"min": 1}}
    assert "unknown attribute 'shoe_size'" in rejection(Characteristic, data)


def test_characteristic_kind_must_match_attribute() -> None:
    data = {
        "label": "Size",
        "attribute": "employees",
        "kind": "psychographic",
        "criterion": {"min": 1},
    }
    assert "does not match" in rejection(Characteristic, data)


def test_characteristic_criterion_must_fit_type() -> None:
    data = {"label": "Size", "attribute": "employees", "criterion": {"one_of": ["big"]}}
    message = rejection(Characteristic, data)
    assert "does not fit" in message
    assert "employees" in message


def test_characteristic_kind_filled_from_attribute() -> None:
    made = Characteristic.model_validate(
        {"label": "Partner", "attribute": "partnership", "criterion": {"at_least": 4}}
    )
    assert made.kind is AttributeKind.PSYCHOGRAPHIC


def test_scale_threshold_outside_scale_rejected() -> None:
    assert "outside 1 to 5" in rejection(Criterion, {"at_least": 6})


def test_profile_rejects_attribute_used_twice() -> None:
    data = {
        "characteristics": [
            {"label": "A", "attribute": "employees", "criterion": {"min": 1}},
            {"label": "B", "attribute": "employees", "criterion": {"max": 9}},
        ]
    }
    assert "characteristics 1 and 2 both use attribute 'employees'" in rejection(Profile, data)


def test_tiers_must_descend() -> None:
    message = rejection(Tiers, {"strong": 50, "good": 60, "partial": 40})
    assert "strong 50" in message


def test_account_relationship_outside_scale_rejected() -> None:
    message = rejection(PastAccount, {"name": "Acme", "relationship": 7})
    assert "relationship" in message


def test_account_negative_renewals_rejected() -> None:
    assert "renewals" in rejection(PastAccount, {"name": "Acme", "renewals": -1})


def test_account_unknown_tier_rejected() -> None:
    assert "tier" in rejection(PastAccount, {"name": "Acme", "tier": "great"})


def test_user_attribute_accepted_with_catalogue() -> None:
    catalogue = Catalogue(
        [
            Attribute(
                key="decision_speed",
                label="Decision speed",
                kind=AttributeKind.PSYCHOGRAPHIC,
                type=AttributeType.SCALE,
            )
        ]
    )
    prospect = Prospect.model_validate(
        {"name": "Acme", "traits": {"decision_speed": 3}}, context=catalogue_context(catalogue)
    )
    assert prospect.traits == {"decision_speed": 3}


def test_user_attribute_key_must_be_snake_case() -> None:
    data = {"key": "Decision Speed", "label": "x", "kind": "psychographic", "type": "scale"}
    assert "snake_case" in rejection(Attribute, data)


def test_category_trait_trimmed() -> None:
    prospect = Prospect(name="  Acme   Corp ", traits={"industry": "  Health   care "})
    assert prospect.name == "Acme Corp"
    assert prospect.traits["industry"] == "Health care"


def test_null_trait_means_unknown() -> None:
    prospect = Prospect.model_validate({"name": "Acme", "traits": {"employees": None}})
    assert prospect.traits == {}


def test_profile_json_round_trip() -> None:
    data = {
        "format": "icp-profile",
        "version": 1,
        "name": "Mid-market care",
        "characteristics": [
            {
                "label": "Mid-market",
                "attribute": "employees",
                "kind": "demographic",
                "weight": 1,
                "criterion": {"min": 200, "max": 2000},
            },
            {
                "label": "Partners",
                "attribute": "partnership",
                "kind": "psychographic",
                "weight": 2,
                "criterion": {"at_least": 4},
            },
        ],
        "tiers": {"strong": 80, "good": 60, "partial": 40},
    }
    assert Profile.from_json(data).to_json() == data


def test_profile_file_wrong_format_rejected() -> None:
    with pytest.raises(ValueError, match="expected 'icp-profile'"):
        Profile.from_json({"format": "other", "version": 1})


def test_huge_number_rejected() -> None:
    message = rejection(Prospect, {"name": "Acme", "traits": {"employees": 10**26}})
    assert "employees" in message
    assert "too large" in message


def test_validation_error_counts_from_one() -> None:
    data = {
        "characteristics": [
            {"label": "A", "attribute": "industry", "criterion": {"one_of": ["Retail"]}},
            {"label": "B", "attribute": "employees", "criterion": {"min": 1}, "weight": 150},
        ]
    }
    assert rejection(Profile, data) == "characteristic 2: weight: must be 100 or less (value: 150)"


def test_validation_error_prefix_and_item() -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate(
            {
                "characteristics": [
                    {"label": "A", "attribute": "industry", "criterion": {"one_of": 5}}
                ]
            }
        )
    message = describe_validation_error(caught.value, prefix="profile")
    assert message == "profile: characteristic 1: criterion.one_of: must be a list (value: 5)"
