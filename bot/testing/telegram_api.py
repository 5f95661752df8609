"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and the benchmarks.

python-telegram-bot calls ``<base_url><token>/<method>``; point it at ``server.base_url``.
Tests push updates (``user_says``, ``press_button``, ...) and assert on the recorded requests.
Only the methods BackCoach uses are implemented: anything else is recorded in
``unknown_methods`` and answered 404, and ``assert_well_behaved`` fails the test.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

if TYPE_CHECKING:  # typing.Self is 3.11+; the project still supports 3.10
    from typing_extensions import Self

BOT_ID = 777000111
BOT_USERNAME = "BackCoachTestBot"
# Values the Bot API sends as JSON inside form fields.
_JSON_FIELDS = {"reply_markup", "commands", "allowed_updates", "entities", "scope", "reply_parameters", "link_preview_options"}
_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id"}


@dataclass
class Request:
    """One call the bot made: method, decoded params, HTTP status answered, monotonic time."""

    method: str
    params: dict[str, Any]
    status: int
    at: float

    @property
    def text(self) -> str:
        """The message text of a sendMessage / editMessageText call ('' otherwise)."""
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data) of every inline button in the call's reply_markup."""
        markup = self.params.get("reply_markup") or {}
        return [
            (b.get("text", ""), b.get("callback_data", ""))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None = None
    remaining: int = 1


@dataclass
class _State:
    lock: threading.Condition = field(default_factory=threading.Condition)
    updates: list[dict[str, Any]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    unknown_methods: list[str] = field(default_factory=list)
    delivered_at: dict[int, float] = field(default_factory=dict)  # update_id -> monotonic
    sent: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # chat -> messages
    failures: dict[str, list[_Failure]] = field(default_factory=dict)
    forbidden_chats: set[int] = field(default_factory=set)
    missing_chats: set[int] = field(default_factory=set)
    commands: list[dict[str, Any]] = field(default_factory=list)


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id < 0:
        return {"id": chat_id, "type": "group", "title": "Back club"}
    return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": "en"}


BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "BackCoach",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


class FakeTelegram:
    """The fake server and its test helpers; use as a context manager or call start()/stop()."""

    def __init__(self, token: str = "123456:TEST-fake-token_abc", max_poll_wait: float = 1.0) -> None:
        """Prepare a server for one bot token; long polls wait at most ``max_poll_wait`` s."""
        self.token = token
        self.max_poll_wait = max_poll_wait
        self._state = _State()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.callbacks_pushed = 0

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> Self:
        """Listen on an ephemeral loopback port in a daemon thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body leave in two writes; with Nagle on, the client's delayed ACK
            # would add ~40 ms to every call and swamp the latencies being measured.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                return  # keep test output quiet

            def do_POST(self) -> None:
                fake._handle(self)

            do_GET = do_POST

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wake any waiting long poll."""
        with self._state.lock:
            self._state.lock.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """The value for ApplicationBuilder().base_url() / TELEGRAM_BASE_URL."""
        assert self._server is not None, "start() the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # --- HTTP ------------------------------------------------------------------------------
    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        body = http.rfile.read(length) if length else b""
        path = http.path.split("?", 1)[0]
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            self._respond(http, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        method = path[len(prefix):]
        params = self._decode(http.headers.get("Content-Type", ""), body)
        status, payload = self._dispatch(method, params)
        with self._state.lock:
            self._state.requests.append(Request(method, params, status, time.monotonic()))
            self._state.lock.notify_all()
        self._respond(http, status, payload)

    @staticmethod
    def _decode(content_type: str, body: bytes) -> dict[str, Any]:
        if not body:
            return {}
        if content_type.startswith("application/json"):
            raw: dict[str, Any] = json.loads(body)
        else:
            raw = {k: v[-1] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if key in _JSON_FIELDS and isinstance(value, str):
                value = json.loads(value)
            elif key in _INT_FIELDS and isinstance(value, str) and value.lstrip("-").isdigit():
                value = int(value)
            params[key] = value
        return params

    @staticmethod
    def _respond(http: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        http.send_response(status)
        http.send_header("Content-Type", "application/json")
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        try:
            http.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot cancelled a long poll while shutting down

    def _dispatch(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        handler: Callable[[dict[str, Any]], Any] | None = getattr(self, f"_api_{method}", None)
        if handler is None:
            with self._state.lock:
                self._state.unknown_methods.append(method)
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        failure = self._take_failure(method, params)
        if failure is not None:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, body
        return 200, {"ok": True, "result": handler(params)}

    def _take_failure(self, method: str, params: dict[str, Any]) -> _Failure | None:
        chat_id = params.get("chat_id")
        with self._state.lock:
            if method.startswith("send") and chat_id in self._state.forbidden_chats:
                return _Failure(403, "Forbidden: bot was blocked by the user")
            if method.startswith("send") and chat_id in self._state.missing_chats:
                return _Failure(400, "Bad Request: chat not found")
            queue = self._state.failures.get(method, [])
            if queue:
                failure = queue[0]
                failure.remaining -= 1
                if failure.remaining <= 0:
                    queue.pop(0)
                return failure
        return None

    # --- Bot API methods -------------------------------------------------------------------
    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        if str(params.get("drop_pending_updates", "")).lower() == "true":
            with self._state.lock:
                self._state.updates.clear()
        return True

    def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        deadline = time.monotonic() + wait
        with self._state.lock:
            # An offset confirms every earlier update, exactly as Telegram forgets them.
            self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
            while not self._state.updates and time.monotonic() < deadline:
                self._state.lock.wait(deadline - time.monotonic())
            batch = self._state.updates[:limit]
            now = time.monotonic()
            for update in batch:
                self._state.delivered_at.setdefault(update["update_id"], now)
            return batch

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": BOT_USER,
            "text": params["text"],
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        with self._state.lock:
            self._state.sent.setdefault(chat_id, []).append(message)
        return message

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    def _find_sent(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        for message in self._state.sent.get(chat_id, []):
            if message["message_id"] == message_id:
                return message
        raise AssertionError(f"edit of unknown message {message_id} in chat {chat_id}")

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._state.lock:
            message = self._find_sent(params)
            message["text"] = params["text"]
            message["edit_date"] = int(time.time())
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            else:
                message.pop("reply_markup", None)
            return dict(message)

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._state.lock:
            message = self._find_sent(params)
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            else:
                message.pop("reply_markup", None)
            return dict(message)

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        with self._state.lock:
            self._state.commands = list(params.get("commands") or [])
        return True

    def _api_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        with self._state.lock:
            return list(self._state.commands)

    # --- pushing updates -------------------------------------------------------------------
    def assert_well_behaved(self) -> None:
        """What every test's bot must have done: known methods only, callback data within
        Telegram's 64 bytes, HTML parse mode on every text, every button press answered."""
        assert self.unknown_methods == []
        for request in self.requests:
            for _, data in request.buttons:
                assert 0 < len(data.encode()) <= 64, data
            if request.method in ("sendMessage", "editMessageText"):
                assert request.params.get("parse_mode") == "HTML"
        answered = [r for r in self.requests if r.method == "answerCallbackQuery"]
        assert len(answered) == self.callbacks_pushed

    def push_update(self, payload: dict[str, Any]) -> int:
        """Queue a raw update (``update_id`` is added); returns the update id."""
        with self._state.lock:
            update_id = next(self._update_ids)
            self._state.updates.append({"update_id": update_id, **payload})
            self._state.lock.notify_all()
        return update_id

    def _message(self, user_id: int, chat_id: int | None, **fields: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(user_id if chat_id is None else chat_id),
            "from": _user(user_id),
            **fields,
        }

    def user_says(self, user_id: int, text: str, chat_id: int | None = None, **extra: Any) -> int:
        """A text message (a command if it starts with '/'); returns the update id."""
        fields: dict[str, Any] = {"text": text, **extra}
        entities = []
        if text.startswith("/"):
            command = text.split()[0]
            entities.append({"type": "bot_command", "offset": 0, "length": len(command)})
        for match in re.finditer(r"(?<![/\w])@\w+", text):  # Telegram marks @username mentions
            offset = len(text[: match.start()].encode("utf-16-le")) // 2
            entities.append({"type": "mention", "offset": offset, "length": len(match.group())})
        if entities:
            fields["entities"] = entities
        return self.push_update({"message": self._message(user_id, chat_id, **fields)})

    def reply_to_bot(self, user_id: int, text: str, chat_id: int) -> int:
        """A message in ``chat_id`` that replies to the bot's latest message there."""
        with self._state.lock:
            assert self._state.sent.get(chat_id), f"the bot has not written in chat {chat_id}"
            original = dict(self._state.sent[chat_id][-1])
        return self.user_says(user_id, text, chat_id=chat_id, reply_to_message=original)

    def user_says_with_id(self, user_id: int, text: str) -> tuple[int, int]:
        """A private text message; returns (update id, message id) for a later edit."""
        message = self._message(user_id, None, text=text)
        return self.push_update({"message": message}), message["message_id"]

    def edit_message(self, user_id: int, message_id: int, text: str) -> int:
        """The user edits one of their earlier private messages."""
        message = self._message(user_id, None, text=text, edit_date=int(time.time()))
        message["message_id"] = message_id
        return self.push_update({"edited_message": message})

    def send_sticker(self, user_id: int) -> int:
        """A sticker, which has no text."""
        sticker = {
            "file_id": "CAACAgIAAxkBAAIB",
            "file_unique_id": "AgADAQAD",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self.push_update({"message": self._message(user_id, None, sticker=sticker)})

    def send_location(self, user_id: int) -> int:
        """A shared location, which has no text."""
        location = {"latitude": 52.52, "longitude": 13.40}
        return self.push_update({"message": self._message(user_id, None, location=location)})

    def press_button(self, user_id: int, data: str, chat_id: int | None = None) -> int:
        """Press the inline button with ``data`` on the latest bot message that shows it.

        Fails (AssertionError) when no message in the chat carries that button.
        """
        chat = user_id if chat_id is None else chat_id
        with self._state.lock:
            for message in reversed(self._state.sent.get(chat, [])):
                markup = message.get("reply_markup") or {}
                datas = [b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row]
                if data in datas:
                    break
            else:
                raise AssertionError(f"no message in chat {chat} has a button {data!r}")
            query = {
                "id": str(next(self._message_ids)),
                "from": _user(user_id),
                "chat_instance": f"ci{chat}",
                "data": data,
                "message": dict(message),
            }
            self.callbacks_pushed += 1
        return self.push_update({"callback_query": query})

    def forbid_chat(self, chat_id: int) -> None:
        """Every later send to this chat fails with 403 (the user blocked the bot)."""
        with self._state.lock:
            self._state.forbidden_chats.add(chat_id)

    def lose_chat(self, chat_id: int) -> None:
        """Every later send to this chat fails with 400 chat not found."""
        with self._state.lock:
            self._state.missing_chats.add(chat_id)

    def fail_next(self, method: str, status: int, count: int = 1, retry_after: int | None = None) -> None:
        """The next ``count`` calls of ``method`` fail with ``status`` (429 with retry_after)."""
        description = {
            429: f"Too Many Requests: retry after {retry_after}",
            500: "Internal Server Error",
            502: "Bad Gateway",
        }.get(status, "Error")
        with self._state.lock:
            self._state.failures.setdefault(method, []).append(
                _Failure(status, description, retry_after, count)
            )

    # --- observing -------------------------------------------------------------------------
    @property
    def requests(self) -> list[Request]:
        """A snapshot of every request so far, in arrival order."""
        with self._state.lock:
            return list(self._state.requests)

    @property
    def unknown_methods(self) -> list[str]:
        """Methods the bot called that this fake does not implement."""
        with self._state.lock:
            return list(self._state.unknown_methods)

    @property
    def commands(self) -> list[str]:
        """The command names last registered with setMyCommands."""
        with self._state.lock:
            return [c["command"] for c in self._state.commands]

    def delivered_at(self, update_id: int) -> float | None:
        """When getUpdates first handed out this update (monotonic), or None."""
        with self._state.lock:
            return self._state.delivered_at.get(update_id)

    def calls(self, method: str, chat_id: int | None = None, ok_only: bool = True) -> list[Request]:
        """Recorded calls of ``method`` (to ``chat_id``), successful ones unless told otherwise."""
        return [
            r
            for r in self.requests
            if r.method == method
            and (chat_id is None or r.params.get("chat_id") == chat_id)
            and (not ok_only or r.status == HTTPStatus.OK)
        ]

    def messages(self, chat_id: int) -> list[Request]:
        """Successful sendMessage calls to a chat."""
        return self.calls("sendMessage", chat_id)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
        """Block until ``predicate()`` holds; AssertionError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._state.lock:  # an RLock: predicates may read the state too
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
                self._state.lock.wait(min(remaining, 0.05))

    def wait_for_messages(self, chat_id: int, n: int, timeout: float = 5.0) -> list[Request]:
        """Wait until at least ``n`` messages reached ``chat_id``; returns all of them."""
        self.wait_for(lambda: len(self.messages(chat_id)) >= n, timeout, f"{n} messages to {chat_id}")
        return self.messages(chat_id)

    def wait_for_calls(self, method: str, n: int, chat_id: int | None = None, timeout: float = 5.0) -> list[Request]:
        """Wait until ``method`` was called successfully at least ``n`` times."""
        self.wait_for(lambda: len(self.calls(method, chat_id)) >= n, timeout, f"{n} x {method}")
        return self.calls(method, chat_id)
