"""Keys handed to the app in one burst, as a terminal sends them when typing outruns frames."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from icp_tui.app import IcpApp


async def type_burst(app: IcpApp, pilot: Pilot[int], keys: list[str]) -> None:
    """Hand `keys` to the app at once, as a terminal does when keys come faster than frames.

    `Pilot.press` waits for the app to settle after each key, which would hide a key that
    reaches a screen before it is ready.
    """
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        driver.send_message(event)
    # Held keys are delivered once the screen they wait for is ready; 5 s is far beyond that.
    for _ in range(500):
        await pilot.pause(0.01)
        if app._held_keys is None:
            break
    await pilot.pause()
