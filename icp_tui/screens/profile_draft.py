"""Changes to the profile draft made from steps 2, 3 and 4, each saved as soon as made."""

from __future__ import annotations

from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import PROFILE_SIZE, Characteristic, Profile


def put_characteristic(
    profile: Profile, characteristic: Characteristic, slot: int | None
) -> Profile:
    """Return `profile` with `characteristic` in slot `slot` (0-based), or placed by attribute.

    With `slot` None, a characteristic on the same attribute is replaced, else the new one
    goes into the first free slot. Raise InvalidInput when all five slots are taken, or when
    another slot already uses the attribute.
    """
    characteristics = list(profile.characteristics)
    same_attribute = next(
        (i for i, c in enumerate(characteristics) if c.attribute == characteristic.attribute),
        None,
    )
    if slot is None:
        slot = same_attribute if same_attribute is not None else len(characteristics)
    elif same_attribute is not None and same_attribute != slot:
        raise InvalidInput(
            f"Attribute: {characteristic.attribute!r} is already used by characteristic "
            f"{same_attribute + 1}; edit that one instead"
        )
    if slot >= PROFILE_SIZE:
        raise InvalidInput(
            f"the profile already has {PROFILE_SIZE} characteristics; clear one in step 4 first"
        )
    if slot < len(characteristics):
        characteristics[slot] = characteristic
    else:
        characteristics.append(characteristic)
    return profile.model_copy(update={"characteristics": tuple(characteristics)})


def remove_characteristic(profile: Profile, slot: int) -> Profile:
    """Return `profile` without the characteristic in slot `slot` (0-based); later ones move up."""
    characteristics = [c for i, c in enumerate(profile.characteristics) if i != slot]
    return profile.model_copy(update={"characteristics": tuple(characteristics)})
