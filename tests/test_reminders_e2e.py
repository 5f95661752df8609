"""End to end through the fake Bot API: set a reminder, restart, receive it once, Done, streak.

The real Application runs against ``bot/testing/telegram_api.py`` on 127.0.0.1. The clock is
injected (``build_application(clock=...)``) and the delivery job is driven directly, so the
test never waits for a real minute.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.telegram import build_application
from bot.adapters.telegram_reminders import ReminderService, apply_actions
from bot.brain.model import CancelReminders, ListReminders, SetReminder, SetTimezone
from bot.brain.reminder_text import parse_reminder
from bot.config import Settings
from bot.storage.base import Prefs
from bot.storage.memory import MemoryStore
from bot.storage.reminders import ReminderStore
from bot.storage.sqlite import SqliteStore
from bot.testing.harness import Clock, RunningBot, running_bot
from bot.testing.telegram_api import FakeTelegram

TOKEN = "123456:TEST-reminders-e2e_token"
USER = 4242


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(TOKEN) as server:
        yield server
        server.assert_well_behaved()


@contextmanager
def running(fake: FakeTelegram, brain: Any, db: Path, clock: Clock) -> Iterator[RunningBot]:
    """Run the real Application (with a fresh store on ``db``) until the block ends."""
    store = SqliteStore(db)
    try:
        with running_bot(fake, brain, store, clock=clock, chat_interval=0.0, retry_delays=(0.05,)) as bot:
            yield bot
    finally:
        store.close()


def texts(fake: FakeTelegram) -> list[str]:
    return [html.unescape(r.text) for r in fake.messages(USER)]


def reminders_sent(fake: FakeTelegram) -> list[Any]:
    return [r for r in fake.messages(USER) if "Time for your back routine" in html.unescape(r.text)]


def button(request: Any, prefix: str, suffix: str = "") -> str:
    [data] = [d for _, d in request.buttons if d.startswith(prefix) and d.endswith(suffix)]
    return data


def test_reminder_survives_restart_arrives_once_and_done_builds_the_streak(
    fake: FakeTelegram, brain: Any, tmp_path: Path
) -> None:
    db = tmp_path / "e2e.db"
    clock = Clock(datetime(2026, 3, 2, 9, 30, 10, tzinfo=timezone.utc))  # Monday 10:30 in Berlin
    with running(fake, brain, db, clock):
        fake.user_says(USER, "my timezone is Europe/Berlin")
        fake.wait_for_messages(USER, 1)
        fake.user_says(USER, "remind me every day at 10:31")
        fake.wait_for_messages(USER, 2)
    zone_reply, set_reply = texts(fake)[:2]
    assert "10:30" in zone_reply and "Europe/Berlin" in zone_reply
    assert "Next reminder: Mon 02 Mar 10:31 (Europe/Berlin)" in set_reply

    streak_text = ""
    for day in range(3):  # Monday, Tuesday, Wednesday: three sessions meet the weekly target
        due = datetime(2026, 3, 2, 9, 31, tzinfo=timezone.utc) + timedelta(days=day)
        clock.now = due - timedelta(seconds=20)
        with running(fake, brain, db, clock) as bot:  # a restart before every due time
            bot.deliver_now()
            assert len(reminders_sent(fake)) == day  # not early
            clock.now = due + timedelta(seconds=5)
            bot.deliver_now()
            fake.wait_for(lambda sent=day: len(reminders_sent(fake)) > sent, what="the reminder")
            [reminder] = reminders_sent(fake)[day:]
            assert brain.knowledge.texts["caveat"] in html.unescape(reminder.text)
            labels = [label for label, _ in reminder.buttons]
            assert any("Done" in label for label in labels)
            assert any("Snooze 30 min" in label for label in labels)
            assert any("Skip today" in label for label in labels)
            n = len(fake.messages(USER))
            fake.press_button(USER, button(reminder, "rem:d:"))
            after = fake.wait_for_messages(USER, n + 1)[n:]
            [done] = after
            streak_text = html.unescape(done.text)
            assert f"This week: {day + 1} of 3 sessions." in streak_text
            # Pressing Done twice logs nothing twice: the buttons are gone from the reminder.
            fake.wait_for_calls("editMessageReplyMarkup", day + 1)
        # A second restart right after the delivery: nothing is sent again for that day.
        clock.now = due + timedelta(minutes=3)
        with running(fake, brain, db, clock) as bot:
            bot.deliver_now()
            bot.deliver_now()
        assert len(reminders_sent(fake)) == day + 1
    assert "Streak: 1 week in a row" in streak_text

    # The optional check-in after the last Done: hard, then pain 8 eases and says so.
    with running(fake, brain, db, clock):
        last_done = fake.messages(USER)[-1]
        fake.press_button(USER, button(last_done, "rem:f:", ":h"))
        fake.wait_for(lambda: any("Any pain now" in html.unescape(r.text)
                                  for r in fake.calls("editMessageText", USER)), what="pain question")
        pain = [r for r in fake.calls("editMessageText", USER) if "Any pain now" in html.unescape(r.text)][-1]
        fake.press_button(USER, button(pain, "rem:p:", ":8"))
        fake.wait_for(lambda: any("Pain 8/10" in html.unescape(r.text)
                                  for r in fake.calls("editMessageText", USER)), what="verdict")
        verdict = html.unescape(fake.calls("editMessageText", USER)[-1].text)
        assert "pain of 8/10" in verdict and "stop any exercise that hurts" in verdict  # beginner: eased in place
        n = len(fake.messages(USER))
        fake.user_says(USER, "/progress")
        progress = html.unescape(fake.wait_for_messages(USER, n + 1)[n].text)
    assert "This week: 3 of 3 sessions." in progress
    assert "Streak: 1 week in a row" in progress and "Last 4 weeks:" in progress


def test_reminders_command_lists_with_delete_buttons_and_blocked_user_is_paused(
    fake: FakeTelegram, brain: Any, tmp_path: Path
) -> None:
    db = tmp_path / "list.db"
    clock = Clock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    with running(fake, brain, db, clock) as bot:
        fake.user_says(USER, "/remind 07:30 mon-fri")
        first = html.unescape(fake.wait_for_messages(USER, 1)[0].text)
        assert "weekdays at 07:30 (UTC)" in first
        assert "using UTC" in first  # asked once for the time zone
        fake.user_says(USER, "/remind 25:00")
        assert "00:00 and 23:59" in html.unescape(fake.wait_for_messages(USER, 2)[1].text)
        fake.user_says(USER, "/remind 18:00 weekends")
        assert "using UTC" not in html.unescape(fake.wait_for_messages(USER, 3)[2].text)
        fake.user_says(USER, "/reminders")
        listing = fake.wait_for_messages(USER, 4)[3]
        deletes = [d for _, d in listing.buttons if d.startswith("rem:x:")]
        assert len(deletes) == 2
        fake.press_button(USER, deletes[0])
        fake.wait_for_calls("editMessageText", 1, USER)
        store = bot.application.bot_data["reminders"].reminders
        assert len(store.for_user(str(USER))) == 1
        # The user blocks the bot: the next due reminder pauses their reminders, no retries.
        fake.forbid_chat(USER)
        clock.now = datetime(2026, 3, 7, 18, 0, 5, tzinfo=timezone.utc)  # Saturday 18:00
        report = bot.deliver_now()
        assert report.blocked == 1
        assert store.for_user(str(USER))[0].paused
        clock.now += timedelta(days=1)
        assert bot.deliver_now().claimed == 0


# --- the adapter layer without the network ---------------------------------------------------

MONDAY_0930 = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def act(store: Any, *actions: Any) -> list[str]:
    return asyncio.run(apply_actions(store, "u", 1, tuple(actions), MONDAY_0930))


def test_apply_actions_confirms_local_time_and_asks_for_the_zone_once(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "a.db")
    first = act(store, SetReminder(at=time(7, 30)))
    assert first[0] == "Next reminder: Tue 03 Mar 07:30 (UTC)."
    assert "using UTC" in first[1] and "Europe/Berlin" in first[1]
    second = act(store, SetReminder(at=time(18), days=(5, 6)))
    assert second == ["Next reminder: Sat 07 Mar 18:00 (UTC).", "Times are in UTC until you set your time zone."]
    moved = act(store, SetTimezone("Etc/GMT-2"))
    assert moved == ["It is 11:30 on Mon 02 Mar there (UTC+2).", "Your 2 reminders now follow this zone."]
    assert store.get_prefs("u").tz == "Etc/GMT-2"
    listed = act(store, ListReminders())
    assert listed[0] == "\u2022 every day at 07:30 (UTC+2), next Tue 03 Mar 07:30"
    assert act(store, CancelReminders(at=time(9))) == ["There was no reminder at 09:00. /reminders lists yours."]
    assert act(store, CancelReminders()) == ["Removed 2 reminders."]
    assert act(store, ListReminders())[0].startswith("You have no reminders.")
    store.close()


def test_apply_actions_without_sqlite_still_sets_the_zone() -> None:
    store = MemoryStore()
    assert act(store, SetTimezone("Asia/Tokyo")) == ["It is 18:30 on Mon 02 Mar there (Asia/Tokyo)."]
    assert store.get_prefs("u").tz == "Asia/Tokyo"
    assert act(store, SetReminder(at=time(7))) == ["Reminders are not available with this storage."]


def test_reminder_routine_is_eased_after_a_hard_check_in(brain: Any, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "ease.db")
    store.save_prefs("u", Prefs(level="intermediate"))
    service = ReminderService(brain, store, lambda: MONDAY_0930)
    assert "eased" not in service.reminder_text("u", MONDAY_0930.date())
    assert service.reminders is not None
    service.reminders.set_ease("u", 1)
    text = service.reminder_text("u", MONDAY_0930.date())
    assert "eased to beginner" in text
    assert brain.knowledge.texts["caveat"] in text
    store.close()


def test_one_repeating_job_serves_every_reminder(brain: Any, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "job.db")
    settings = Settings(telegram_token=TOKEN, telegram_base_url="http://127.0.0.1:9/bot")
    application = build_application(settings, brain, store)
    jobs = application.job_queue.jobs() if application.job_queue else ()
    assert [job.name for job in jobs] == ["reminders"]
    store.close()


# --- changing a reminder ---------------------------------------------------------------------

WEEKDAYS, WEEKENDS = (0, 1, 2, 3, 4), (5, 6)


def schedule(store: SqliteStore) -> list[tuple[time, tuple[int, ...]]]:
    return [(r.at, r.days) for r in ReminderStore.for_store(store).for_user("u")]


def test_change_without_days_keeps_the_weekdays_and_says_what_is_stored(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "change.db")
    act(store, SetReminder(at=time(7), days=WEEKDAYS))
    lines = act(store, parse_reminder("change my reminder to 8pm"))
    assert lines[:2] == ["Changed your 07:00 reminder: now weekdays at 20:00.", "Next reminder: Mon 02 Mar 20:00 (UTC)."]
    assert schedule(store) == [(time(20), WEEKDAYS)]
    store.close()


def test_change_naming_the_old_time_moves_only_that_one(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "two.db")
    act(store, SetReminder(at=time(7), days=WEEKDAYS), SetReminder(at=time(10), days=WEEKENDS))
    lines = act(store, parse_reminder("change my 7am reminder to 8am"))
    assert lines[0] == "Changed your 07:00 reminder: now weekdays at 08:00."
    assert schedule(store) == [(time(8), WEEKDAYS), (time(10), WEEKENDS)]
    store.close()


def test_ambiguous_change_asks_which_one_and_the_suggested_answer_works(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "ask.db")
    act(store, SetReminder(at=time(7), days=WEEKDAYS), SetReminder(at=time(10), days=WEEKENDS))
    lines = act(store, parse_reminder("change my reminder to 8pm"))
    assert lines == [
        "You have 2 reminders, so I changed none yet. Which one should move to 20:00?",
        "\u2022 weekdays at 07:00 (UTC), next Tue 03 Mar 07:00",
        "\u2022 weekends at 10:00 (UTC), next Sat 07 Mar 10:00",
        'Say e.g. "change my 07:00 reminder to 20:00".',
    ]
    assert schedule(store) == [(time(7), WEEKDAYS), (time(10), WEEKENDS)]  # nothing lost
    suggested = lines[-1].split('"')[1]
    assert act(store, parse_reminder(suggested))[0] == "Changed your 07:00 reminder: now weekdays at 20:00."
    assert schedule(store) == [(time(10), WEEKENDS), (time(20), WEEKDAYS)]
    store.close()


def test_change_naming_a_missing_reminder_lists_the_real_ones(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "missing.db")
    act(store, SetReminder(at=time(7), days=WEEKDAYS))
    lines = act(store, parse_reminder("move my 9am reminder to 10am"))
    assert lines[0] == "You have no reminder at 09:00, so I changed none. Your reminders:"
    assert lines[-1] == 'Say e.g. "change my 07:00 reminder to 10:00".'
    assert schedule(store) == [(time(7), WEEKDAYS)]
    assert act(store, CancelReminders()) == ["Removed 1 reminder."]
    assert act(store, parse_reminder("change my reminder to 8pm"))[0] == (
        "You had no reminder to change, so I set a new one: every day at 20:00."
    )
    store.close()


def test_user_moves_one_of_two_reminders_in_chat(fake: FakeTelegram, brain: Any, tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    with running(fake, brain, tmp_path / "chat.db", clock) as bot:
        fake.user_says(USER, "/remind 07:00 weekdays")
        fake.wait_for_messages(USER, 1)
        fake.user_says(USER, "/remind 10:00 weekends")
        fake.wait_for_messages(USER, 2)
        fake.user_says(USER, "move my 7am reminder to 8:30")
        moved = html.unescape(fake.wait_for_messages(USER, 3)[2].text)
        fake.user_says(USER, "/remind change my 10am reminder to 11am")
        command = html.unescape(fake.wait_for_messages(USER, 4)[3].text)
        store = bot.application.bot_data["reminders"].reminders
        kept = [(r.at, r.days) for r in store.for_user(str(USER))]
    assert "Changed your 07:00 reminder: now weekdays at 08:30." in moved
    assert "Next reminder: Tue 03 Mar 08:30 (UTC)." in moved
    assert command.startswith("Changed your 10:00 reminder: now weekends at 11:00.")
    assert kept == [(time(8, 30), WEEKDAYS), (time(11), WEEKENDS)]
