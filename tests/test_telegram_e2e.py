"""End to end: the real PTB Application and brain against a fake Bot API on 127.0.0.1.

The bot runs in its own thread and event loop (``bot/testing/harness.py``); the test
thread pushes updates into the fake server and asserts on the requests the bot makes.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from telegram.error import InvalidToken

from bot.adapters.telegram import MESSAGE_LIMIT, split_message
from bot.brain.model import Turn
from bot.storage.base import Prefs
from bot.storage.sqlite import SqliteStore
from bot.testing.harness import NOW, running_bot
from bot.testing.telegram_api import BOT_USERNAME, FakeTelegram

TOKEN = "123456:TEST-e2e-secret_token"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """A started fake server; afterwards, checks invariants over everything the bot sent."""
    with FakeTelegram(TOKEN) as server:
        yield server
        server.assert_well_behaved()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    db = SqliteStore(tmp_path / "bot.db")
    yield db
    db.close()


def last_text(fake: FakeTelegram, chat_id: int, n: int) -> str:
    """Wait for the n-th message to a chat and return its text, unescaped."""
    return html.unescape(fake.wait_for_messages(chat_id, n)[n - 1].text)


def test_start_welcomes_with_caveat_buttons_and_registers_commands(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.user_says(42, "/start")
        message = fake.wait_for_messages(42, 1)[0]
    text = html.unescape(message.text)
    assert brain.knowledge.texts["caveat"] in text
    assert "BackCoach" in text
    assert {data for _, data in message.buttons} >= {"go:routine", "go:settings"}
    assert set(fake.commands) >= {"start", "help", "routine", "settings", "privacy", "forget"}


def test_free_text_is_answered_with_typing_first_and_the_caveat_last(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.user_says(42, "how do I do a superman?")
        text = last_text(fake, 42, 1)
    assert "superman" in text.lower()
    assert text.rstrip().endswith(brain.knowledge.texts["caveat"])
    methods = [r.method for r in fake.requests if r.params.get("chat_id") == 42]
    assert methods.index("sendChatAction") < methods.index("sendMessage")
    assert fake.calls("sendChatAction", 42)[0].params["action"] == "typing"


def test_red_flag_gets_urgent_advice_and_no_exercise(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.user_says(42, "since my fall I can't feel my legs and I can't control my bladder")
        message = fake.wait_for_messages(42, 1)[0]
    text = html.unescape(message.text).lower()
    assert "emergency" in text or "urgent" in text or "doctor" in text
    names = [e.name.lower() for e in brain.knowledge.exercises.values()]
    assert not [name for name in names if name in text]
    assert not any(data.startswith("r:") for _, data in message.buttons)


def test_routine_buttons_change_settings_that_survive_a_restart(fake, brain, tmp_path):
    db = tmp_path / "restart.db"
    first = SqliteStore(db)
    with running_bot(fake, brain, first):
        fake.user_says(7, "/routine")
        routine = fake.wait_for_messages(7, 1)[-1]
        assert brain.knowledge.texts["caveat"] in html.unescape(routine.text)
        datas = {data for _, data in routine.buttons}
        assert {"r:l:advanced", "r:e:band", "r:f:core", "r:n:1"} <= datas
        fake.press_button(7, "r:l:advanced")
        edit = fake.wait_for_calls("editMessageText", 1, chat_id=7)[0]
        fake.wait_for_calls("answerCallbackQuery", 1)
        assert ("\u2713 Advanced", "r:l:advanced") in edit.buttons
        fake.press_button(7, "r:n:1")
        another = fake.wait_for_messages(7, 2)[-1]
        assert "r:n:2" in {data for _, data in another.buttons}
        fake.wait_for_calls("answerCallbackQuery", 2)
    first.close()

    second = SqliteStore(db)
    try:
        assert second.get_prefs("7").level == "advanced"
        with running_bot(fake, brain, second):
            fake.user_says(7, "/settings")
            settings = fake.wait_for_messages(7, 3)[-1]
        assert "Level: Advanced" in html.unescape(settings.text)
        assert ("\u2713 Advanced", "s:l:advanced") in settings.buttons
    finally:
        second.close()


def test_settings_buttons_save_each_choice(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.user_says(8, "/settings")
        fake.wait_for_messages(8, 1)
        for n, data in enumerate(("s:e:dumbbells", "s:f:lower"), start=1):
            fake.press_button(8, data)
            fake.wait_for_calls("editMessageText", n, chat_id=8)
        fake.press_button(8, "s:tz")
        tz_help = last_text(fake, 8, 2)
    assert store.get_prefs("8") == Prefs(equipment="dumbbells", focus="lower")
    assert "time zone" in tz_help.lower()


def test_did_you_mean_buttons_answer_when_pressed(fake, brain, store):
    question = next(
        q
        for q in ("stretch", "exercise", "muscle", "back", "pain", "strength")
        if brain.reply(Turn(q, "1", NOW.date())).suggestions
    )
    with running_bot(fake, brain, store):
        fake.user_says(9, question)
        offer = fake.wait_for_messages(9, 1)[0]
        suggestion = offer.buttons[0][1]
        assert suggestion.startswith("k:")
        fake.press_button(9, suggestion)
        answer = last_text(fake, 9, 2)
        fake.wait_for_calls("answerCallbackQuery", 1)
    expected = brain.describe(suggestion[2:], Turn("", "9", NOW.date()))
    assert answer == expected.text.strip()


def test_a_time_zone_said_in_words_shows_in_settings(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.user_says(25, "my time zone is Europe/Berlin")
        fake.wait_for_messages(25, 1)
        fake.user_says(25, "/settings")
        settings = last_text(fake, 25, 2)
        fake.user_says(25, "/nosuchcommand")
        unknown = last_text(fake, 25, 3)
    assert store.get_prefs("25").tz == "Europe/Berlin"
    assert "Time zone: Europe/Berlin" in settings
    assert "/help" in unknown
    assert {"remind", "reminders"} <= set(fake.commands)


def test_stickers_and_locations_get_a_friendly_text_only_reply(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.send_sticker(11)
        fake.send_location(11)
        messages = fake.wait_for_messages(11, 2)
    assert all("text" in html.unescape(m.text) for m in messages)


def test_an_edited_message_is_answered_once(fake, brain, store):
    with running_bot(fake, brain, store):
        _, message_id = fake.user_says_with_id(12, "how do I do a bird dog?")
        fake.wait_for_messages(12, 1)
        fake.edit_message(12, message_id, "how do I do a plank?")
        plank = last_text(fake, 12, 2)
        fake.edit_message(12, message_id, "how do I do a plank?")  # delivered again, same text
        fake.user_says(12, "/help")
        fake.wait_for_messages(12, 3)
        time.sleep(0.2)
    assert "plank" in plank.lower()
    assert len(fake.messages(12)) == 3


def test_in_groups_only_commands_and_messages_to_the_bot_are_answered(fake, brain, store):
    group = -100500
    with running_bot(fake, brain, store):
        fake.user_says(13, "my back hurts after gardening, any tips?", chat_id=group)
        fake.user_says(13, f"@{BOT_USERNAME} how do I do a plank?", chat_id=group)
        fake.wait_for_messages(group, 1)
        fake.user_says(13, f"/help@{BOT_USERNAME}", chat_id=group)
        fake.wait_for_messages(group, 2)
        fake.reply_to_bot(14, "and how do I do a bridge?", chat_id=group)
        fake.user_says(14, "/help@SomeOtherBot", chat_id=group)
        messages = fake.wait_for_messages(group, 3)
        time.sleep(0.2)
    assert len(fake.messages(group)) == 3
    assert "plank" in html.unescape(messages[0].text).lower()
    assert "/routine" in messages[1].text
    assert "bridge" in html.unescape(messages[2].text).lower()
    assert messages[2].params["reply_parameters"]["message_id"] > 0  # threads under the question


def test_a_429_is_waited_out_and_the_message_still_delivered(fake, brain, store):
    fake.fail_next("sendMessage", 429, retry_after=1)
    with running_bot(fake, brain, store):
        fake.user_says(14, "/help")
        fake.wait_for_messages(14, 1, timeout=8)
    attempts = fake.calls("sendMessage", 14, ok_only=False)
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0


def test_server_errors_are_retried_with_backoff(fake, brain, store):
    fake.fail_next("sendMessage", 500, count=2)
    with running_bot(fake, brain, store):
        fake.user_says(15, "/privacy")
        fake.wait_for_messages(15, 1)
    assert [a.status for a in fake.calls("sendMessage", 15, ok_only=False)] == [500, 500, 200]


def test_a_user_who_blocked_the_bot_is_recorded_and_not_retried(fake, brain, store):
    fake.forbid_chat(16)
    fake.lose_chat(17)
    with running_bot(fake, brain, store):
        fake.user_says(16, "how do I do a plank?")
        fake.user_says(17, "/help")
        fake.user_says(18, "/help")  # everyone else is still served
        fake.wait_for_messages(18, 1)
        fake.wait_for(lambda: store.is_blocked(16), 5, "chat 16 marked blocked")
        time.sleep(0.2)
    assert len(fake.calls("sendChatAction", 16, ok_only=False)) == 1
    assert fake.calls("sendMessage", 16, ok_only=False) == []
    assert len(fake.calls("sendMessage", 17, ok_only=False)) == 1


def test_forget_deletes_everything_after_confirmation(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.user_says(19, "/settings")
        fake.wait_for_messages(19, 1)
        fake.press_button(19, "s:l:senior")
        fake.wait_for_calls("editMessageText", 1, chat_id=19)
        assert store.get_prefs("19").level == "senior"
        fake.user_says(19, "/forget")
        ask = fake.wait_for_messages(19, 2)[-1]
        assert {"f:yes", "f:no"} == {data for _, data in ask.buttons}
        assert store.get_prefs("19").level == "senior"  # nothing deleted before the button
        fake.press_button(19, "f:yes")
        done = fake.wait_for_calls("editMessageText", 2, chat_id=19)[-1]
    assert "deleted" in done.text
    assert sum(store.describe_user("19").values()) == 0
    assert store.get_prefs("19") == Prefs()


class FailingBrain:
    """The real brain, except that it fails on one word (fault injection for the error path)."""

    def __init__(self, brain):
        self._brain = brain
        self.knowledge = brain.knowledge

    def reply(self, turn):
        if "explode" in turn.text:
            raise RuntimeError("injected failure")
        return self._brain.reply(turn)

    def __getattr__(self, name):
        return getattr(self._brain, name)


def test_a_failing_turn_is_logged_with_its_update_id_and_the_bot_carries_on(fake, brain, store, caplog):
    with running_bot(fake, FailingBrain(brain), store):
        update_id = fake.user_says(27, "please explode")
        sorry = last_text(fake, 27, 1)
        fake.user_says(27, "how do I do a plank?")
        plank = last_text(fake, 27, 2)
    assert "went wrong" in sorry
    assert "plank" in plank.lower()
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 1 and f"update {update_id} failed" in failures[0].getMessage()
    assert "injected failure" in caplog.text


def test_privacy_lists_what_is_stored_and_counts_the_users_records(fake, brain, store):
    with running_bot(fake, brain, store):
        fake.user_says(28, "/privacy")
        before = last_text(fake, 28, 1)
        fake.user_says(28, "/start")  # first contact stores the chat id
        fake.user_says(28, "/privacy")
        after = last_text(fake, 28, 3)
    assert "settings" in before and "/forget" in before
    assert "holds 0 records about you" in before
    assert "holds 1 record about you" in after


def test_a_token_the_server_rejects_fails_the_start_instead_of_hanging(fake, brain, store):
    fake.fail_next("getMe", 401)
    started = time.monotonic()
    with pytest.raises(InvalidToken), running_bot(fake, brain, store):
        pass
    assert time.monotonic() - started < 5  # raised at once, not after the start-up timeout


def test_messages_sent_while_the_bot_was_down_are_answered_after_restart(fake, brain, store):
    fake.user_says(20, "/help")  # queued before the bot starts
    with running_bot(fake, brain, store):
        fake.wait_for_messages(20, 1)
    assert fake.calls("deleteWebhook")[0].params.get("drop_pending_updates") in (None, "False", "false", False)


def test_consecutive_messages_to_one_chat_are_paced(fake, brain, store):
    with running_bot(fake, brain, store, chat_interval=0.4):
        fake.user_says(21, "/help")
        fake.user_says(21, "/privacy")
        fake.user_says(22, "/help")
        first, second = fake.wait_for_messages(21, 2)
        other = fake.wait_for_messages(22, 1)[0]
    assert second.at - first.at >= 0.35
    assert other.at - first.at < 0.35  # another chat is not held up


def test_the_token_never_appears_in_logs(fake, brain, store, caplog):
    caplog.set_level(logging.DEBUG)
    fake.fail_next("sendMessage", 500)
    with running_bot(fake, brain, store):
        fake.user_says(23, "how do I do a bridge?")
        fake.wait_for_messages(23, 1)
        logging.getLogger("somelib").info("GET %s/bot%s/getMe", fake.base_url, TOKEN)
    assert "turn update=" in caplog.text  # one line per turn
    assert "[REDACTED]" in caplog.text
    assert TOKEN not in caplog.text
    assert not [r for r in caplog.records if TOKEN in r.getMessage()]
    assert "how do I do a bridge?" not in "\n".join(
        r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG
    )


def test_serve_runs_until_interrupted_and_keeps_the_token_out_of_its_output(fake, tmp_path):
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": fake.base_url,
        "BACKCOACH_DB": str(tmp_path / "serve.db"),
        "LOG_LEVEL": "DEBUG",
    }
    code = (
        "import os, sys; from bot.config import Settings; from bot.adapters.telegram import serve;"
        "sys.exit(serve(Settings.from_env(os.environ)))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        fake.user_says(24, "/start")
        fake.wait_for(lambda: fake.messages(24) != [] or process.poll() is not None, 60, "the /start reply")
        assert process.poll() is None, process.communicate()[0].decode()[-2000:]
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output.decode()[-2000:]
    assert TOKEN.encode() not in output
    assert set(fake.commands) >= {"start", "routine", "forget"}
    assert SqliteStore(tmp_path / "serve.db").get_chat("24") == 24


@pytest.mark.parametrize("size", [10, 3000, 9000, 20000])
def test_long_replies_split_under_the_limit_with_the_caveat_last(size):
    caveat = "Please consult a health professional <first> & take care."
    body = "\n\n".join(f"Step {i}: lift & lower <slowly> " + "x" * (i % 50) for i in range(size // 40))
    parts = split_message(f"{body}\n\n{caveat}")
    assert all(len(p.encode("utf-16-le")) // 2 <= MESSAGE_LIMIT for p in parts)
    assert parts[-1].endswith(html.escape(caveat))
    assert html.unescape("\n\n".join(parts)) == f"{body}\n\n{caveat}".strip()
    assert "<slowly>" not in "".join(parts)


def test_a_paragraph_longer_than_a_message_is_cut_safely():
    parts = split_message("&" * 5000 + "\n\nend")
    assert all(len(p) <= MESSAGE_LIMIT for p in parts)
    assert len(parts) >= 2 and parts[-1].endswith("\n\nend")
    assert html.unescape("".join(parts)) == "&" * 5000 + "\n\nend"  # hard cuts add nothing
    words = split_message("word " * 2000)
    assert len(words) == 3 and html.unescape(" ".join(words)) == ("word " * 2000).strip()


def test_connection_failures_are_retried_then_reported():
    """A server that hangs up on every request: one try plus one per backoff delay."""
    import socket

    from telegram.error import NetworkError
    from telegram.request import RequestData

    from bot.adapters.telegram import RetryingRequest

    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def hang_up() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            accepted.append(connection)
            connection.close()

    threading.Thread(target=hang_up, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/bot{TOKEN}/getMe"

    async def call() -> None:
        request = RetryingRequest((0.01, 0.02))
        await request.initialize()
        try:
            await request.post(url, RequestData())
        finally:
            await request.shutdown()

    with pytest.raises(NetworkError):
        asyncio.run(call())
    listener.close()
    assert len(accepted) == 3
