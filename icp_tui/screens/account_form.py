"""The form that adds or edits a past account: name, tier, outcome measures and demographics.

Psychographic traits are rated in step 3's grid, so the form keeps them as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Input, Select

from icp_tui.domain.attributes import AttributeKind, AttributeType, Catalogue, TraitValue
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import AccountTier, PastAccount, catalogue_context
from icp_tui.screens.dialogs import (
    FormScreen,
    labelled_input,
    labelled_select,
    number_text,
    optional_count,
    optional_number,
    optional_rating,
)

TIER_LABELS: dict[AccountTier, str] = {
    AccountTier.BEST: "best",
    AccountTier.NEAR_MISS: "near miss",
    AccountTier.POOR: "poor",
    AccountTier.OTHER: "other",
}


class AccountForm(FormScreen[PastAccount]):
    """Add a past account (`account` None) or edit one; saved only when every field is valid."""

    def __init__(
        self,
        catalogue: Catalogue,
        save: Callable[[PastAccount], object],
        account: PastAccount | None = None,
    ) -> None:
        title = f"Edit {account.name}" if account else "Add a past account"
        super().__init__(title, save)
        self.catalogue = catalogue
        self.account = account
        self.demographics = catalogue.of_kind(AttributeKind.DEMOGRAPHIC)

    def compose_fields(self) -> ComposeResult:
        account = self.account or PastAccount(name="new")
        yield from labelled_input("Name", self.account.name if self.account else "", "name")
        yield from labelled_select(
            "Tier",
            Select(
                [(label, tier.value) for tier, label in TIER_LABELS.items()],
                value=account.tier.value,
                allow_blank=False,
                id="tier",
                compact=True,
            ),
        )
        yield from labelled_input(
            "Profitability (1 to 5)", number_text(account.profitability), "profitability"
        )
        yield from labelled_input(
            "Relationship (1 to 5)", number_text(account.relationship), "relationship"
        )
        yield from labelled_input("Renewals (count)", number_text(account.renewals), "renewals")
        yield from labelled_input("Referrals (count)", number_text(account.referrals), "referrals")
        for attribute in self.demographics:
            value = account.traits.get(attribute.key)
            shown = number_text(value) if isinstance(value, int | float) else (value or "")
            hint = "a number, such as 1,200 or 5M" if attribute.type is AttributeType.NUMBER else ""
            yield from labelled_input(
                attribute.label, shown, f"trait-{attribute.key}", placeholder=hint
            )
        yield from labelled_input("Notes", account.notes, "notes")

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def build(self) -> PastAccount:
        traits: dict[str, TraitValue] = {
            key: value
            for key, value in (self.account.traits if self.account else {}).items()
            if key not in {a.key for a in self.demographics}
        }
        for attribute in self.demographics:
            text = self._text(f"trait-{attribute.key}").strip()
            if not text:
                continue
            if attribute.type is AttributeType.NUMBER:
                number = optional_number(text, attribute.label)
                assert number is not None
                traits[attribute.key] = number
            else:
                traits[attribute.key] = text
        tier = self.query_one("#tier", Select).value
        if not isinstance(tier, str):
            raise InvalidInput("Tier: choose best, near miss, poor or other")
        fields = {
            "name": self._text("name"),
            "tier": tier,
            "profitability": optional_rating(self._text("profitability"), "Profitability"),
            "relationship": optional_rating(self._text("relationship"), "Relationship quality"),
            "renewals": optional_count(self._text("renewals"), "Renewals"),
            "referrals": optional_count(self._text("referrals"), "Referrals"),
            "notes": self._text("notes"),
            "traits": traits,
        }
        base = self.account.model_dump(mode="json") if self.account else {}
        return PastAccount.model_validate(
            {**base, **fields}, context=catalogue_context(self.catalogue)
        )
