"""Column mapping: keys, labels, CRM headers, overrides with units, unmapped columns."""

from __future__ import annotations

import pytest

from icp_tui.domain.attributes import (
    STANDARD_CATALOGUE,
    Attribute,
    AttributeKind,
    AttributeType,
    Catalogue,
)
from icp_tui.domain.column_mapping import parse_map_options, plan_mapping
from icp_tui.domain.errors import InvalidInput


def targets(headers: list[str], kind: str = "accounts", **overrides: str) -> dict[str, str]:
    mapping = plan_mapping(headers, STANDARD_CATALOGUE, kind, overrides)  # type: ignore[arg-type]
    return {headers[index]: target for index, target in mapping.targets.items()}


def test_mapping_hubspot_headers() -> None:
    headers = [
        "Company name",
        "Industry",
        "Annual Revenue",
        "Number of Employees",
        "Country/Region",
    ]

    assert targets(headers) == {
        "Company name": "name",
        "Industry": "industry",
        "Annual Revenue": "annual_revenue",
        "Number of Employees": "employees",
        "Country/Region": "geography",
    }


def test_mapping_salesforce_headers() -> None:
    headers = ["Account Name", "Industry", "AnnualRevenue", "NumberOfEmployees", "BillingCountry"]

    assert targets(headers) == {
        "Account Name": "name",
        "Industry": "industry",
        "AnnualRevenue": "annual_revenue",
        "NumberOfEmployees": "employees",
        "BillingCountry": "geography",
    }


def test_mapping_pipedrive_headers() -> None:
    headers = [
        "Organization - Name",
        "Organization - Industry",
        "Organization - Annual revenue",
        "Organization - Number of employees",
        "Organization - Address - Country",
        "Organization - Owner",
    ]

    assert targets(headers) == {
        "Organization - Name": "name",
        "Organization - Industry": "industry",
        "Organization - Annual revenue": "annual_revenue",
        "Organization - Number of employees": "employees",
        "Organization - Address - Country": "geography",
    }


def test_mapping_pipedrive_country_of_address() -> None:
    headers = ["Organization - Name", "Organization - Address", "Organization - Country of Address"]

    assert targets(headers) == {
        "Organization - Name": "name",
        "Organization - Country of Address": "geography",
    }


def test_mapping_status_preferred_over_stage() -> None:
    mapping = plan_mapping(["Organization", "Stage", "Status"], STANDARD_CATALOGUE, "deals")

    assert mapping.targets == {0: "account", 2: "stage"}
    assert mapping.notes == [
        "column 2 'Stage' would feed stage, but column 3 'Status' is preferred for it; "
        "it is not read"
    ]


def test_mapping_status_first_keeps_stage_out() -> None:
    mapping = plan_mapping(["Status", "Stage", "Organization"], STANDARD_CATALOGUE, "deals")

    assert mapping.targets == {0: "stage", 2: "account"}
    assert mapping.notes == [
        "column 2 'Stage' would feed stage, which column 1 'Status' already feeds; it is not read"
    ]


def test_mapping_override_beats_preference() -> None:
    overrides = {"Stage": "stage"}
    mapping = plan_mapping(["Stage", "Status"], STANDARD_CATALOGUE, "deals", overrides)

    assert mapping.targets == {0: "stage"}


def test_mapping_close_date_over_won_time() -> None:
    headers = ["Deal - Won time", "Deal - Deal closed on"]

    assert targets(headers, "deals") == {"Deal - Deal closed on": "close_date"}


def test_mapping_keys_and_labels() -> None:
    headers = ["name", "decision_timeline_months", "Decision style", "Vendor view", "tier"]

    assert targets(headers) == {
        "name": "name",
        "decision_timeline_months": "decision_timeline_months",
        "Decision style": "decision_style",
        "Vendor view": "vendor_view",
        "tier": "tier",
    }


def test_mapping_custom_attribute_by_label() -> None:
    custom = Attribute(
        key="cloud_spend",
        label="Cloud spend",
        kind=AttributeKind.DEMOGRAPHIC,
        type=AttributeType.NUMBER,
    )
    mapping = plan_mapping(["name", "Cloud Spend"], Catalogue([custom]), "accounts")

    assert mapping.targets == {0: "name", 1: "cloud_spend"}


def test_mapping_lists_unmapped_columns() -> None:
    mapping = plan_mapping(["name", "Owner", "Founded"], STANDARD_CATALOGUE, "accounts")

    assert mapping.unmapped() == ["Owner", "Founded"]


def test_mapping_record_fields_depend_on_kind() -> None:
    assert targets(["name", "stage", "tier"], "prospects") == {"name": "name", "stage": "stage"}


def test_mapping_deal_headers() -> None:
    headers = ["Opportunity Name", "Account Name", "Stage", "Amount", "Close Date"]

    assert targets(headers, "deals") == {
        "Account Name": "account",
        "Stage": "stage",
        "Amount": "value",
        "Close Date": "close_date",
    }


def test_mapping_override_with_unit() -> None:
    mapping = plan_mapping(
        ["account", "revenue"],
        STANDARD_CATALOGUE,
        "accounts",
        parse_map_options(["revenue=annual_revenue:millions"]),
    )

    assert mapping.targets[1] == "annual_revenue"
    assert mapping.units == {1: 1_000_000}
    assert mapping.describe(1) == "annual_revenue (millions)"


def test_mapping_override_moves_target() -> None:
    mapping = plan_mapping(
        ["name", "Industry", "Sub-industry"],
        STANDARD_CATALOGUE,
        "accounts",
        {"Sub-industry": "industry"},
    )

    assert mapping.targets == {0: "name", 2: "industry"}
    assert mapping.notes == [
        "column 2 'Industry' would feed industry, which column 3 'Sub-industry' already "
        "feeds; it is not read"
    ]


def test_mapping_override_ignores_column() -> None:
    mapping = plan_mapping(["name", "Owner"], STANDARD_CATALOGUE, "accounts", {"owner": "-"})

    assert mapping.unmapped() == []
    assert mapping.ignored == {1}


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"Nope": "industry"}, "the file has no column 'Nope'"),
        ({"Revenue": "turnover"}, "'turnover' is not a field of accounts files"),
        ({"Revenue": "annual_revenue:lakhs"}, "unit 'lakhs' of 'annual_revenue' is unknown"),
        ({"Revenue": "industry:millions"}, "'industry' is not an amount"),
    ],
)
def test_mapping_override_rejected(override: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        plan_mapping(["name", "Revenue"], STANDARD_CATALOGUE, "accounts", override)


def test_parse_map_options_rejects_missing_key() -> None:
    with pytest.raises(InvalidInput, match="write COLUMN=KEY"):
        parse_map_options(["revenue"])


def test_parse_map_options_column_with_equals() -> None:
    assert parse_map_options(["a=b=industry"]) == {"a=b": "industry"}
