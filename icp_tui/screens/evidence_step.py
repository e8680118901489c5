"""The shared part of steps 2 and 3: the evidence table and taking criteria into the profile."""

from __future__ import annotations

from typing import ClassVar

from icp_tui.domain.attributes import AttributeKind
from icp_tui.domain.models import AccountTier, Characteristic, PastAccount, catalogue_context
from icp_tui.screens.profile_draft import put_characteristic
from icp_tui.screens.profile_forms import CharacteristicForm
from icp_tui.screens.step_base import StepScreen
from icp_tui.widgets.evidence_table import AttributeVerdict, EvidenceTable


class EvidenceStepScreen(StepScreen):
    """A step that compares the best accounts on the attributes of one kind."""

    KIND: ClassVar[AttributeKind] = AttributeKind.DEMOGRAPHIC

    def evidence_accounts(self) -> tuple[list[PastAccount], list[PastAccount]]:
        """Return the best accounts (best, then near miss) and the poor ones, by name."""
        accounts = sorted(self.store.accounts(), key=lambda a: a.name.casefold())
        best = [a for a in accounts if a.tier is AccountTier.BEST]
        best += [a for a in accounts if a.tier is AccountTier.NEAR_MISS]
        poor = [a for a in accounts if a.tier is AccountTier.POOR]
        return best, poor

    def verdicts(self) -> dict[str, AttributeVerdict] | None:
        # TODO: verdicts and proposed criteria from the evidence logic, once it lands.
        return None

    def show_evidence(self) -> None:
        best, poor = self.evidence_accounts()
        self._verdicts = self.verdicts()
        table = self.query_one(EvidenceTable)
        table.show(self.store.catalogue().of_kind(self.KIND), best, poor, self._verdicts)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take":
            key = self.query_one(EvidenceTable).current_attribute()
            verdict = (getattr(self, "_verdicts", None) or {}).get(key or "")
            return True if verdict is not None and verdict.proposal is not None else None
        return True

    def action_take(self) -> None:
        key = self.query_one(EvidenceTable).current_attribute()
        verdict = (self._verdicts or {}).get(key or "")
        if key is None or verdict is None or verdict.proposal is None:
            return
        attribute = self.store.catalogue().require(key)
        characteristic = Characteristic.model_validate(
            {
                "label": f"{attribute.label}: {verdict.proposal.describe()}",
                "attribute": key,
                "criterion": verdict.proposal.model_dump(exclude_none=True),
            },
            context=catalogue_context(self.store.catalogue()),
        )
        saved = self.save(
            lambda: self.store.save_profile(
                put_characteristic(self.store.profile(), characteristic, None)
            )
        )
        if saved:
            self.notify(f"In the profile draft: {characteristic.label}", markup=False)
        self.refresh_step()

    def action_write(self) -> None:
        key = self.query_one(EvidenceTable).current_attribute()
        if key is None:
            return
        profile = self.store.profile()
        slot = next(
            (i for i, c in enumerate(profile.characteristics) if c.attribute == key),
            len(profile.characteristics),
        )
        existing = profile.characteristics[slot] if slot < len(profile.characteristics) else None

        def save(characteristic: Characteristic) -> None:
            self.store.save_profile(put_characteristic(self.store.profile(), characteristic, None))

        self.app.push_screen(
            CharacteristicForm(slot + 1, self.store.catalogue(), save, existing, attribute_key=key),
            lambda _saved: self.refresh_step(),
        )
