"""Ending the process cleanly on SIGTERM and SIGHUP, so that pending changes are saved.

By default both signals end Python at once, without running `finally` blocks, and the
store's background writer dies with unsaved changes. SIGHUP is what a session receives
when its SSH connection drops. These helpers turn either signal into an orderly exit, after
which the code that opened the store closes it, and closing writes what is pending.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable
from types import FrameType

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def exit_status(signum: int) -> int:
    """Return the shell's convention for a process ended by `signum`: 128 + its number."""
    return 128 + signum


def handle_exit_signals_in_loop(
    loop: asyncio.AbstractEventLoop, request_exit: Callable[[int], None]
) -> Callable[[], None]:
    """Call `request_exit(signum)` on the event loop when SIGTERM or SIGHUP arrives.

    For an asyncio app such as a Textual one: `request_exit` should ask the app to exit,
    so that it restores the terminal before the store is closed. Return a function that
    removes the handlers.
    """
    for signum in EXIT_SIGNALS:
        loop.add_signal_handler(signum, request_exit, signum)

    def remove() -> None:
        for signum in EXIT_SIGNALS:
            loop.remove_signal_handler(signum)

    return remove


def raise_system_exit_on_signals() -> None:
    """Make SIGTERM and SIGHUP raise SystemExit in the main thread.

    For code without an event loop: `with store:` blocks and `finally` clauses then run,
    so the store is closed and flushed before the process ends. Outside the main thread,
    where Python cannot install signal handlers, this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(exit_status(signum))

    for signum in EXIT_SIGNALS:
        signal.signal(signum, handler)
