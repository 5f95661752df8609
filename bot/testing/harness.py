"""Run the real BackCoach Application in a background thread against the fake Bot API.

``running_bot`` is how the end-to-end tests start the bot: the PTB Application from
``build_application`` with the real brain and a real store, long polling the
:class:`~bot.testing.telegram_api.FakeTelegram` server on 127.0.0.1. The bot gets its own
thread and event loop, as under ``backcoach serve``, so the calling thread can push updates
into the fake and block on what the bot sends back::

    with FakeTelegram(TOKEN) as fake, running_bot(fake, brain, store):
        fake.user_says(42, "/help")
        fake.wait_for_messages(42, 1)

The bot reads time only through the ``clock`` it is given. By default that is a fixed
Monday morning, so no test depends on the real time of day; pass a :class:`Clock` to move
time by hand, and :meth:`RunningBot.deliver_now` to run the reminders job at that time
instead of waiting for the JobQueue.

``running_application`` is the part underneath: it runs an Application built elsewhere.
The Telegram benchmark uses it directly, because it measures the production pacing and the
real clock rather than the shrunk test settings ``running_bot`` builds with.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, TypeVar

from telegram.ext import Application, CallbackContext

from bot.adapters import telegram as adapter
from bot.config import Settings
from bot.storage.base import SettingsStore
from bot.testing.telegram_api import FakeTelegram

# The Monday of the tests' fixed TODAY (tests/conftest.py): the bot's default "now", so no
# reply depends on the real date.
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)

T = TypeVar("T")
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class Clock:
    """A clock the test moves by hand (``clock.now = ...``); the bot calls it for the time."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class RunningBot:
    """A started bot: its Application and the event loop (in another thread) that runs it."""

    def __init__(self, application: AnyApplication, loop: asyncio.AbstractEventLoop) -> None:
        self.application = application
        self.loop = loop

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run a coroutine on the bot's loop, wait for it and return its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def deliver_now(self) -> Any:
        """Run the reminders job body once, at the clock's time; returns its delivery report."""
        service = self.application.bot_data["reminders"]
        return self.run(service.deliver(CallbackContext(self.application)))


@contextmanager
def running_application(application: AnyApplication, *, timeout: float = 10.0) -> Iterator[RunningBot]:
    """Run a built ``application``, polling, in its own thread until the block ends.

    Yields a :class:`RunningBot` for it.

    Raises:
        Whatever the bot raised while starting or stopping (here, in the calling thread).
        TimeoutError: the bot did not start, or did not stop, within ``timeout`` seconds.
    """
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    bot = RunningBot(application, loop)
    try:
        # Start and stop run on the bot's loop, so their errors surface here, in the caller.
        # A 1 s long poll (the fake caps it anyway) keeps the stop quick.
        bot.run(adapter.start(application, poll_timeout=1.0), timeout)
        yield bot
    finally:
        try:
            bot.run(adapter.stop(application), timeout)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
            if not thread.is_alive():  # closing a loop that still runs would hide the real error
                loop.close()


@contextmanager
def running_bot(
    fake: FakeTelegram,
    brain: Any,
    store: SettingsStore,
    *,
    clock: Callable[[], datetime] | None = None,
    chat_interval: float = 0.02,
    retry_delays: Sequence[float] = (0.05, 0.1),
    timeout: float = 10.0,
) -> Iterator[RunningBot]:
    """Build the bot for ``fake`` and run it until the block ends; yields a :class:`RunningBot`.

    ``brain`` may be any object with the Brain's interface (tests wrap it to inject faults).
    ``clock`` defaults to the fixed :data:`NOW`. ``chat_interval`` and ``retry_delays`` are
    the production pacing and backoff, shrunk so tests still exercise them but stay fast.
    The caller owns ``store``: it stays open after the bot stops, to be inspected or reused
    by a restarted bot. Raises as :func:`running_application` does.
    """
    settings = Settings(telegram_token=fake.token, telegram_base_url=fake.base_url)
    application = adapter.build_application(
        settings,
        brain,
        store,
        chat_interval=chat_interval,
        retry_delays=retry_delays,
        clock=clock or (lambda: NOW),
    )
    with running_application(application, timeout=timeout) as bot:
        yield bot
